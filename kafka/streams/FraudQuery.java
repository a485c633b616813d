import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The talk's fraud query as the Kafka Streams topology ksqlDB compiles it to (ksqlDB is not on Maven Central,
 * Kafka Streams is): re-key by card_number (a repartition), a windowed count, and HAVING count(*) > N as a
 * filter on the count's changes. Each change that passes is written as key "card@windowStartMs", value the
 * count, so the conformance suite can compare every row with the engine's POSSIBLE_FRAUD.
 *
 * The record cache is off (statestore.cache.max.bytes=0) so every update is emitted, one per input record, as
 * the stage draws EMIT CHANGES; ksqlDB's default cache would coalesce updates that arrive within one commit
 * interval (the scene's attempts are minutes apart in real time, so it would not).
 *
 * Usage: FraudQuery <bootstrap> <input> <output> <application.id> <sizeMinutes> <advanceMinutes> <threshold>
 */
public final class FraudQuery {
  private static final Pattern CARD = Pattern.compile("\"card_number\"\\s*:\\s*\"([^\"]*)\"");

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], input = args[1], output = args[2], applicationId = args[3];
    Duration size = Duration.ofMinutes(Long.parseLong(args[4]));
    Duration advance = Duration.ofMinutes(Long.parseLong(args[5]));
    long threshold = Long.parseLong(args[6]);

    // ksqlDB 0.29 without GRACE PERIOD: Kafka Streams' old default of 24 hours. The scene's attempts come in
    // time order, so no record is late and the grace decides nothing here.
    TimeWindows windows = TimeWindows.ofSizeAndGrace(size, Duration.ofHours(24)).advanceBy(advance);

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .selectKey((key, value) -> {
          Matcher m = CARD.matcher(value);
          return m.find() ? m.group(1) : null;
        })
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .windowedBy(windows)
        .count(Materialized.with(Serdes.String(), Serdes.Long()))
        .toStream()
        .filter((windowed, count) -> count != null && count > threshold)
        .map((windowed, count) ->
            KeyValue.pair(windowed.key() + "@" + windowed.window().start(), Long.toString(count)))
        .to(output, Produced.with(Serdes.String(), Serdes.String()));

    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("fraud-query").toString());
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    KafkaStreams streams = new KafkaStreams(builder.build(), p);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(10));
      stopped.countDown();
    }));
    streams.start();
    stopped.await();
  }
}
