/** A rectangle of a view's layout, in its viewBox units: the one shape every `*-layout.ts` places. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
