/** Commands of consumers and groups (issue 4). */
export type GroupCommand = never;
