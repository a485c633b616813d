/**
 * The project's own cluster (scripts/kafka/cluster.mjs): its recorded PIDs, kill -9 of one broker, and
 * starting that node again exactly as `npm run kafka` started it. Only for origin 'local'.
 */
// Typed by cluster.d.mts beside it, one description for the bridge and the conformance suite.
import * as clusterModule from '../scripts/kafka/cluster.mjs';
import type { LocalNode } from '../src/reality/raw';

export const cluster = clusterModule;

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
