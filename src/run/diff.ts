/**
 * What changed between two runs, by stable finding id: findings new in the later run, resolved
 * (gone from it) and still open (in both, perhaps in another category), per unit. Pure.
 */
import type { SnapshotFinding } from '../store/runs.js';

/** How a finding changed. */
export type FindingChange = 'new' | 'resolved' | 'still_open';

/** One finding of the diff. */
export interface DiffItem extends SnapshotFinding {
  change: FindingChange;
  /** Still open: its category in the earlier run (may differ from `category`). */
  previousCategory: string | null;
}

/** The counts of one unit. */
export interface DiffUnit {
  unit: string;
  new: number;
  resolved: number;
  stillOpen: number;
}

/** A run as the diff names it. */
export interface DiffRun {
  id: number;
  startedAt: string;
}

/** The diff between two runs (`schema` is the JSON contract of `diff --format json`). */
export interface RunDiff {
  schema: 'motcua-audit/diff@1';
  from: DiffRun;
  to: DiffRun;
  totals: Omit<DiffUnit, 'unit'>;
  units: DiffUnit[];
  items: DiffItem[];
}

const ORDER: FindingChange[] = ['new', 'resolved', 'still_open'];
const CATEGORY_ORDER = [
  'not_in_system',
  'open_in_system',
  'needs_newer_export',
  'paper_open_system_closed',
  'system_only',
  'review',
  'data_quality',
];
const rank = (category: string) =>
  CATEGORY_ORDER.includes(category) ? CATEGORY_ORDER.indexOf(category) : CATEGORY_ORDER.length;

/** Compares the snapshot of run `from` with that of run `to`. */
export function diffFindings(
  from: DiffRun,
  before: readonly SnapshotFinding[],
  to: DiffRun,
  after: readonly SnapshotFinding[],
): RunDiff {
  const old = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  const items: DiffItem[] = [];
  for (const f of after) {
    const prev = old.get(f.id);
    items.push({ ...f, change: prev ? 'still_open' : 'new', previousCategory: prev ? prev.category : null });
  }
  for (const f of before) if (!now.has(f.id)) items.push({ ...f, change: 'resolved', previousCategory: null });

  const collator = new Intl.Collator('vi');
  items.sort(
    (a, b) =>
      collator.compare(a.unit, b.unit) ||
      ORDER.indexOf(a.change) - ORDER.indexOf(b.change) ||
      rank(a.category) - rank(b.category) ||
      collator.compare(a.file ?? '', b.file ?? '') ||
      collator.compare(a.sheet ?? '', b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.code ?? '').localeCompare(b.code ?? '') ||
      a.id.localeCompare(b.id),
  );
  const byUnit = new Map<string, DiffUnit>();
  const totals = { new: 0, resolved: 0, stillOpen: 0 };
  for (const i of items) {
    let u = byUnit.get(i.unit);
    if (!u) byUnit.set(i.unit, (u = { unit: i.unit, new: 0, resolved: 0, stillOpen: 0 }));
    const key = i.change === 'still_open' ? 'stillOpen' : i.change;
    u[key]++;
    totals[key]++;
  }
  const units = [...byUnit.values()].sort((a, b) => collator.compare(a.unit, b.unit));
  return { schema: 'motcua-audit/diff@1', from, to, totals, units, items };
}
