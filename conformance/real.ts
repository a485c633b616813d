/**
 * The real cluster as the conformance tests see it: run a scene's "run it for real" command as written
 * (only the bootstrap address and, where scenes share a name, the topic are swapped), keep long-running
 * clients as background processes stopped by PID, and read what the tools print.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
// Typed by cluster.d.mts beside it, one description for the bridge and the conformance suite.
import * as clusterModule from '../scripts/kafka/cluster.mjs';

export const cluster = clusterModule;
export const ROOT = cluster.ROOT;

/** The suite's own cluster: its own storage and ports, so a `npm run kafka` of the developer can run beside it. */
export const SUITE = {
  home: join(ROOT, '.kafka', 'conformance'),
  port: Number(process.env.KAFKA_STAGE_TEST_PORT ?? 19192),
};
export const BROKERS = 3;
/** Every broker of the suite's cluster: a tool still finds the cluster while broker 0 is killed. */
export const bootstrap = () =>
  Array.from({ length: BROKERS }, (_, i) => `127.0.0.1:${SUITE.port + 2 * i}`).join(',');

/** One shell command from a scene's list: continuation lines joined, comments dropped, `> ` lines as stdin. */
export interface ShownCommand {
  readonly shell: string;
  readonly stdin: readonly string[];
}

/** Splits a scene's realCommands into the commands a learner types, in order. */
export function shownCommands(realCommands: readonly string[]): ShownCommand[] {
  const out: ShownCommand[] = [];
  for (const block of realCommands) {
    const lines = block.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      if (line.startsWith('> ')) {
        const last = out.at(-1);
        if (last) (last.stdin as string[]).push(line.slice(2));
        continue;
      }
      // A comment after the command ("   # twice") is the stage's aside, not part of the command.
      const shell = line.replace(/\s{2,}#.*$/, '').trim();
      if (shell === '' || shell.startsWith('#') || shell.startsWith('--') || shell.startsWith('ksql>'))
        continue;
      out.push({ shell, stdin: [] });
    }
  }
  return out.filter((c) => /^(bin\/kafka-|kcat )/.test(c.shell));
}

/** The address swap (and per-scene topic names) that make a shown command run against the suite's cluster. */
export function forSuite(shell: string, topics: Readonly<Record<string, string>> = {}): string {
  let s = shell.replaceAll('localhost:9092', bootstrap());
  for (const [from, to] of Object.entries(topics))
    s = s.replace(new RegExp(`(?<=[ =])${from}(?=$| )`, 'g'), to);
  return s;
}

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command line with bash from the project's root (bin/... resolves as in the distribution's folder). */
export function sh(line: string, { input, timeoutMs = 90_000 }: { input?: string; timeoutMs?: number } = {}) {
  const r = spawnSync('bash', ['-c', line], { cwd: ROOT, encoding: 'utf8', input, timeout: timeoutMs });
  const result: RunResult = { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  return result;
}

/** Like sh, but a failing command fails the test with what it printed. */
export function shOk(line: string, opts: { input?: string; timeoutMs?: number } = {}): string {
  const r = sh(line, opts);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${line}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const background = new Set<ChildProcess>();

/** A client that runs until stopped (a console consumer in a group): its output is collected. */
export function startBackground(line: string, cwd = ROOT): { proc: ChildProcess; output: () => string } {
  const proc = spawn('bash', ['-c', `exec ${line}`], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', () => {});
  background.add(proc);
  proc.on('exit', () => background.delete(proc));
  return { proc, output: () => out };
}

/** Stops one background client (SIGKILL: a crash; SIGTERM: the console consumer closes and leaves). */
export async function stopBackground(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Every client still running: called after each test, pass or fail. */
export async function stopAllBackground() {
  await Promise.all([...background].map((p) => stopBackground(p, 'SIGKILL')));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check returns a value (not undefined) or the time runs out; returns it and the time taken. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined,
  { timeoutMs = 90_000, everyMs = 1000 } = {},
): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return { value, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
}

/**
 * Reads a whole topic from the beginning to its end with kcat (librdkafka's consumer, no group: it starts in
 * milliseconds and stops at the end of every partition), printing partition, offset and key.
 * Sorted by partition and offset, as the engine's records are.
 */
export function readTopic(topic: string): ConsumedRecord[] {
  const out = shOk(
    `kcat -b ${bootstrap()} -C -t ${topic} -o beginning -e -q -f 'Partition:%p|Offset:%o|%k|%s\\n'`,
  );
  return parseConsumed(out.replaceAll(/\|\|/g, '|null|'));
}

/** "Partition:1|Offset:0|alice|login" lines (the formatter's separator is set to |). */
export function parseConsumed(out: string): ConsumedRecord[] {
  const records: ConsumedRecord[] = [];
  for (const line of out.split('\n')) {
    const m = /^Partition:(\d+)\|Offset:(\d+)\|([^|]*)\|(.*)$/.exec(line);
    if (!m) continue;
    records.push({
      partition: Number(m[1]),
      offset: Number(m[2]),
      key: m[3] === 'null' ? null : m[3]!,
      value: m[4]!,
    });
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

export interface GroupRow {
  readonly topic: string;
  readonly partition: number;
  readonly currentOffset: number | null;
  readonly logEndOffset: number;
  readonly lag: number | null;
  readonly consumerId: string;
}

/** kafka-consumer-groups --describe's table, one row per partition. */
export function parseGroupDescribe(out: string): GroupRow[] {
  const rows: GroupRow[] = [];
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7 || f[0] === 'GROUP' || !/^\d+$/.test(f[2] ?? '')) continue;
    const num = (s: string | undefined) => (s === undefined || s === '-' ? null : Number(s));
    rows.push({
      topic: f[1]!,
      partition: Number(f[2]),
      currentOffset: num(f[3]),
      logEndOffset: Number(f[4]),
      lag: num(f[5]),
      consumerId: f[6]!,
    });
  }
  return rows.sort((a, b) => a.partition - b.partition);
}

export function describeGroup(group: string): GroupRow[] {
  return parseGroupDescribe(
    sh(`bin/kafka-consumer-groups.sh --bootstrap-server ${bootstrap()} --describe --group ${group}`).stdout,
  );
}

/** Committed offset per partition, from --describe (partitions never committed are left out). */
export function committedOffsets(rows: readonly GroupRow[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of rows) if (r.currentOffset !== null) out[r.partition] = r.currentOffset;
  return out;
}

/** How many partitions each member owns, largest first. */
export function assignmentShape(rows: readonly GroupRow[]): number[] {
  const counts = new Map<string, number>();
  for (const r of rows)
    if (r.consumerId !== '-') counts.set(r.consumerId, (counts.get(r.consumerId) ?? 0) + 1);
  return [...counts.values()].sort((a, b) => b - a);
}

export interface PartitionInfo {
  readonly partition: number;
  readonly leader: number | null;
  readonly replicas: number[];
  readonly isr: number[];
  readonly elr: number[];
}

/** kafka-topics --describe, per partition. */
export function describeTopic(topic: string): PartitionInfo[] {
  const out = shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --describe --topic ${topic}`);
  const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean).map(Number) : []);
  const parts: PartitionInfo[] = [];
  for (const line of out.split('\n')) {
    const m = /Partition:\s*(\d+)\s+Leader:\s*(-?\d+|none)\s+Replicas:\s*([\d,]*)\s+Isr:\s*([\d,]*)/.exec(
      line,
    );
    if (!m) continue;
    const elr = /Elr:\s*([\d,]*)/.exec(line);
    parts.push({
      partition: Number(m[1]),
      leader: m[2] === 'none' || Number(m[2]) < 0 ? null : Number(m[2]),
      replicas: list(m[3]),
      isr: list(m[4]).sort(),
      elr: list(elr?.[1]).sort(),
    });
  }
  return parts;
}

export function hasKcat(): boolean {
  return spawnSync('kcat', ['-V'], { encoding: 'utf8' }).status === 0;
}
