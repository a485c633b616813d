import { describe, expect, it } from 'vitest';
import { PROPERTY_FLAG_NOTE, SCRIPT_NAMES_NOTE } from './real-commands';
import { scenes } from './registry';

/** A scene's "run it for real" commands as one text, each command on its own lines. */
const textOf = (commands: readonly string[]) => commands.join('\n');

/** Kafka's command-line tools as a learner types them, with or without the distribution's bin/ and .sh. */
const kafkaTools = (text: string) =>
  [...text.matchAll(/(?:^|[\s(])((?:bin\/)?kafka-[a-z-]+(?:\.sh)?)(?=\s|$)/gm)].map((m) => m[1]!);

describe("every scene's run-it-for-real commands", () => {
  it("name Kafka's tools as the Apache distribution does (bin/kafka-*.sh), and say once that Confluent drops .sh", () => {
    for (const scene of scenes) {
      for (const tool of kafkaTools(textOf(scene.realCommands))) {
        if (tool.startsWith('kafka-server-stop') && /without --node-id/.test(textOf(scene.realCommands)))
          continue;
        expect(tool, `${scene.id}: ${tool}`).toMatch(/^bin\/kafka-[a-z-]+\.sh$/);
      }
    }
    const first = scenes.find((s) => kafkaTools(textOf(s.realCommands)).length > 0);
    expect(first?.realCommands).toContain(SCRIPT_NAMES_NOTE);
  });

  it('say that Kafka 4.2 deprecates --property, --producer-property and --consumer-property wherever they use one', () => {
    for (const scene of scenes) {
      if (/--(property|producer-property|consumer-property) /.test(textOf(scene.realCommands)))
        expect(scene.realCommands, scene.id).toContain(PROPERTY_FLAG_NOTE);
    }
  });

  it('crash a broker with kill -9, not a clean stop (which moves leadership and loses nothing)', () => {
    for (const scene of scenes) {
      const text = textOf(scene.realCommands);
      if (/kafka-server-stop|docker compose stop/.test(text)) expect(text, scene.id).toMatch(/kill -9/);
    }
  });

  it("start, in the wrap-up's setup, as many brokers as the highest replication factor any command asks for", () => {
    const needed = Math.max(
      ...scenes.flatMap((s) =>
        [...textOf(s.realCommands).matchAll(/--replication-factor (\d+)/g)].map((m) => Number(m[1])),
      ),
    );
    expect(needed).toBe(3);
    const setup = textOf(scenes.find((s) => s.id === 'wrap-up')!.realCommands);
    const started = [...setup.matchAll(/^bin\/kafka-server-start\.sh (?:-daemon )?(\S+)$/gm)].map(
      (m) => m[1]!,
    );
    expect(new Set(started).size).toBeGreaterThanOrEqual(needed);
    // Each node's storage is formatted, with one cluster id, before it starts.
    for (const config of started) {
      const format = setup.indexOf(`bin/kafka-storage.sh format -t "$KAFKA_CLUSTER_ID" -c ${config}`);
      expect(format, `${config} formatted`).toBeGreaterThanOrEqual(0);
      expect(format).toBeLessThan(setup.indexOf(`kafka-server-start.sh -daemon ${config}`));
    }
    // The configs come from one loop over the node ids, which sets node.id and lists every node as a voter.
    const ids = /^for i in ([\d ]+); do$/m.exec(setup)![1]!.split(' ');
    expect(started).toEqual(ids.map((i) => `config/server-${i}.properties`));
    expect(setup).toContain('s/^node.id=.*/node.id=$i/');
    const voters = /controller\.quorum\.voters=(\S+?)"/.exec(setup)![1]!.split(',');
    expect(voters.map((v) => v.split('@')[0])).toEqual(ids);
    expect(new Set(voters.map((v) => v.split(':')[1])).size).toBe(ids.length);
  });

  it('run as a whole on a fresh ksqlDB: every source declared (with PARTITIONS) before it is queried, fed, and its result selected', () => {
    const ksqlScenes = scenes.filter((s) => /CREATE (TABLE|STREAM) \w+ AS/i.test(textOf(s.realCommands)));
    expect(ksqlScenes.map((s) => s.id)).toEqual(expect.arrayContaining(['fraud-query', 'streaming-toolset']));
    for (const scene of ksqlScenes) {
      const text = textOf(scene.realCommands);
      const query = text.search(/CREATE (TABLE|STREAM) \w+ AS/i);
      const statement = text.slice(query, text.indexOf(';', query));
      for (const [, source] of statement.matchAll(/FROM (\w+)/gi)) {
        const declared = new RegExp(`CREATE STREAM ${source}\\b[^;]*PARTITIONS\\s*=\\s*\\d+[^;]*;`, 'i');
        expect(text.slice(0, query), `${scene.id}: ${source} declared before the query`).toMatch(declared);
        expect(text, `${scene.id}: something writes to ${source}`).toMatch(
          new RegExp(`INSERT INTO ${source}\\b[^;]*VALUES`, 'i'),
        );
      }
      expect(text, `${scene.id}: reads from the beginning`).toMatch(
        /SET 'auto\.offset\.reset' = 'earliest';/,
      );
      const sink = /CREATE (?:TABLE|STREAM) (\w+) AS/i.exec(text)![1]!;
      expect(text.slice(query), `${scene.id}: shows the rows of ${sink}`).toMatch(
        new RegExp(`SELECT \\* FROM ${sink} EMIT CHANGES`, 'i'),
      );
    }
  });
});
