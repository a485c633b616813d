/**
 * The project's own cluster (scripts/kafka/cluster.mjs): its recorded PIDs, kill -9 of one broker, and
 * starting that node again exactly as `npm run kafka` started it. Only for origin 'local'.
 */
// @ts-expect-error: a plain .mjs module shared with `npm run kafka`; its exports are used as typed below.
import * as clusterModule from '../scripts/kafka/cluster.mjs';
import type { LocalNode } from '../src/reality/raw';

interface RecordedNode extends LocalNode {
  roles: string;
}
interface ClusterApi {
  ROOT: string;
  settings(o?: { home?: string }): { home: string; port: number; pidFile: string };
  readPids(home: string): { bootstrap: string; nodes: RecordedNode[] } | null;
  signalNode(id: number, signal: NodeJS.Signals, o: { home?: string }): boolean;
  tool(
    script: string,
    args: string[],
    o?: { timeout?: number },
  ): { status: number; stdout: string; stderr: string };
  restartNode(id: number, o: { home?: string }): number;
  nodeRunning(id: number, o: { home?: string }): boolean;
  startCluster(o: {
    brokers: number;
    fresh?: boolean;
    home?: string;
    port?: number;
    log?: (s: string) => void;
  }): Promise<{
    bootstrap: string;
    home: string;
    nodes: RecordedNode[];
  }>;
  stopCluster(o: { home?: string; port?: number; log?: (s: string) => void }): number[];
}
export const cluster = clusterModule as unknown as ClusterApi;

export class LocalCluster {
  readonly home: string;
  constructor(home: string) {
    this.home = home;
  }

  /** The recorded nodes; a restarted node's new PID is read again from pids.json. */
  nodes(): LocalNode[] {
    return (cluster.readPids(this.home)?.nodes ?? []).map((n) => ({
      id: n.id,
      pid: n.pid,
      ...(n.broker ? { broker: n.broker } : {}),
    }));
  }

  bootstrap(): string | null {
    return cluster.readPids(this.home)?.bootstrap ?? null;
  }

  isBroker(id: number) {
    return this.nodes().some((n) => n.id === id && n.broker);
  }

  running(id: number) {
    return cluster.nodeRunning(id, { home: this.home });
  }

  /** kill -9: the broker dies without a controlled shutdown, as a crash would. */
  kill(id: number): number | null {
    const pid = this.nodes().find((n) => n.id === id)?.pid ?? null;
    return cluster.signalNode(id, 'SIGKILL', { home: this.home }) ? pid : null;
  }

  restart(id: number): number {
    return cluster.restartNode(id, { home: this.home });
  }
}
