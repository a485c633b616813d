/**
 * A persistent hash map (a hash array mapped trie, as in Clojure and Immutable.js) for the query state.
 *
 * Why: the simulator keeps old states for time travel (STYLE.md: structural sharing, no deep clones), so a record
 * must not mutate the state it was given; copying a whole Map per record would be O(keys). An update here copies
 * only the path to one leaf: O(log32 n) nodes of at most 32 slots.
 *
 * Two faces over one trie: `Hamt<K, V>` wraps each value in a leaf; a `KeyedHamt` stores values that carry their
 * own hash and key, so a window's aggregates are one object each instead of two (fewer long-lived objects is
 * what the fraud bench pays for: a day of windows stays in memory, issue 6).
 *
 * Transients: an `Edit` token lets one owner (runKsql's batch loop) mutate in place the nodes it created itself,
 * which nobody else can see yet (Clojure's transients). With `edit` null every update copies.
 */
export type Edit = { readonly owner: true } | null;
export type HashKey = string | number;

/** A value a KeyedHamt stores as its own leaf. `edit` is the transient it was created under (null: published). */
export interface Keyed<K extends HashKey> {
  readonly hash: number;
  readonly key: K;
  readonly edit: Edit;
}

class Leaf<K extends HashKey, V> implements Keyed<K> {
  constructor(
    readonly hash: number,
    readonly key: K,
    public value: V,
    readonly edit: Edit,
  ) {}
}

type AnyLeaf = Keyed<HashKey>;
type Node<L extends AnyLeaf> = L | Branch<L> | Collision<L>;

class Branch<L extends AnyLeaf> {
  constructor(
    public bitmap: number,
    public slots: Node<L>[],
    public edit: Edit,
  ) {}
}

class Collision<L extends AnyLeaf> {
  constructor(
    readonly hash: number,
    public leaves: L[],
    public edit: Edit,
  ) {}
}

interface Trie<L extends AnyLeaf> {
  readonly root: Branch<L> | null;
  readonly size: number;
  /** The transient it was made under: only that owner may update it in place (a new key changes size). */
  readonly edit: Edit;
}

type OwnedTrie<L extends AnyLeaf> = { root: Branch<L> | null; size: number; readonly edit: Edit };

export type Hamt<K extends HashKey, V> = Trie<Leaf<K, V>>;
export type KeyedHamt<K extends HashKey, L extends Keyed<K>> = Trie<L>;

const EMPTY: Trie<never> = { root: null, size: 0, edit: null };

export function emptyHamt<K extends HashKey, V>(): Hamt<K, V> {
  return EMPTY;
}

export function emptyKeyedHamt<K extends HashKey, L extends Keyed<K>>(): KeyedHamt<K, L> {
  return EMPTY;
}

export function newEdit(): Edit {
  return { owner: true };
}

/** FNV-1a over UTF-16 units, or a mix of both 32-bit halves of an integer (window starts exceed 2^32 ms). */
export function hashOf(key: HashKey): number {
  if (typeof key === 'number') {
    const hi = Math.floor(key / 0x100000000) | 0;
    let h = Math.imul((key | 0) ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
    h ^= h >>> 15;
    return h | 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function owned(edit: Edit, nodeEdit: Edit): boolean {
  return edit !== null && nodeEdit === edit;
}

function findLeaf<L extends AnyLeaf>(trie: Trie<L>, key: HashKey, hash: number): L | undefined {
  let node: Node<L> | null = trie.root;
  let shift = 0;
  while (node !== null) {
    if (node instanceof Branch) {
      const bit = 1 << ((hash >>> shift) & 31);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.slots[popcount(node.bitmap & (bit - 1))]!;
      shift += 5;
    } else if (node instanceof Collision) {
      for (const leaf of node.leaves) if (leaf.key === key) return leaf;
      return undefined;
    } else {
      return node.key === key ? node : undefined;
    }
  }
  return undefined;
}

/** Set by setInBranch when the key was new: a module-level flag instead of an allocation per update. */
let added = 0;

/** Puts `leaf` in place of the leaf with its key (or adds it); the same leaf object again changes nothing. */
function putLeaf<L extends AnyLeaf>(trie: Trie<L>, leaf: L, edit: Edit): Trie<L> {
  added = 0;
  const root = trie.root ?? new Branch<L>(0, [], edit);
  const next = setInBranch(root, 0, leaf, edit);
  if (next === trie.root && added === 0) return trie;
  return withRoot(trie, next, trie.size + added, edit);
}

function withRoot<L extends AnyLeaf>(
  trie: Trie<L>,
  root: Branch<L> | null,
  size: number,
  edit: Edit,
): Trie<L> {
  if (owned(edit, trie.edit)) {
    const own = trie as OwnedTrie<L>;
    own.root = root;
    own.size = size;
    return own;
  }
  return { root, size, edit };
}

function setInBranch<L extends AnyLeaf>(node: Branch<L>, shift: number, leaf: L, edit: Edit): Branch<L> {
  const bit = 1 << ((leaf.hash >>> shift) & 31);
  const idx = popcount(node.bitmap & (bit - 1));
  const mine = owned(edit, node.edit);
  if ((node.bitmap & bit) === 0) {
    added = 1;
    if (mine) {
      insertAt(node.slots, idx, leaf);
      node.bitmap |= bit;
      return node;
    }
    const slots = node.slots.slice();
    insertAt(slots, idx, leaf);
    return new Branch(node.bitmap | bit, slots, edit);
  }
  const slot = node.slots[idx]!;
  let replacement: Node<L>;
  if (slot instanceof Branch) replacement = setInBranch(slot, shift + 5, leaf, edit);
  else if (slot instanceof Collision) replacement = setInCollision(slot, leaf, edit);
  else if (slot.key === leaf.key) replacement = leaf;
  else {
    added = 1;
    replacement = twoLeaves(slot, leaf, shift + 5, edit);
  }
  if (replacement === slot) return node;
  if (mine) {
    node.slots[idx] = replacement;
    return node;
  }
  const slots = node.slots.slice();
  slots[idx] = replacement;
  return new Branch(node.bitmap, slots, edit);
}

/** splice(idx, 0, x) without the array of removed elements splice allocates. */
function insertAt<T>(xs: T[], idx: number, x: T): void {
  let i = xs.length;
  xs.push(x);
  for (; i > idx; i--) xs[i] = xs[i - 1]!;
  xs[idx] = x;
}

function twoLeaves<L extends AnyLeaf>(a: L, b: L, shift: number, edit: Edit): Node<L> {
  if (a.hash === b.hash || shift >= 32) return new Collision(a.hash, [a, b], edit);
  const fa = (a.hash >>> shift) & 31;
  const fb = (b.hash >>> shift) & 31;
  if (fa === fb) return new Branch<L>(1 << fa, [twoLeaves(a, b, shift + 5, edit)], edit);
  return new Branch<L>((1 << fa) | (1 << fb), fa < fb ? [a, b] : [b, a], edit);
}

function setInCollision<L extends AnyLeaf>(node: Collision<L>, leaf: L, edit: Edit): Collision<L> {
  const i = node.leaves.findIndex((l) => l.key === leaf.key);
  if (i >= 0 && node.leaves[i] === leaf) return node;
  const leaves = node.leaves.slice();
  if (i >= 0) leaves[i] = leaf;
  else {
    added = 1;
    leaves.push(leaf);
  }
  return new Collision(node.hash, leaves, edit);
}

function removeKey<L extends AnyLeaf>(trie: Trie<L>, key: HashKey, hash: number, edit: Edit): Trie<L> {
  if (trie.root === null || findLeaf(trie, key, hash) === undefined) return trie;
  return withRoot(trie, deleteInBranch(trie.root, 0, hash, key, edit), trie.size - 1, edit);
}

function withSlots<L extends AnyLeaf>(
  node: Branch<L>,
  bitmap: number,
  slots: Node<L>[],
  edit: Edit,
): Branch<L> {
  if (owned(edit, node.edit)) {
    node.bitmap = bitmap;
    node.slots = slots;
    return node;
  }
  return new Branch(bitmap, slots, edit);
}

function deleteInBranch<L extends AnyLeaf>(
  node: Branch<L>,
  shift: number,
  hash: number,
  key: HashKey,
  edit: Edit,
): Branch<L> | null {
  const bit = 1 << ((hash >>> shift) & 31);
  const idx = popcount(node.bitmap & (bit - 1));
  const slot = node.slots[idx]!;
  let replacement: Node<L> | null = null;
  if (slot instanceof Branch) replacement = deleteInBranch(slot, shift + 5, hash, key, edit);
  else if (slot instanceof Collision) {
    const leaves = slot.leaves.filter((l) => l.key !== key);
    replacement = leaves.length === 1 ? leaves[0]! : new Collision(slot.hash, leaves, edit);
  }
  const slots = node.slots.slice();
  if (replacement === null) {
    slots.splice(idx, 1);
    if (slots.length === 0) return null;
    return withSlots(node, node.bitmap & ~bit, slots, edit);
  }
  slots[idx] = replacement;
  return withSlots(node, node.bitmap, slots, edit);
}

/** Every leaf, in trie order (deterministic for the same content, but callers sort when order matters). */
function allLeaves<L extends AnyLeaf>(trie: Trie<L>): L[] {
  const out: L[] = [];
  const visit = (node: Node<L>): void => {
    if (node instanceof Branch) for (const s of node.slots) visit(s);
    else if (node instanceof Collision) for (const l of node.leaves) out.push(l);
    else out.push(node);
  };
  if (trie.root) visit(trie.root);
  return out;
}

export function hamtGet<K extends HashKey, V>(map: Hamt<K, V>, key: K, hash = hashOf(key)): V | undefined {
  return findLeaf(map, key, hash)?.value;
}

export function hamtSet<K extends HashKey, V>(
  map: Hamt<K, V>,
  key: K,
  value: V,
  edit: Edit = null,
  hash = hashOf(key),
): Hamt<K, V> {
  if (edit !== null) {
    // A transient update of a leaf it created itself: no allocation at all.
    const leaf = findLeaf(map, key, hash);
    if (leaf !== undefined && leaf.edit === edit) {
      leaf.value = value;
      return map;
    }
  }
  return putLeaf(map, new Leaf(hash, key, value, edit), edit);
}

export function hamtDelete<K extends HashKey, V>(
  map: Hamt<K, V>,
  key: K,
  edit: Edit = null,
  hash = hashOf(key),
): Hamt<K, V> {
  return removeKey(map, key, hash, edit);
}

/** Every value, in trie order (deterministic for the same content, but callers sort when order matters). */
export function hamtValues<K extends HashKey, V>(map: Hamt<K, V>): V[] {
  return allLeaves(map).map((l) => l.value);
}

export function keyedGet<K extends HashKey, L extends Keyed<K>>(
  map: KeyedHamt<K, L>,
  key: K,
  hash = hashOf(key),
): L | undefined {
  return findLeaf(map, key, hash);
}

/**
 * Stores `value` under its own key. Putting back a value already stored (one updated in place under its
 * transient) returns the map unchanged.
 */
export function keyedPut<K extends HashKey, L extends Keyed<K>>(
  map: KeyedHamt<K, L>,
  value: L,
  edit: Edit = null,
): KeyedHamt<K, L> {
  return putLeaf(map, value, edit);
}

export function keyedValues<K extends HashKey, L extends Keyed<K>>(map: KeyedHamt<K, L>): L[] {
  return allLeaves(map);
}
