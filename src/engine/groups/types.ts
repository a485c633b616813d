/**
 * Consumer groups' slice of the engine state (issue 4 fills this in): consumers, groups, committed
 * offsets. Plain immutable data.
 */
export interface GroupsSlice {
  readonly consumers: Readonly<Record<string, unknown>>;
  readonly groups: Readonly<Record<string, unknown>>;
}

export const initialGroupsSlice: GroupsSlice = { consumers: {}, groups: {} };
