/**
 * Live actions on the real cluster: each is POSTed to the bridge, which alone talks to Kafka; the answer
 * (or the refusal) becomes the stage's message. An action on a cluster the project did not start comes back
 * NEEDS_CONFIRMATION: it waits in the store for the operator's yes, then goes again with `confirmed`.
 */
import type { RealAction, RealActionRefusal, RealActionResult } from '../../reality/protocol';
import { REALITY_PATHS } from '../../reality/protocol';
import { predictPartition } from './real-produce';
import { realityStore, type TakenAction } from './reality-store';

/** What the operator reads for each refusal: what happened and what to do about it. */
export function refusalText(refusal: RealActionRefusal, message: string): string {
  switch (refusal) {
    case 'NEEDS_CONFIRMATION':
      return 'This cluster was not started by Kafka Stage: confirm to act on it.';
    case 'ADMIN_DISABLED':
      return 'Not done: destructive actions are off. Restart the bridge with --allow-admin to allow them.';
    case 'NOT_LOCAL':
      return 'Not done: only the local cluster that Kafka Stage started (npm run real) can have a broker killed or restarted.';
    case 'UNREACHABLE':
      return `Not done: the cluster is unreachable (${message}).`;
    case 'KAFKA_ERROR':
      return `Kafka refused: ${message}`;
    case 'BAD_REQUEST':
      return `Not done: ${message}`;
  }
}

/** The stage's line for an answer. */
export function resultText(result: RealActionResult): string {
  return result.ok ? result.message : refusalText(result.refusal, result.message);
}

/** Whether a control is offered at all: kill and restart only on the project's own local cluster. */
export function brokerControlsOffered(origin: 'local' | 'named' | undefined): boolean {
  return origin === 'local';
}

async function post(action: RealAction, confirmed: boolean): Promise<RealActionResult> {
  try {
    const response = await fetch(REALITY_PATHS.actions, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, ...(confirmed ? { confirmed: true } : {}) }),
    });
    return (await response.json()) as RealActionResult;
  } catch (error) {
    return { ok: false, refusal: 'UNREACHABLE', message: `the bridge did not answer (${String(error)})` };
  }
}

let nextId = 1;

/** Sends an action; its entry in the store gets the answer when it comes. */
export async function takeRealAction(action: RealAction, confirmed = false): Promise<void> {
  const id = nextId++;
  const { snapshot } = realityStore.getState();
  const entry: TakenAction = {
    id,
    action,
    result: null,
    predictedPartition:
      action.kind === 'produce' ? predictPartition(snapshot, action.topic, action.key) : null,
  };
  realityStore.setState((s) => ({ actions: [...s.actions.slice(-9), entry], confirming: null }));
  const result = await post(action, confirmed);
  realityStore.setState((s) => ({
    actions: s.actions.map((a) => (a.id === id ? { ...a, result } : a)),
    confirming: !result.ok && result.refusal === 'NEEDS_CONFIRMATION' ? action : s.confirming,
  }));
}

export function confirmPending(): void {
  const { confirming } = realityStore.getState();
  if (confirming) void takeRealAction(confirming, true);
}

export function cancelPending(): void {
  realityStore.setState({ confirming: null });
}
