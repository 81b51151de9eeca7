/**
 * Each unit's indicators as the system shows them and as the registers show them, and the gap
 * (issue 22): what the one-stop system scores a unit on, beside what really happened. Counted one
 * row at a time by `IndicatorTally`, fed by the streamed report and the in-memory model alike, in
 * bounded memory (a few counters per unit). Pure: no I/O.
 *
 * Who counts where (docs/reports.md, "Hệ thống và thực tế"):
 * - The system's view: every system dossier (latest state) in scope, by the system's unit and
 *   received date, exactly the dossiers of `systemRecords` and of the timeliness block.
 * - The registers' view: every dossier once. A system dossier counts once whatever the number of
 *   register rows linked to it (their register facts are folded into one: returned when any row
 *   shows a return, the latest register return date, the latest register due date), in the
 *   system's unit and received date (the register's only when the system has none). A register
 *   row linked to no dossier counts as one dossier of its own unit and received date.
 * - Open and overdue: due day before the data's as-of day, the latest as-of of the system
 *   snapshots (never the machine's clock).
 */
import type { StatusTable } from '../../normalize/status.js';
import type { PaperReportRow, SystemReportRow } from '../../core/report-rows.js';
import { inRange } from './accumulate.js';
import type { ReportFilters, ReportTotals, UnitSummary } from './types.js';
import { timelinessBucket } from './timeliness.js';
import type { IndicatorView, IndicatorGap, IndicatorComparison, UnitIndicators, TotalIndicators } from './types.js';
export type { IndicatorView, IndicatorGap, IndicatorComparison, UnitIndicators, TotalIndicators } from './types.js';

type TimelinessBucket = ReturnType<typeof timelinessBucket>;

/** Counts of one view before the rates. */
interface RawView {
  received: number;
  returned: number;
  returnedOnTime: number;
  returnedUndated: number;
  openOverdue: number;
}

const emptyRaw = (): RawView => ({ received: 0, returned: 0, returnedOnTime: 0, returnedUndated: 0, openOverdue: 0 });

/** What a unit's tally holds. */
interface UnitTally {
  system: RawView;
  registers: RawView;
  /** Register rows of the unit in scope (linked or not): whether the unit has a register in the period. */
  paperRows: number;
}

/**
 * The register facts of a system dossier's linked rows, as the report's system query folds them
 * over the rows (`paperLink`: "rows|returned|returnDate|dueDate|unitId|receivedDate": returned when
 * any row shows a return, the latest return and due dates, the lowest unit id, the earliest
 * received date; null when no row is linked). Exported for tests.
 */
export interface PaperLink {
  returned: boolean;
  returnedDate: string | null;
  dueDate: string | null;
  unitId: number | null;
  receivedDate: string | null;
}

/** Parses a `paperLink` value (null when the dossier has no linked register row). */
export function parsePaperLink(s: string | null | undefined): PaperLink | null {
  if (s === null || s === undefined) return null;
  // A million dossiers: fields cut by indexOf, no array.
  const a = s.indexOf('|');
  const b = s.indexOf('|', a + 1);
  const c = s.indexOf('|', b + 1);
  const d = s.indexOf('|', c + 1);
  const e = s.indexOf('|', d + 1);
  const field = (from: number, to: number) => (to > from + 1 ? s.slice(from + 1, to) : null);
  const unitId = field(d, e);
  return {
    returned: s.slice(a + 1, b) === '1',
    returnedDate: field(b, c),
    dueDate: field(c, d),
    unitId: unitId === null ? null : Number(unitId),
    receivedDate: e + 1 < s.length ? s.slice(e + 1) : null,
  };
}

const day = (d: string | null | undefined): string | null => (d ? d.slice(0, 10) : null);
const rate4 = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/** Counts one dossier's outcome in a view. */
function count(
  v: RawView,
  returned: boolean,
  returnDay: string | null,
  dueDay: string | null,
  closedWithoutResult: boolean,
  asOfDay: string | null,
): void {
  v.received++;
  if (returned) {
    v.returned++;
    if (returnDay === null || dueDay === null) v.returnedUndated++;
    else if (returnDay <= dueDay) v.returnedOnTime++;
    return;
  }
  if (!closedWithoutResult && dueDay !== null && asOfDay !== null && dueDay < asOfDay) v.openOverdue++;
}

/** A view with its rates. */
function finishView(v: RawView, asOfDay: string | null): IndicatorView {
  return {
    received: v.received,
    returned: v.returned,
    returnedOnTime: v.returnedOnTime,
    returnedUndated: v.returnedUndated,
    onTimeRate: rate4(v.returnedOnTime, v.returned),
    closureRate: rate4(v.returned, v.received),
    openOverdue: asOfDay === null ? null : v.openOverdue,
  };
}

/** Registers minus system. Rate differences from the 4-decimal rates, so they can be checked from the JSON. */
export function indicatorGap(system: IndicatorView, registers: IndicatorView): IndicatorGap {
  const points = (a: number | null, b: number | null) =>
    a === null || b === null ? null : Math.round((a - b) * 10000) / 100;
  return {
    received: registers.received - system.received,
    returned: registers.returned - system.returned,
    returnedOnTime: registers.returnedOnTime - system.returnedOnTime,
    openOverdue:
      registers.openOverdue === null || system.openOverdue === null ? null : registers.openOverdue - system.openOverdue,
    onTimeRatePoints: points(registers.onTimeRate, system.onTimeRate),
    closureRatePoints: points(registers.closureRate, system.closureRate),
  };
}

/** Competition ranks (1, 2, 2, 4) by rate, highest first; null rates get no rank. */
function ranks(rates: Array<number | null>): Array<number | null> {
  return rates.map((r) => (r === null ? null : 1 + rates.filter((o) => o !== null && o > r).length));
}

/** What the tally judges every row against: the report's scope. */
export interface IndicatorScope {
  statusTable: StatusTable;
  filters: ReportFilters;
  /** Unit id the --unit filter resolved to. */
  unitId: number | null;
  /** The data's as-of: the latest as-of among the system snapshots (null without any). */
  asOf: string | null;
}

/** Both views counted one row at a time. */
export class IndicatorTally {
  private readonly byUnit = new Map<number, UnitTally>();
  private readonly asOfDay: string | null;

  constructor(private readonly scope: IndicatorScope) {
    this.asOfDay = day(scope.asOf);
  }

  private tallyOf(unitId: number): UnitTally {
    let t = this.byUnit.get(unitId);
    if (!t) this.byUnit.set(unitId, (t = { system: emptyRaw(), registers: emptyRaw(), paperRows: 0 }));
    return t;
  }

  private wanted(unitId: number | null, receivedDate: string | null): unitId is number {
    return (
      unitId !== null &&
      (this.scope.unitId === null || unitId === this.scope.unitId) &&
      inRange(receivedDate, this.scope.filters)
    );
  }

  /** A register row: counted as a dossier of its own only when it is linked to no system dossier. */
  paper(
    r: Pick<PaperReportRow, 'unitId' | 'receivedDate' | 'dueDate' | 'returnedDate' | 'returnedOnPaper' | 'method'>,
  ): void {
    if (!this.wanted(r.unitId, r.receivedDate)) return;
    const t = this.tallyOf(r.unitId);
    t.paperRows++;
    if (r.method !== null) return; // its dossier is counted once, with the system's dossiers
    count(t.registers, r.returnedOnPaper === 1, day(r.returnedDate), day(r.dueDate), false, this.asOfDay);
  }

  /** A system dossier (its latest state), with the register facts of its linked rows. */
  system(
    s: Pick<
      SystemReportRow,
      'unitId' | 'receivedDate' | 'dueDate' | 'resultDate' | 'returnedDate' | 'status' | 'asOf' | 'paperLink'
    >,
    /** Its timeliness bucket when the caller has it already (the streamed report's TimelinessTally). */
    known: TimelinessBucket | null = null,
  ): void {
    const link = parsePaperLink(s.paperLink);
    const bucket = known ?? timelinessBucket(s, this.scope.statusTable);
    const sysReturned = bucket.startsWith('resolved');
    const sysReturnDay = sysReturned ? (day(s.returnedDate) ?? day(s.resultDate)) : null;
    const sysDue = day(s.dueDate);
    const withdrawn = bucket === 'withdrawnOrRefused';
    if (this.wanted(s.unitId, s.receivedDate)) {
      count(this.tallyOf(s.unitId).system, sysReturned, sysReturnDay, sysDue, withdrawn, this.asOfDay);
    }
    // The registers' view: the system's unit and date, the register's only where the system has none.
    const unitId = s.unitId ?? link?.unitId ?? null;
    const received = s.receivedDate ?? link?.receivedDate ?? null;
    if (!this.wanted(unitId, received)) return;
    const t = this.tallyOf(unitId);
    if (!link) {
      count(t.registers, sysReturned, sysReturnDay, sysDue, withdrawn, this.asOfDay);
      return;
    }
    const returned = link.returned || sysReturned;
    const returnDay = day(link.returnedDate) ?? sysReturnDay;
    const due = sysDue ?? day(link.dueDate);
    count(t.registers, returned, returnDay, due, withdrawn, this.asOfDay);
  }

  /**
   * Sets `indicators` on every unit line (by name, as `unitName` gives them) and on the totals.
   * Ranks are among the lines given (the report's units).
   */
  attach(units: UnitSummary[], totals: ReportTotals, unitName: (id: number) => string): void {
    const byName = new Map<string, UnitTally>();
    for (const [id, t] of this.byUnit) byName.set(unitName(id), t);
    const lines = units.map((u) => {
      const t = byName.get(u.unit);
      const system = t && t.system.received > 0 ? finishView(t.system, this.asOfDay) : null;
      const registers = t && t.paperRows > 0 ? finishView(t.registers, this.asOfDay) : null;
      const comparison: IndicatorComparison =
        system === null ? 'no_system_data' : registers === null ? 'no_register' : 'compared';
      return { t, system, registers, comparison };
    });
    const compared = lines.filter((l) => l.comparison === 'compared');
    const sysRanks = ranks(compared.map((l) => l.system!.closureRate));
    const regRanks = ranks(compared.map((l) => l.registers!.closureRate));
    units.forEach((u, i) => {
      const l = lines[i]!;
      const k = compared.indexOf(l);
      const rs = k >= 0 ? sysRanks[k]! : null;
      const rr = k >= 0 ? regRanks[k]! : null;
      u.indicators = {
        comparison: l.comparison,
        system: l.system,
        registers: l.registers,
        gap: l.comparison === 'compared' ? indicatorGap(l.system!, l.registers!) : null,
        rank: { system: rs, registers: rr, change: rs !== null && rr !== null ? rs - rr : null, of: compared.length },
      };
    });
    const sum = (pick: (t: UnitTally) => RawView): RawView => {
      const out = emptyRaw();
      for (const l of compared) for (const k of Object.keys(out) as Array<keyof RawView>) out[k] += pick(l.t!)[k];
      return out;
    };
    const system = compared.length
      ? finishView(
          sum((t) => t.system),
          this.asOfDay,
        )
      : null;
    const registers = compared.length
      ? finishView(
          sum((t) => t.registers),
          this.asOfDay,
        )
      : null;
    totals.indicators = {
      unitsCompared: compared.length,
      unitsNotCompared: units.length - compared.length,
      system,
      registers,
      gap: system && registers ? indicatorGap(system, registers) : null,
    };
  }
}

/** The latest as-of among system dossier states (ISO strings compare as dates). */
export function latestAsOf(rows: Iterable<Pick<SystemReportRow, 'asOf'>>): string | null {
  let m: string | null = null;
  for (const r of rows) if (r.asOf && (m === null || r.asOf > m)) m = r.asOf;
  return m;
}

/** A unit's indicators as the totals of a report of that unit alone (`--split-by-unit`). */
export function unitTotalIndicators(u: UnitIndicators): TotalIndicators {
  const compared = u.comparison === 'compared';
  return {
    unitsCompared: compared ? 1 : 0,
    unitsNotCompared: compared ? 0 : 1,
    system: compared ? u.system : null,
    registers: compared ? u.registers : null,
    gap: u.gap,
  };
}
