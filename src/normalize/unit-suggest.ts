/**
 * The official units closest to a name that resolves to none ("Trảng Bàng" → "UBND thị xã Trảng
 * Bàng"), for the "did you mean" of a refused unit. Pure: compares unit keys with their level
 * word set aside, by letter pairs (a slipped or missing letter costs little).
 */
import { unitKey } from './units.js';

const LEVEL = /^(huyen|thi xa|thanh pho|thi tran|xa|phuong|so|ban)\s+/;

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = ` ${s} `;
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of two strings' letter pairs, 0..1. */
function dice(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    common += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return (2 * common) / total;
}

/** How alike a written name is to a unit name (or alias), 0..1. */
export function unitSimilarity(written: string, official: string): number {
  const a = unitKey(written);
  const b = unitKey(official);
  const placeA = a.replace(LEVEL, '');
  const placeB = b.replace(LEVEL, '');
  return Math.max(
    dice(a, b),
    dice(placeA, placeB) * (placeA === a || placeB === b || a.match(LEVEL)?.[1] === b.match(LEVEL)?.[1] ? 1 : 0.9),
  );
}

/** Up to `limit` official unit names closest to `written` (each unit once, by its best name or alias). */
export function suggestUnits(
  written: string,
  units: ReadonlyArray<{ name: string; aliases: readonly string[] }>,
  limit = 3,
): string[] {
  const scored = units
    .map((u) => ({
      name: u.name,
      score: Math.max(unitSimilarity(written, u.name), ...u.aliases.map((a) => unitSimilarity(written, a))),
    }))
    .filter((u) => u.score >= 0.5)
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name));
  // Only names nearly as close as the closest: a clear best is shown alone.
  const best = scored[0]?.score ?? 0;
  return scored
    .filter((u) => u.score >= best - 0.15)
    .slice(0, limit)
    .map((u) => u.name);
}
