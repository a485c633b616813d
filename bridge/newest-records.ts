/** The newest records of each partition, read from its leader and kept until its high watermark or log start moves. */
import { type Connection, fetchV17, type RecordsBatch } from '@platformatic/kafka';
import type { RealRecord } from '../src/reality/protocol';
import type { RawMetadata, RawPartitionOffsets, RawPoll } from '../src/reality/raw';
import { errorText, lenient } from './kafka-errors';

const decoder = new TextDecoder();
const text = (b: Buffer | undefined) => (b && b.length > 0 ? decoder.decode(b) : null);
/** Bit 3 of a batch's attributes: the broker stamped LogAppendTime (then maxTimestamp holds it). */
const LOG_APPEND_TIME = 0x08;

export function batchRecords(partition: number, batches: RecordsBatch[] | undefined): RealRecord[] {
  const out: RealRecord[] = [];
  for (const b of batches ?? [])
    for (const r of b.records)
      out.push({
        partition,
        offset: Number(b.firstOffset) + r.offsetDelta,
        // A null key and an empty one arrive alike from this client: both are drawn as no key.
        key: text(r.key),
        value: text(r.value),
        timestamp:
          b.attributes & LOG_APPEND_TIME
            ? Number(b.maxTimestamp)
            : Number(b.firstTimestamp + r.timestampDelta),
      });
  return out;
}

export class NewestRecords {
  /** The newest records read per partition, refetched only when its high watermark or log start moves. */
  readonly #cache = new Map<string, { hw: number; start: number; records: RealRecord[] }>();

  async read(
    topics: RawMetadata['topics'],
    offsets: RawPartitionOffsets[],
    conn: (id: number) => Promise<Connection>,
    records: number,
    failures: string[],
  ): Promise<RawPoll['newest']> {
    const at = new Map(offsets.map((o) => [`${o.topic}/${o.partition}`, o]));
    const topicIds = new Map<string, string>(topics.map((t) => [t.name, t.topicId]));
    const out: RawPoll['newest'] = [];
    const wanted = new Map<
      number,
      { topicId: string; topic: string; partition: number; from: number; hw: number; start: number }[]
    >();
    for (const t of topics) {
      if (t.isInternal) continue;
      for (const p of t.partitions) {
        const key = `${t.name}/${p.partitionIndex}`;
        const o = at.get(key);
        if (!o || o.highWatermark === null || o.logStartOffset === null) continue;
        const cached = this.#cache.get(key);
        if (cached && cached.hw === o.highWatermark && cached.start === o.logStartOffset) {
          out.push({ topic: t.name, partition: p.partitionIndex, records: cached.records });
          continue;
        }
        const id = topicIds.get(t.name);
        if (o.highWatermark === o.logStartOffset || p.leaderId < 0 || !id) {
          this.#cache.set(key, { hw: o.highWatermark, start: o.logStartOffset, records: [] });
          out.push({ topic: t.name, partition: p.partitionIndex, records: [] });
          continue;
        }
        const from = Math.max(o.logStartOffset, o.highWatermark - records);
        const list = wanted.get(p.leaderId) ?? [];
        list.push({
          topicId: id,
          topic: t.name,
          partition: p.partitionIndex,
          from,
          hw: o.highWatermark,
          start: o.logStartOffset,
        });
        wanted.set(p.leaderId, list);
      }
    }
    await Promise.all(
      [...wanted].map(async ([leader, list]) => {
        try {
          const byTopic = new Map<string, typeof list>();
          for (const w of list) byTopic.set(w.topicId, [...(byTopic.get(w.topicId) ?? []), w]);
          const r = await lenient(
            fetchV17.api.async(
              await conn(leader),
              0,
              1,
              4 << 20,
              0,
              0,
              -1,
              [...byTopic].map(([topicId, ws]) => ({
                topicId,
                partitions: ws.map((w) => ({
                  partition: w.partition,
                  currentLeaderEpoch: -1,
                  fetchOffset: BigInt(w.from),
                  lastFetchedEpoch: -1,
                  partitionMaxBytes: 256 << 10,
                })),
              })),
              [],
              '',
            ),
          );
          for (const w of list) {
            const part = r.responses
              .find((x) => x.topicId === w.topicId)
              ?.partitions.find((x) => x.partitionIndex === w.partition);
            if (part?.errorCode !== 0) continue;
            const got = batchRecords(w.partition, part.records).filter(
              (x) => x.offset >= w.from && x.offset < w.hw,
            );
            this.#cache.set(`${w.topic}/${w.partition}`, { hw: w.hw, start: w.start, records: got });
            out.push({ topic: w.topic, partition: w.partition, records: got });
          }
        } catch (e) {
          failures.push(`newest records from broker ${leader}: ${errorText(e)}`);
        }
      }),
    );
    return out;
  }
}
