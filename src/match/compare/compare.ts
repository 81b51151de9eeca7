/**
 * Field comparisons other than names and procedures: received dates (distance in days, the
 * day↔month swap recognised), phone/ID digits (exact agreement of the last digits) and dossier
 * codes (a code copied with one slip is still evidence). Pure; each returns an agreement level.
 */
import { daysBetween } from '../../normalize/dates.js';
import { isWellFormedCode } from '../../normalize/codes.js';
import { damerauLevenshtein } from './strings.js';

/** How two received dates agree. */
export type DateAgreement =
  | 'same-day'
  | 'one-day'
  | 'within-window'
  | 'day-month-swap'
  | 'far'
  | 'very-far'
  | 'missing';

/** The result of comparing two dates: the level and the distance in days (system − paper). */
export interface DateComparison {
  agreement: DateAgreement;
  days: number | null;
}

/**
 * The paper date with day and month exchanged (`2025-03-05` → `2025-05-03`), or null when that is no other valid date.
 */
export function swapDayMonth(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (mo === d || Number(d) > 12) return null;
  const swapped = `${y}-${d}-${mo}`;
  const dim = [31, Number(y) % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(d) - 1]!;
  return Number(mo) <= dim ? swapped : null;
}

/**
 * Compares the paper received date with the system's: `same-day`, `one-day`, `within-window`
 * (up to `windowDays`), `day-month-swap` (the swapped paper date is within `windowDays` of the
 * system's while the written one is not), `far` (within a month: a mistyped day), `very-far`, `missing`.
 */
export function compareDates(paper: string | null, system: string | null, windowDays: number): DateComparison {
  if (!paper || !system) return { agreement: 'missing', days: null };
  const d = daysBetween(paper, system);
  const ad = Math.abs(d);
  if (ad === 0) return { agreement: 'same-day', days: 0 };
  if (ad === 1 && windowDays >= 1) return { agreement: 'one-day', days: d };
  if (ad <= windowDays) return { agreement: 'within-window', days: d };
  const swapped = swapDayMonth(paper);
  if (swapped && Math.abs(daysBetween(swapped, system)) <= windowDays) return { agreement: 'day-month-swap', days: d };
  return { agreement: ad <= 31 ? 'far' : 'very-far', days: d };
}

/** How phone/ID digits agree. */
export type DigitsAgreement = 'last-digits-equal' | 'differs' | 'missing';

/** Agreement of the last `n` digits of any phone/ID number of each side. */
export function compareDigits(a: readonly string[], b: readonly string[], n = 9): DigitsAgreement {
  if (a.length === 0 || b.length === 0) return 'missing';
  const tails = new Set(a.map((x) => x.slice(-n)));
  return b.some((x) => tails.has(x.slice(-n))) ? 'last-digits-equal' : 'differs';
}

/** How a paper code agrees with a system code. */
export type CodeAgreement = 'exact' | 'one-slip' | 'two-slips' | 'differs' | 'missing';

/**
 * Compares code keys (see normalize/codes.ts). A paper code that is not of the dossier-code form
 * (a local receipt number such as "25/STP") says nothing: `missing`.
 */
export function compareCodes(paperKey: string | null, systemKey: string | null): CodeAgreement {
  if (!paperKey || !systemKey || !isWellFormedCode(paperKey)) return 'missing';
  if (paperKey === systemKey) return 'exact';
  const d = damerauLevenshtein(paperKey, systemKey, 2);
  return d === 1 ? 'one-slip' : d === 2 ? 'two-slips' : 'differs';
}
