/** Events of consumers and groups (issue 4); each gets `atMs` from the engine. */
export type GroupEvent = never;
