/**
 * A set of text keys for the duplicate-code check of an import, without keeping the keys: each
 * key is remembered as its 32-bit hash and a number the caller gives (the row id it was first
 * seen on), in flat typed arrays. When a key's hash is already there, the caller's `keyOf(id)`
 * reads the key that was stored under that id (from the database), so the answer is exact.
 *
 * A JS `Set` of a million codes cost more than a second at a million rows (each cell's text is a
 * slice of its chunk of the file, so keeping it meant copying it first), and kept the strings.
 */

/** FNV-1a over the UTF-16 code units of a string, 32 bits. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A set of keys stored as (hash, id) pairs; ids are positive integers (row ids). */
export class HashedKeySet {
  private hashes: Int32Array;
  private ids: Float64Array;
  private mask: number;
  private count = 0;

  /** @param keyOf the key stored under an id given to add(). */
  constructor(
    private readonly keyOf: (id: number) => string | null,
    capacity = 1 << 12,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.ids = new Float64Array(size);
    this.mask = size - 1;
  }

  /** Number of distinct keys added. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds `key` under `id` unless it is already in the set. Returns true when it was already in
   * (the set is then unchanged).
   */
  addIfAbsent(key: string, id: number): boolean {
    const h = hash32(key);
    let slot = h & this.mask;
    for (;;) {
      const other = this.ids[slot]!;
      if (other === 0) break;
      if (this.hashes[slot] === h && this.keyOf(other) === key) return true;
      slot = (slot + 1) & this.mask;
    }
    this.hashes[slot] = h;
    this.ids[slot] = id;
    this.count++;
    if (this.count * 2 > this.ids.length) this.grow();
    return false;
  }

  private grow(): void {
    const { hashes, ids } = this;
    const size = ids.length * 2;
    this.hashes = new Int32Array(size);
    this.ids = new Float64Array(size);
    this.mask = size - 1;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === 0) continue;
      let slot = hashes[i]! & this.mask;
      while (this.ids[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hashes[i]!;
      this.ids[slot] = id;
    }
  }
}
