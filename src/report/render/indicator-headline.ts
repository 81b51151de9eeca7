/** The headline gap between the system and the registers, for md and the terminal. */
import { indicatorLabels, type Lang } from '../../i18n/index.js';
import type { ReportTotals, UnitSummary } from '../model/types.js';

/**
 * The unit whose closure rate the system misstates most (largest gap in points, either way; the first in report order
 * on a tie).
 */
export function mostMisstated(units: readonly UnitSummary[]): UnitSummary | null {
  let best: UnitSummary | null = null;
  for (const u of units) {
    const p = u.indicators?.gap?.closureRatePoints;
    if (p === null || p === undefined) continue;
    if (best === null || Math.abs(p) > Math.abs(best.indicators!.gap!.closureRatePoints!)) best = u;
  }
  return best;
}

/** The headline sentences (none for a report without indicators). */
export function indicatorHeadline(
  report: { units: readonly UnitSummary[]; totals: ReportTotals },
  lang: Lang,
): string[] {
  const I = indicatorLabels(lang);
  const t = report.totals.indicators;
  if (!t) return [];
  const s = t.system;
  const r = t.registers;
  if (!s || !r || s.closureRate === null || r.closureRate === null || t.gap?.closureRatePoints == null) return [I.none];
  const lines = [
    I.headline(r.closureRate, r.returned, r.received, s.closureRate, s.returned, s.received, t.gap.closureRatePoints),
  ];
  const most = mostMisstated(report.units);
  if (most && report.units.length > 1) {
    const ind = most.indicators!;
    lines.push(I.most(most.unit, ind.gap!.closureRatePoints!, ind.rank.system, ind.rank.registers));
  }
  if (t.unitsNotCompared > 0) lines.push(I.notCompared(t.unitsNotCompared));
  return lines;
}
