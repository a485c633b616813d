/**
 * A persistent hash map (a hash array mapped trie, as in Clojure and Immutable.js) for the query state.
 *
 * Why: the simulator keeps old states for time travel (STYLE.md: structural sharing, no deep clones), so a record
 * must not mutate the state it was given; copying a whole Map per record would be O(keys). An update here copies
 * only the path to one leaf: O(log32 n) nodes of at most 32 slots.
 *
 * Transients: an `Edit` token lets one owner (runKsql's batch loop) mutate in place the nodes it created itself,
 * which nobody else can see yet (Clojure's transients). With `edit` null every update copies.
 */
export type Edit = { readonly owner: true } | null;
export type HashKey = string | number;

class Leaf<K, V> {
  constructor(
    readonly hash: number,
    readonly key: K,
    public value: V,
    readonly edit: Edit,
  ) {}
}

type Node<K, V> = Leaf<K, V> | Branch<K, V> | Collision<K, V>;

class Branch<K, V> {
  constructor(
    public bitmap: number,
    public slots: Node<K, V>[],
    public edit: Edit,
  ) {}
}

class Collision<K, V> {
  constructor(
    readonly hash: number,
    public leaves: Leaf<K, V>[],
    public edit: Edit,
  ) {}
}

export interface Hamt<K extends HashKey, V> {
  readonly root: Branch<K, V> | null;
  readonly size: number;
}

export function emptyHamt<K extends HashKey, V>(): Hamt<K, V> {
  return EMPTY as Hamt<K, V>;
}
const EMPTY: Hamt<HashKey, unknown> = { root: null, size: 0 };

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

export function hamtGet<K extends HashKey, V>(map: Hamt<K, V>, key: K, hash = hashOf(key)): V | undefined {
  let node: Node<K, V> | null = map.root;
  let shift = 0;
  while (node !== null) {
    if (node instanceof Branch) {
      const bit = 1 << ((hash >>> shift) & 31);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.slots[popcount(node.bitmap & (bit - 1))]!;
      shift += 5;
    } else if (node instanceof Leaf) {
      return node.key === key ? node.value : undefined;
    } else {
      for (const leaf of node.leaves) if (leaf.key === key) return leaf.value;
      return undefined;
    }
  }
  return undefined;
}

export function hamtSet<K extends HashKey, V>(
  map: Hamt<K, V>,
  key: K,
  value: V,
  edit: Edit = null,
  hash = hashOf(key),
): Hamt<K, V> {
  added = 0;
  const root = map.root ?? new Branch<K, V>(0, [], edit);
  const next = setInBranch(root, 0, hash, key, value, edit);
  if (next === map.root && added === 0) return map;
  return { root: next, size: map.size + added };
}

/** Set by setInBranch when the key was new: a module-level flag instead of an allocation per update. */
let added = 0;

function withSlots<K, V>(node: Branch<K, V>, bitmap: number, slots: Node<K, V>[], edit: Edit): Branch<K, V> {
  if (owned(edit, node.edit)) {
    node.bitmap = bitmap;
    node.slots = slots;
    return node;
  }
  return new Branch(bitmap, slots, edit);
}

function setInBranch<K, V>(
  node: Branch<K, V>,
  shift: number,
  hash: number,
  key: K,
  value: V,
  edit: Edit,
): Branch<K, V> {
  const bit = 1 << ((hash >>> shift) & 31);
  const idx = popcount(node.bitmap & (bit - 1));
  const mine = owned(edit, node.edit);
  if ((node.bitmap & bit) === 0) {
    added = 1;
    const leaf = new Leaf(hash, key, value, edit);
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
  let replacement: Node<K, V>;
  if (slot instanceof Leaf) {
    if (slot.key === key) {
      // A transient update of a leaf it created itself: no allocation at all.
      if (owned(edit, slot.edit)) {
        slot.value = value;
        return node;
      }
      replacement = new Leaf(hash, key, value, edit);
    } else {
      added = 1;
      replacement = twoLeaves(slot, new Leaf(hash, key, value, edit), shift + 5, edit);
    }
  } else if (slot instanceof Branch) replacement = setInBranch(slot, shift + 5, hash, key, value, edit);
  else replacement = setInCollision(slot, new Leaf(hash, key, value, edit), edit);
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

function twoLeaves<K, V>(a: Leaf<K, V>, b: Leaf<K, V>, shift: number, edit: Edit): Node<K, V> {
  if (a.hash === b.hash || shift >= 32) return new Collision(a.hash, [a, b], edit);
  const fa = (a.hash >>> shift) & 31;
  const fb = (b.hash >>> shift) & 31;
  if (fa === fb) return new Branch(1 << fa, [twoLeaves(a, b, shift + 5, edit)], edit);
  return new Branch((1 << fa) | (1 << fb), fa < fb ? [a, b] : [b, a], edit);
}

function setInCollision<K, V>(node: Collision<K, V>, leaf: Leaf<K, V>, edit: Edit): Collision<K, V> {
  const i = node.leaves.findIndex((l) => l.key === leaf.key);
  const leaves = node.leaves.slice();
  if (i >= 0) leaves[i] = leaf;
  else {
    added = 1;
    leaves.push(leaf);
  }
  return new Collision(node.hash, leaves, edit);
}

export function hamtDelete<K extends HashKey, V>(
  map: Hamt<K, V>,
  key: K,
  edit: Edit = null,
  hash = hashOf(key),
): Hamt<K, V> {
  if (map.root === null || hamtGet(map, key, hash) === undefined) return map;
  const root = deleteInBranch(map.root, 0, hash, key, edit);
  return { root: root, size: map.size - 1 };
}

function deleteInBranch<K, V>(
  node: Branch<K, V>,
  shift: number,
  hash: number,
  key: K,
  edit: Edit,
): Branch<K, V> | null {
  const bit = 1 << ((hash >>> shift) & 31);
  const idx = popcount(node.bitmap & (bit - 1));
  const slot = node.slots[idx]!;
  let replacement: Node<K, V> | null = null;
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

/** Every value, in trie order (deterministic for the same content, but callers sort when order matters). */
export function hamtValues<K extends HashKey, V>(map: Hamt<K, V>): V[] {
  const out: V[] = [];
  const visit = (node: Node<K, V>): void => {
    if (node instanceof Leaf) out.push(node.value);
    else if (node instanceof Branch) for (const s of node.slots) visit(s);
    else for (const l of node.leaves) out.push(l.value);
  };
  if (map.root) visit(map.root);
  return out;
}
