/** Commands of replication (issue 5), beyond the core's killBroker/restartBroker/isolateBroker/healBroker. */
export type ReplicationCommand = never;
