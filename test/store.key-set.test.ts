import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash32, HashedKeySet } from '../src/store/key-set.js';

/** Adds keys in order to a HashedKeySet (ids 1, 2, …) and to a Set; returns both answers. */
function run(keys: readonly string[], capacity?: number): { got: boolean[]; want: boolean[]; size: number } {
  const stored: string[] = [];
  const set = new HashedKeySet((id) => stored[id - 1] ?? null, capacity);
  const plain = new Set<string>();
  const got: boolean[] = [];
  const want: boolean[] = [];
  keys.forEach((k, i) => {
    stored[i] = k;
    got.push(set.addIfAbsent(k, i + 1));
    want.push(plain.has(k));
    plain.add(k);
  });
  return { got, want, size: set.size };
}

describe('HashedKeySet: the answers of a Set, without keeping the keys', () => {
  it('agrees with a Set on any sequence of keys, through its growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 64 }),
        (keys, capacity) => {
          const { got, want, size } = run(keys, capacity);
          expect(got).toEqual(want);
          expect(size).toBe(new Set(keys).size);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tells apart two different keys with the same hash', () => {
    const byHash = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const k = `00.07.H53-2501${i}`;
      const h = hash32(k);
      const other = byHash.get(h);
      if (other !== undefined) pair = [other, k];
      else byHash.set(h, k);
    }
    const [a, b] = pair;
    expect(a).not.toBe(b);
    expect(hash32(a)).toBe(hash32(b));
    expect(run([a, b, a, b, 'x', a]).got).toEqual([false, false, true, true, false, true]);
  });

  it('two hundred thousand codes, duplicates found', () => {
    const keys = Array.from(
      { length: 200_000 },
      (_, i) => `00.07.H53-25${String(i % 997).padStart(4, '0')}-${i % 199_999}`,
    );
    const { got } = run(keys);
    expect(got.filter(Boolean).length).toBe(200_000 - new Set(keys).size);
  });
});
