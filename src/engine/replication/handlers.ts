/** The replication module's contribution to step()'s registries. */
import { isolateBrokerFromPeers } from '../broker/broker-lifecycle';
import type { ModuleHandlers } from '../core/module';
import { brokerIdOf } from '../core/types';
import type { ReplicationCommand } from './commands';
import { onSessionExpired } from './controller';
import { onReplicaFetchResponse } from './fetcher';
import { onIsrExpirationCheck } from './isr';
import { electLeaders } from './leader-election-command';
import { onReplicaFetch, onReplicaFetchExpired } from './leader-fetch';
import type { ReplicationMessagePayloads, ReplicationTimerPayloads } from './protocol';
import { reassignPartition } from './reassignment';

export const replicationHandlers: ModuleHandlers<
  ReplicationCommand,
  ReplicationMessagePayloads,
  ReplicationTimerPayloads
> = {
  commands: { isolateBrokerFromPeers, electLeaders, reassignPartition },
  messages: {
    replicaFetch: (tx, m) => onReplicaFetch(tx, brokerIdOf(m.to), brokerIdOf(m.from), m),
    replicaFetchResponse: (tx, m) => onReplicaFetchResponse(tx, brokerIdOf(m.to), brokerIdOf(m.from), m),
  },
  timers: {
    replicaFetchExpired: (tx, t) =>
      onReplicaFetchExpired(tx, t.payload.leader, t.payload.follower, t.payload.fetchId),
    brokerSessionExpired: (tx, t) => onSessionExpired(tx, t.payload.broker),
    isrExpirationCheck: (tx) => onIsrExpirationCheck(tx),
  },
};
