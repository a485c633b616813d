/**
 * Records coloured by how many copies exist (issue 15, point 7), not by key: the room sees at a glance which
 * records a single failure could take away. The counts come from the engine's replicationHistory; here only
 * their colour and the legend. Fixed colours that dark record text reads on, in both themes.
 */
export type CopiesClass = 'all' | 'some' | 'one';

export const COPIES_COLOUR: Record<CopiesClass, string> = {
  all: '#76b041',
  some: '#ffc914',
  one: '#e4572e',
};

/** Every replica has it (the replication factor), more than one, or a single copy. */
export function copiesClass(copies: number, replicationFactor: number): CopiesClass {
  if (copies >= replicationFactor) return 'all';
  return copies > 1 ? 'some' : 'one';
}

/** The legend's entries, most copies first: "3", "2", "1" for replication factor 3. */
export function copiesLegend(replicationFactor: number): { label: string; cls: CopiesClass }[] {
  const rf = Math.max(1, replicationFactor);
  if (rf === 1) return [{ label: '1', cls: 'all' }];
  const some = rf === 3 ? '2' : `2–${rf - 1}`;
  return [
    { label: String(rf), cls: 'all' },
    ...(rf > 2 ? [{ label: some, cls: 'some' as const }] : []),
    { label: '1', cls: 'one' },
  ];
}
