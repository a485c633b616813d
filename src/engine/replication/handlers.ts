/** The replication module's contribution to step()'s registries. */
import { isolateBrokerFromPeers } from '../broker/broker-lifecycle';
import type { ModuleHandlers } from '../core/module';
import { onSessionExpired } from './controller';
import { onReplicaFetchResponse } from './fetcher';
import { onIsrExpirationCheck } from './isr';
import { electLeaders } from './leader-election-command';
import { onReplicaFetch, onReplicaFetchExpired } from './leader-fetch';
import { reassignPartition } from './reassignment';

const brokerIdOf = (node: string): number => Number(node.slice('broker:'.length));

export const replicationHandlers: ModuleHandlers = {
  commands: { isolateBrokerFromPeers, electLeaders, reassignPartition },
  messages: {
    replicaFetch: (tx, m) => onReplicaFetch(tx, brokerIdOf(m.to), brokerIdOf(m.from), m),
    replicaFetchResponse: (tx, m) => onReplicaFetchResponse(tx, brokerIdOf(m.to), brokerIdOf(m.from), m),
  },
  timers: {
    replicaFetchExpired: (tx, t) =>
      onReplicaFetchExpired(
        tx,
        t.payload.leader as number,
        t.payload.follower as number,
        t.payload.fetchId as string,
      ),
    brokerSessionExpired: (tx, t) => onSessionExpired(tx, t.payload.broker as number),
    isrExpirationCheck: (tx) => onIsrExpirationCheck(tx),
  },
};
