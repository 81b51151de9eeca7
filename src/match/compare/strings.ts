/**
 * String distances written for this project (no dependency): optimal-string-alignment
 * Damerau-Levenshtein (a letter slip, a dropped letter, two swapped letters each cost 1) and
 * Jaro-Winkler (a 0..1 similarity that forgives slips near the end more than at the start, as
 * record-linkage practice since Winkler 1990 uses for names).
 */

/**
 * Damerau-Levenshtein distance (optimal string alignment: adjacent transpositions count 1,
 * a substring is never edited twice). Stops early and returns `max + 1` once the distance is
 * known to exceed `max`.
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // A common prefix or suffix never takes part in an optimal alignment's edits: drop it.
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  // The rest is a[start, endA) against b[start, endB), read in place (no substring built).
  const la = endA - start;
  const lb = endB - start;
  if (la === 0) return lb;
  if (lb === 0) return la;
  // Three rows of the table in one reused buffer (nothing allocated per call).
  const w = lb + 1;
  if (rows.length < 3 * w) rows = new Int32Array(6 * w);
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j < w; j++) {
    rows[prev2 + j] = 0;
    rows[prev + j] = j;
  }
  const s0 = start - 1;
  for (let i = 1; i <= la; i++) {
    rows[cur] = i;
    let rowMin = i;
    const ai = a.charCodeAt(s0 + i);
    for (let j = 1; j <= lb; j++) {
      const cost = ai === b.charCodeAt(s0 + j) ? 0 : 1;
      let v = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(s0 + j - 1) && a.charCodeAt(s0 + i - 1) === b.charCodeAt(s0 + j))
        v = Math.min(v, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + lb]!;
}

/** Scratch rows of damerauLevenshtein (grown on demand). */
let rows = new Int32Array(192);

/** Scratch flags of jaro (grown on demand). */
let aFlags = new Uint8Array(64);
let bFlags = new Uint8Array(64);

/** Jaro similarity, 0..1. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  if (aFlags.length < a.length) aFlags = new Uint8Array(2 * a.length);
  if (bFlags.length < b.length) bFlags = new Uint8Array(2 * b.length);
  const aMatched = aFlags.fill(0, 0, a.length);
  const bMatched = bFlags.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler similarity, 0..1: Jaro boosted by a common prefix of up to 4 letters (p = 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}
