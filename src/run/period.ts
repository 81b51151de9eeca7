/** The period a run's reports cover, as report filters (received date), from the run clock. */
import type { ReportPeriod } from '../config/audit-config.js';
import type { ReportFilters } from '../report/model/types.js';

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * `all`: no filter. `previous-month`: the calendar month before the run's date in the machine's
 * local time (a run at 00:30 on 1 August in Vietnam reports July), first to last day.
 */
export function periodFilters(period: ReportPeriod, now: Date): ReportFilters {
  if (period === 'all') return { unit: null, from: null, to: null };
  const y = now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear();
  const m = now.getMonth() === 0 ? 12 : now.getMonth(); // 1-based previous month
  const lastDay = new Date(y, m, 0).getDate();
  return { unit: null, from: iso(y, m, 1), to: iso(y, m, lastDay) };
}
