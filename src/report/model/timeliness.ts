/**
 * Timeliness of the system's dossiers in the spirit of report form Biểu II.06a/VPCP/KSTT: resolved
 * early / on time / late, pending within / past due. Computed by calendar day from the system's own
 * dates (received, due, returned) and, for pending dossiers, relative to the as-of date of the
 * snapshot their state comes from. Pure: no I/O.
 */
import { DEFAULT_STATUS_TABLE, statusState, type StatusTable } from '../../normalize/status.js';
import { foldText } from '../../normalize/text.js';
import { foldCell } from '../../normalize/fast-text.js';
import type { SystemReportRow } from '../../core/report-rows.js';
import { inRange } from './accumulate.js';
import type { ReportFilters } from './types.js';
import type { TimelinessCounts, TimelinessBlock } from './types.js';
export type { TimelinessCounts, TimelinessBlock } from './types.js';

/** What the computation needs: the same inputs and filters the report model uses. */
export interface TimelinessInput {
  units: Array<{ id: number; name: string }>;
  system: readonly SystemReportRow[];
  statusTable: StatusTable;
  filters: ReportFilters;
  /** Unit id the --unit filter resolved to. */
  unitId: number | null;
  /** Unit names in the report's order; units without system dossiers get zero lines. */
  order: readonly string[];
}

/** Zeroed counts. */
export function emptyTimeliness(): TimelinessCounts {
  return {
    systemRecords: 0,
    resolved: 0,
    resolvedEarly: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    resolvedUndated: 0,
    withdrawnOrRefused: 0,
    pending: 0,
    pendingWithinDue: 0,
    pendingPastDue: 0,
    pendingUndated: 0,
  };
}

const NOT_RESOLVED_CODES = new Set([3, 7, 8]);
const NATIONAL_CODE_OF = new Map(
  DEFAULT_STATUS_TABLE.filter((e) => e.nationalCode !== undefined).map((e) => [foldText(e.label), e.nationalCode!]),
);

/** The national status code of a label, when the built-in table or the label itself tells it. */
function nationalCode(label: string | null): number | null {
  if (label === null) return null;
  // A million dossiers, a few dozen distinct labels: foldCell (same result as foldText) remembers them.
  const folded = foldCell(label);
  if (/^\d{1,2}$/.test(folded)) return Number(folded);
  return NATIONAL_CODE_OF.get(folded) ?? null;
}

const day = (d: string | null | undefined): string | null => (d ? d.slice(0, 10) : null);

/** Where one dossier falls. Exported for table-driven tests. */
export function timelinessBucket(
  row: Pick<SystemReportRow, 'status' | 'dueDate' | 'returnedDate' | 'resultDate' | 'asOf'>,
  statusTable: StatusTable,
): keyof Omit<TimelinessCounts, 'systemRecords' | 'resolved' | 'pending'> {
  const due = day(row.dueDate);
  if (statusState(row.status, statusTable) === 'closed') {
    const code = nationalCode(row.status);
    if (code !== null && NOT_RESOLVED_CODES.has(code)) return 'withdrawnOrRefused';
    const done = day(row.returnedDate) ?? day(row.resultDate);
    if (!due || !done) return 'resolvedUndated';
    return done < due ? 'resolvedEarly' : done === due ? 'resolvedOnTime' : 'resolvedLate';
  }
  // Open or an unknown label: the system does not show it closed, so it is pending.
  if (!due) return 'pendingUndated';
  return day(row.asOf)! > due ? 'pendingPastDue' : 'pendingWithinDue';
}

function add(c: TimelinessCounts, bucket: ReturnType<typeof timelinessBucket>): void {
  c.systemRecords++;
  c[bucket]++;
  if (bucket.startsWith('resolved')) c.resolved++;
  if (bucket.startsWith('pending')) c.pending++;
}

/** Timeliness counted one system dossier at a time, with the report model's scope rules. */
export class TimelinessTally {
  private readonly nameOf: Map<number, string>;
  private readonly byUnit = new Map<string, TimelinessCounts>();
  private readonly totals = emptyTimeliness();

  constructor(private readonly input: Omit<TimelinessInput, 'system' | 'order'>) {
    this.nameOf = new Map(input.units.map((u) => [u.id, u.name]));
  }

  /** Counts one dossier (skipped when out of scope); returns its bucket, or null when out of scope. */
  add(s: SystemReportRow): ReturnType<typeof timelinessBucket> | null {
    const input = this.input;
    if (
      s.unitId === null ||
      (input.unitId !== null && s.unitId !== input.unitId) ||
      !inRange(s.receivedDate, input.filters)
    )
      return null;
    const name = this.nameOf.get(s.unitId) ?? String(s.unitId);
    let c = this.byUnit.get(name);
    if (!c) this.byUnit.set(name, (c = emptyTimeliness()));
    const bucket = timelinessBucket(s, input.statusTable);
    add(c, bucket);
    add(this.totals, bucket);
    return bucket;
  }

  /** The block, units in `order` first (zero lines for those without dossiers), then any other. */
  block(order: readonly string[]): TimelinessBlock {
    const lines = new Map<string, TimelinessCounts>(order.map((n) => [n, emptyTimeliness()]));
    for (const [name, c] of this.byUnit) lines.set(name, c);
    return { units: [...lines.entries()].map(([unit, c]) => ({ unit, ...c })), totals: { ...this.totals } };
  }
}

/** Counts per unit and in total, with exactly the scope rules of the report model's `systemRecords`. */
export function computeTimeliness(input: TimelinessInput): TimelinessBlock {
  const tally = new TimelinessTally(input);
  for (const s of input.system) tally.add(s);
  return tally.block(input.order);
}
