/**
 * exactly-once on real Kafka 4.2.1: the idempotent console producer's sequence numbers, two console
 * consumers (read_committed and read_uncommitted) beside the Java client's transactional API typed into
 * jshell, kafka-transactions.sh list/describe while the transaction is open and after, and the input offset
 * committed with the transaction. Compared with the engine: who reads what, the markers as offset gaps, the
 * transaction's state and producer epoch, and the committed offset.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineState } from '../../src/engine';
import { deliberate } from '../differences';
import { engineStateAfter } from '../engine-facts';
import {
  bootstrap,
  committedOffsets,
  parseGroupDescribe,
  ROOT,
  sh,
  sleep,
  startBackground,
  stopAllBackground,
  waitFor,
} from '../real';
import { ShownCommands, sceneById } from '../scene-support';

const scene = sceneById('exactly-once');
const TOPIC = 'payments-exactly-once';
const INPUT = 'orders-exactly-once';
const shown = new ShownCommands(scene, { payments: TOPIC, orders: INPUT });
const stepIndex = (title: string) => scene.steps.findIndex((s) => s.title === title);
const engineAt = (title: string): EngineState => engineStateAfter(scene, stepIndex(title));
const txnOf = (s: EngineState) => s.transactions.transactions['pay-app-tx']!;
const engineOffset = (s: EngineState, value: string) => {
  for (const p of s.topics.payments!.partitions)
    for (const r of p.logs[p.leader!]!.items) if (r?.value === value && !r.control) return r.offset;
  return undefined;
};

/** "Partition:0\tOffset:1\tA": the console consumer's formatter with print.partition and print.offset. */
function printed(out: string) {
  return [...out.matchAll(/^Partition:(\d+)\tOffset:(\d+)\t(.*)$/gm)].map((m) => ({
    partition: Number(m[1]),
    offset: Number(m[2]),
    value: m[3]!,
  }));
}
const values = (out: string) => printed(out).map((r) => r.value);

/** The rows of a kafka-transactions.sh table, by its header's column names (the header holds `first`). */
function tableRows(out: string, first: string): Record<string, string>[] {
  const lines = out.split('\n').filter((l) => l.trim().length > 0);
  const header = lines.findIndex(
    (l) => l.trim().startsWith(first) || l.includes(`\t${first}`) || l.includes(` ${first}`),
  );
  if (header < 0) return [];
  const cols = lines[header]!.trim().split(/\s+/);
  return lines.slice(header + 1).map((line) => {
    const cells = line.trim().split(/\s+/);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** kafka-transactions.sh describe's one row. */
function describeRow(out: string): Record<string, string> {
  const row = tableRows(out, 'CoordinatorId')[0];
  if (!row) throw new Error(`no describe table in:\n${out}`);
  return row;
}

/**
 * The jshell session the scene shows, on the suite's cluster, its topics and the cached jars. (shownCommands
 * keeps only bin/kafka-* commands, so the session's lines are read from the scene's block here.)
 */
function jshellLines(): string[] {
  const block = scene.realCommands.find((b) => b.includes('jshell --class-path'));
  if (!block) throw new Error('exactly-once shows no jshell session');
  return block
    .split('\n')
    .filter((l) => l.startsWith('> '))
    .map((l) =>
      l
        .slice(2)
        .replaceAll('localhost:9092', bootstrap())
        .replaceAll('"payments"', `"${TOPIC}"`)
        .replaceAll('"orders"', `"${INPUT}"`),
    );
}

describe('exactly-once on real Kafka', () => {
  afterAll(stopAllBackground);

  it('creates the topics as shown', () => {
    deliberate('topic-names-per-scene');
    expect(shown.runOk(/--create --topic payments/).stdout).toContain(`Created topic ${TOPIC}`);
    expect(shown.runOk(/--create --topic orders/).stdout).toContain(`Created topic ${INPUT}`);
  });

  it('the console producer is idempotent by default: a producer id, epoch 0, sequence numbers from 0', () => {
    shown.runOk(/kafka-console-producer.sh/);
    // The console producer's partitioner picks P0 or P1 for each batch: count the sequence numbers on both.
    const p0 = shown.runOk(/describe-producers/).stdout;
    const p1 = sh(shown.pick(/describe-producers/).shell.replace('--partition 0', '--partition 1')).stdout;
    const rows = [p0, p1].flatMap((out) => tableRows(out, 'ProducerId'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.ProducerEpoch, 'ProducerEpoch').toBe('0');
    const sequences = rows.reduce((n, r) => n + Number(r.LastSequence) + 1, 0);
    const engine = engineAt('Same sequence number: dropped');
    const checkout = engine.topics.payments!.partitions[0]!.producerSequences.checkout!;
    // Two records, numbered from 0 by one producer id, whichever partitions they went to.
    expect(sequences).toBe(checkout.lastSequence + 1);
    expect(engine.transactions.producerIds.checkout!.producerEpoch).toBe(0);
  });

  it('read_committed stops at the open transaction, gets the committed records, never the aborted ones', async () => {
    const rc = startBackground(shown.pick(/--isolation-level read_committed/).shell);
    shown.mark(shown.pick(/--isolation-level read_committed/).index);
    const ru = startBackground(shown.pick(/--isolation-level read_uncommitted/).shell);
    shown.mark(shown.pick(/--isolation-level read_uncommitted/).index);
    const lines = jshellLines();
    const js = startBackground(`jshell --class-path "${ROOT}/.kafka/lib/*"`);
    let said = '';
    const type = (ls: readonly string[]) => {
      for (const l of ls) js.proc.stdin?.write(`${l}\n`);
      said += ls.join('\n');
    };
    const describeTxn = () => describeRow(shown.runOk(/describe --transactional-id/).stdout);

    deliberate('transaction-protocol-in-one-step');
    deliberate('sequences-across-epochs');
    // Up to the open transaction: init, begin, both sends, the offsets, flush.
    type(lines.slice(0, 6));
    await waitFor('read_uncommitted to read o1-pay and o1-mail', () =>
      ['o1-pay', 'o1-mail'].every((v) => values(ru.output()).includes(v)) ? true : undefined,
    );
    await sleep(3000);
    expect(values(rc.output())).not.toContain('o1-pay');
    expect(values(rc.output())).not.toContain('o1-mail');
    expect(shown.runOk(/kafka-transactions.sh .* list$/).stdout).toContain('pay-app-tx');
    const open = describeTxn();
    const openEngine = txnOf(engineAt('Only up to the LSO'));
    expect(open.TransactionState).toBe(openEngine.state);
    expect(Number(open.ProducerEpoch)).toBe(openEngine.producerEpoch);
    expect(open.TopicPartitions).toContain(`${TOPIC}-0`);
    expect(open.TopicPartitions).toContain(`${TOPIC}-1`);

    // The commit: read_committed gets both records; the input offset is committed with them.
    type(lines.slice(6, 7));
    await waitFor('read_committed to read o1-pay and o1-mail', () =>
      ['o1-pay', 'o1-mail'].every((v) => values(rc.output()).includes(v)) ? true : undefined,
    );
    const committedEngine = engineAt('Commit: a marker on each partition');
    const done = await waitFor('CompleteCommit', () => {
      const d = describeTxn();
      return d.TransactionState === 'CompleteCommit' ? d : undefined;
    });
    expect(done.value.TransactionState).toBe(txnOf(committedEngine).state);
    expect(Number(done.value.ProducerEpoch)).toBe(txnOf(committedEngine).producerEpoch);
    const group = parseGroupDescribe(shown.runOk(/--describe --group pay-app/).stdout);
    expect(committedOffsets(group.filter((r) => r.topic === INPUT))).toEqual({ 0: 1 });

    // The abort: read_uncommitted reads o2-pay and o2-mail, read_committed never does.
    type(lines.slice(7));
    js.proc.stdin?.write('/exit\n');
    await waitFor('read_uncommitted to read o2-pay and o2-mail', () =>
      ['o2-pay', 'o2-mail'].every((v) => values(ru.output()).includes(v)) ? true : undefined,
    );
    await sleep(3000);
    expect(values(rc.output())).not.toContain('o2-pay');
    expect(values(rc.output())).not.toContain('o2-mail');
    const aborted = engineAt('read_committed never sees them');
    const after = describeTxn();
    expect(after.TransactionState).toBe(txnOf(aborted).state);
    expect(Number(after.ProducerEpoch)).toBe(txnOf(aborted).producerEpoch);
    expect(
      committedOffsets(
        parseGroupDescribe(shown.runOk(/--describe --group pay-app/).stdout).filter((r) => r.topic === INPUT),
      ),
    ).toEqual({ 0: 1 });

    // The COMMIT marker is an offset no consumer gets: o2 lands two offsets after o1 on each partition.
    const real = printed(ru.output());
    for (const [first, second] of [
      ['o1-pay', 'o2-pay'],
      ['o1-mail', 'o2-mail'],
    ] as const) {
      const gap = real.find((r) => r.value === second)!.offset - real.find((r) => r.value === first)!.offset;
      expect(gap).toBe(engineOffset(aborted, second)! - engineOffset(aborted, first)!);
    }
    expect(said.length).toBeGreaterThan(0);
  }, 300_000);

  it('ran every shown command', () => {
    expect(shown.notRun()).toEqual([]);
  });
});
