/**
 * The order of a report's findings: unit (Vietnamese collation), category, file, sheet (collation),
 * row, then system code, rule and id. The in-memory model sorts with `compareFindings`; the
 * streamed report sorts in SQLite by integer ranks (`CollationRanks`) that order exactly as the
 * collator does, and finishes rows that tie on them with `compareTieBreak`, so both give the same
 * order, finding for finding.
 */
import type { Category } from '../../types.js';

/** Categories in the order a report lists them. */
export const CATEGORY_ORDER: readonly Category[] = [
  'not_in_system',
  'open_in_system',
  'needs_newer_export',
  'paper_open_system_closed',
  'system_only',
  'data_quality',
  'in_progress',
  'closed',
];

/** The fields the order reads. */
export interface Orderable {
  id: string;
  category: Category;
  unit: string;
  paper: { file: string; sheet: string | null; row: number } | null;
  system: { code: string } | null;
  rule?: string;
}

/** After the ranked keys: system code, rule, id (the same comparisons as `compareFindings`). */
export function compareTieBreak(
  a: { code: string; rule: string; id: string },
  b: { code: string; rule: string; id: string },
): number {
  return a.code.localeCompare(b.code) || a.rule.localeCompare(b.rule) || a.id.localeCompare(b.id);
}

/** The whole order, for findings held in memory. */
export function compareFindings(
  collator: Intl.Collator = new Intl.Collator('vi'),
): (a: Orderable, b: Orderable) => number {
  return (a, b) =>
    collator.compare(a.unit, b.unit) ||
    CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
    collator.compare(a.paper?.file ?? '', b.paper?.file ?? '') ||
    collator.compare(a.paper?.sheet ?? '', b.paper?.sheet ?? '') ||
    (a.paper?.row ?? 0) - (b.paper?.row ?? 0) ||
    (a.system?.code ?? '').localeCompare(b.system?.code ?? '') ||
    (a.rule ?? '').localeCompare(b.rule ?? '') ||
    a.id.localeCompare(b.id);
}

/**
 * Integer ranks of a known set of strings in collation order: equal ranks exactly where the
 * collator says equal, so ordering by rank is ordering by `collator.compare`. A string outside the
 * set ranks after every known one (it cannot happen when the set is read from the same tables).
 */
export class CollationRanks {
  private readonly ranks = new Map<string, number>();
  readonly unknown: number;

  constructor(values: Iterable<string>, collator: Intl.Collator = new Intl.Collator('vi')) {
    const sorted = [...new Set(values)].sort(collator.compare);
    let rank = 0;
    sorted.forEach((v, i) => {
      if (i > 0 && collator.compare(sorted[i - 1]!, v) !== 0) rank++;
      this.ranks.set(v, rank);
    });
    this.unknown = rank + 1;
  }

  /** The rank of `value`. */
  of(value: string): number {
    return this.ranks.get(value) ?? this.unknown;
  }
}

/** The category's position in `CATEGORY_ORDER`. */
export function categoryRank(c: Category): number {
  return CATEGORY_ORDER.indexOf(c);
}
