/**
 * A scene's consumer, played by the real Java client: one kafka-console-consumer process per consumer, with
 * the scene's group, assignors, session and commit settings. The Java consumer is the one the scenes model
 * (its auto-commit timer, its Range assignor sorting members by id, its LeaveGroup on close), and a process
 * can die for real: kill -9 is the scene's killConsumer (no LeaveGroup, no commit), SIGTERM its closeConsumer
 * (KafkaConsumer.close(): commit, LeaveGroup).
 *
 * client.id is the scene's consumer name, so Kafka's member id is "<name>-<uuid>": the replay finds each
 * member by its client id, and the Range assignor sorts members in the scene's order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from '../../src/engine';

export type AddConsumer = Extract<Command, { type: 'addConsumer' }>;

const ASSIGNOR_CLASS = {
  range: 'org.apache.kafka.clients.consumer.RangeAssignor',
  roundrobin: 'org.apache.kafka.clients.consumer.RoundRobinAssignor',
  sticky: 'org.apache.kafka.clients.consumer.StickyAssignor',
  'cooperative-sticky': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
} as const;

/** The Java consumer's properties for a scene's addConsumer (only what the scene sets; the rest stays default). */
export function consumerProperties(c: AddConsumer, clientId: string): Record<string, string> {
  const p: Record<string, string> = { 'client.id': clientId };
  if (c.assignor !== undefined)
    p['partition.assignment.strategy'] = (Array.isArray(c.assignor) ? c.assignor : [c.assignor])
      .map((a) => ASSIGNOR_CLASS[a])
      .join(',');
  if (c.autoCommit !== undefined) p['enable.auto.commit'] = String(c.autoCommit);
  if (c.autoCommitIntervalMs !== undefined) p['auto.commit.interval.ms'] = String(c.autoCommitIntervalMs);
  if (c.maxPollRecords !== undefined) p['max.poll.records'] = String(c.maxPollRecords);
  if (c.maxPollIntervalMs !== undefined) p['max.poll.interval.ms'] = String(c.maxPollIntervalMs);
  if (c.sessionTimeoutMs !== undefined) p['session.timeout.ms'] = String(c.sessionTimeoutMs);
  if (c.heartbeatIntervalMs !== undefined) p['heartbeat.interval.ms'] = String(c.heartbeatIntervalMs);
  if (c.autoOffsetReset !== undefined) p['auto.offset.reset'] = c.autoOffsetReset;
  if (c.groupInstanceId !== undefined) p['group.instance.id'] = c.groupInstanceId;
  if (c.requestTimeoutMs !== undefined) p['request.timeout.ms'] = String(c.requestTimeoutMs);
  if (c.metadataMaxAgeMs !== undefined) p['metadata.max.age.ms'] = String(c.metadataMaxAgeMs);
  return p;
}

export interface ConsumerProcess {
  readonly name: string;
  readonly proc: ChildProcess;
  /** What the process printed on stderr (its last lines), for a failure's message. */
  readonly errors: () => string;
}

/** Starts one console consumer in the scene's group on the (suffixed) topics. */
export function startConsoleConsumer(opts: {
  root: string;
  bootstrap: string;
  name: string;
  group: string;
  topics: readonly string[];
  properties: Record<string, string>;
}): ConsumerProcess {
  const topicArgs =
    opts.topics.length === 1
      ? ['--topic', opts.topics[0]!]
      : ['--include', `^(${opts.topics.map((t) => t.replace(/[.]/g, '\\.')).join('|')})$`];
  const args = [
    '--bootstrap-server',
    opts.bootstrap,
    ...topicArgs,
    '--group',
    opts.group,
    ...Object.entries(opts.properties).flatMap(([k, v]) => ['--command-property', `${k}=${v}`]),
  ];
  const proc = spawn(join(opts.root, 'bin', 'kafka-console-consumer.sh'), args, {
    cwd: opts.root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (d) => {
    err = (err + d).slice(-4000);
  });
  return { name: opts.name, proc, errors: () => err };
}

export const running = (c: ConsumerProcess) => c.proc.exitCode === null && c.proc.signalCode === null;

/** Stops a consumer: SIGKILL is a crash, SIGTERM a close (the console consumer's shutdown hook closes it). */
export async function stopConsumer(c: ConsumerProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (!running(c)) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  // bin/kafka-console-consumer.sh execs java, so the PID is the JVM's own.
  c.proc.kill(signal);
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
