/** The category of a paper row after matching: pure rules from the contract. */
import type { Category, SystemState } from '../../types.js';

/** What classification needs to know of one paper row. */
export interface ClassifyInput {
  matched: boolean;
  returnedOnPaper: boolean;
  paperReturnedDate: string | null;
  systemState: SystemState;
  /** As-of date of the snapshot the system state comes from. */
  systemAsOf: string | null;
}

/**
 * not_in_system: no dossier; closed: returned on paper and closed in the system;
 * open_in_system: returned on paper, open in the system (needs_newer_export when the paper
 * return is dated after the snapshot's as-of); paper_open_system_closed; in_progress.
 * An unknown status label counts as open: the system does not show the dossier closed.
 */
export function classifyPaperRow(r: ClassifyInput): Category {
  if (!r.matched) return 'not_in_system';
  const closed = r.systemState === 'closed';
  if (r.returnedOnPaper) {
    if (closed) return 'closed';
    if (r.paperReturnedDate !== null && r.systemAsOf !== null && r.paperReturnedDate > r.systemAsOf)
      return 'needs_newer_export';
    return 'open_in_system';
  }
  return closed ? 'paper_open_system_closed' : 'in_progress';
}

/** The month list from `from` to `to` inclusive ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
