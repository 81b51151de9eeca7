/**
 * Shared reason lists. A million links carry only a few thousand distinct reason lists (the same
 * levels with the same rounded weights), so each distinct list is kept once and shared: links
 * and scored pairs hold a reference, never a copy. Shared lists are never modified.
 */
import type { MatchReason } from '../types.js';

/** Distinct reason lists by content (cleared past a bound, so it never grows without limit). */
const lists = new Map<string, MatchReason[]>();
const MAX_LISTS = 200_000;

/** The content key of a reason list. */
function keyOf(reasons: readonly MatchReason[]): string {
  let key = '';
  for (const r of reasons) key += `${r.field}\u0001${r.agreement}\u0001${r.weight}\u0002`;
  return key;
}

/** The shared list equal to `reasons` (field, agreement and weight, in order). */
export function sharedReasons(reasons: MatchReason[]): MatchReason[] {
  return sharedReasonsBy(keyOf(reasons), () => reasons);
}

/** The shared list of content key `key`, built by `build` the first time it is seen. */
export function sharedReasonsBy(key: string, build: () => MatchReason[]): MatchReason[] {
  let out = lists.get(key);
  if (out === undefined) {
    if (lists.size >= MAX_LISTS) lists.clear();
    lists.set(key, (out = build()));
  }
  return out;
}
