/** Events of replication (issue 5); each gets `atMs` from the engine. */
export type ReplicationEvent = never;
