/**
 * The types of cluster.mjs (a plain module shared with `npm run kafka`) for the TypeScript that drives the
 * same cluster: the bridge (local-cluster.ts) and the conformance suite (conformance/real.ts).
 */

/** A node as pids.json records it. */
export interface RecordedNode {
  readonly id: number;
  readonly pid: number;
  readonly roles: string;
  /** host:port of its broker listener, for a node that is a broker. */
  readonly broker?: string;
  readonly log?: string;
}

interface Where {
  home?: string;
  port?: number;
}

export const ROOT: string;
export function settings(o?: Where): { home: string; port: number; pidFile: string };
export function readPids(home: string): { bootstrap: string; nodes: RecordedNode[] } | null;
export function signalNode(id: number, signal: NodeJS.Signals, o?: Where): boolean;
export function tool(
  script: string,
  args: string[],
  o?: { timeout?: number; input?: string },
): { status: number; stdout: string; stderr: string };
export function restartNode(id: number, o?: Where): number;
export function nodeRunning(id: number, o?: Where): boolean;
export function readyBrokers(bootstrap: string): number[];
export function startCluster(
  o: { brokers: number; fresh?: boolean; log?: (s: string) => void } & Where,
): Promise<{ bootstrap: string; home: string; nodes: RecordedNode[] }>;
export function stopCluster(o: { log?: (s: string) => void } & Where): number[];
