/**
 * The protocol's guarantees are compile-time ones: `npm run typecheck` fails if any @ts-expect-error below
 * stops being an error. The test itself only keeps the values used.
 */
import { describe, expect, it } from 'vitest';
import type { MessageHandlers, TimerHandlers } from './module';
import type { CoreMessagePayloads, CoreTimerPayloads } from './protocol';
import { initialState } from './step';
import { Tx } from './tx';

describe('the typed protocol', () => {
  it('makes a wrong payload, an unknown kind, a missing handler and a stray handler compile errors', () => {
    const tx = new Tx(initialState(1));
    // @ts-expect-error: a produce request has no `offset`, and lacks its batch
    const wrongPayload = () => tx.send('produceRequest', 'producer:p', 'broker:0', { offset: 1 });
    // @ts-expect-error: there is no such timer
    const unknownKind = () => tx.schedule('noSuchTimer', 0, {});
    // @ts-expect-error: produceResponse has no handler
    const missing: MessageHandlers<CoreMessagePayloads> = { produceRequest: () => undefined };
    const stray: MessageHandlers<CoreMessagePayloads> = {
      produceRequest: () => undefined,
      produceResponse: () => undefined,
      // @ts-expect-error: a handler for a kind that does not exist
      noSuchMessage: () => undefined,
    };
    const typed: Pick<TimerHandlers<CoreTimerPayloads>, 'lingerExpired'> = {
      // The payload is typed by kind: no cast to read it.
      lingerExpired: (_tx, t) => void t.payload.batchId.toUpperCase(),
    };
    expect([wrongPayload, unknownKind, missing, stray, typed]).toHaveLength(5);
  });
});
