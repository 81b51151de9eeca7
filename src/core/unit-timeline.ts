/**
 * Units over time: each unit's period of validity and the unit that took over from it (the 2025
 * reorganisation: departments merged on 1 March, districts abolished and communes merged on
 * 1 July). Successor links form trees whose roots are the units of today; a unit's *group* is
 * its tree (the unit that its chain of successors ends at). Pure once loaded.
 */

/** One unit with its period (ISO dates, inclusive; null = open) and its successor. */
export interface UnitPeriod {
  id: number;
  code: string | null;
  name: string;
  official: boolean;
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
}

/** `dd/mm/yyyy` of an ISO date. */
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** A unit's period as the reports show it: "(01/07/2025–)", "(–30/06/2025)"; '' when open at both ends. */
export function periodText(u: Pick<UnitPeriod, 'validFrom' | 'validTo'>): string {
  if (u.validFrom === null && u.validTo === null) return '';
  return `(${u.validFrom ? dmy(u.validFrom) : ''}–${u.validTo ? dmy(u.validTo) : ''})`;
}

/** The units, their periods and successor links. */
export class UnitTimeline {
  private readonly byId = new Map<number, UnitPeriod>();
  private readonly current = new Map<number, number>();
  private readonly predecessors = new Map<number, number[]>();
  private readonly predecessorSets = new Map<number, Set<number>>();

  constructor(units: readonly UnitPeriod[]) {
    for (const u of units) this.byId.set(u.id, u);
    for (const u of units) {
      if (u.successorId === null || !this.byId.has(u.successorId)) continue;
      const list = this.predecessors.get(u.successorId) ?? [];
      list.push(u.id);
      this.predecessors.set(u.successorId, list);
    }
  }

  /** The unit by id. */
  get(id: number): UnitPeriod | undefined {
    return this.byId.get(id);
  }

  /** True when some unit has a period or a successor (else every answer is the unit itself). */
  get changes(): boolean {
    for (const u of this.byId.values())
      if (u.validFrom !== null || u.validTo !== null || u.successorId !== null) return true;
    return false;
  }

  /** Whether the unit existed on `date` (any date when `date` is null). */
  validOn(id: number, date: string | null): boolean {
    const u = this.byId.get(id);
    if (!u || date === null) return true;
    const d = date.slice(0, 10);
    return (u.validFrom === null || d >= u.validFrom) && (u.validTo === null || d <= u.validTo);
  }

  /** The unit that `id`'s chain of successors ends at: the unit of today (itself when it has none). */
  currentOf(id: number): number {
    let c = this.current.get(id);
    if (c !== undefined) return c;
    c = id;
    const seen = new Set<number>([id]);
    for (
      let next = this.byId.get(c)?.successorId ?? null;
      next !== null && this.byId.has(next) && !seen.has(next);
      next = this.byId.get(c)?.successorId ?? null
    ) {
      seen.add(next);
      c = next;
    }
    this.current.set(id, c);
    return c;
  }

  /** Every unit whose chain of successors passes through `id` (not `id` itself), ascending. */
  predecessorsOf(id: number): number[] {
    const out: number[] = [];
    const stack = [...(this.predecessors.get(id) ?? [])];
    const seen = new Set<number>([id]);
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      out.push(p);
      stack.push(...(this.predecessors.get(p) ?? []));
    }
    return out.sort((a, b) => a - b);
  }

  /** True when `p`'s chain of successors passes through `id`. */
  isPredecessor(p: number, id: number): boolean {
    let set = this.predecessorSets.get(id);
    if (!set) this.predecessorSets.set(id, (set = new Set(this.predecessorsOf(id))));
    return set.has(p);
  }

  /** True when the two units are one line of succession (same unit of today). */
  sameGroup(a: number, b: number): boolean {
    return this.currentOf(a) === this.currentOf(b);
  }

  /**
   * The unit a row received on `date` belongs to, given the unit its name resolved to and the unit
   * its dossier code's prefix names (if any). A predecessor that the code names and that existed
   * on that date wins over the successor the row names. A unit that did not exist on that date gives way to
   * the unit of its line of succession that the code prefix names and that existed then (a unified
   * system lists old dossiers under their successor, their codes keeping the old prefix), else to
   * its only predecessor that existed then (received after it ended: its first successor that
   * existed then); otherwise it stays.
   */
  atDate(id: number, date: string | null, codeUnitId: number | null): number {
    if (date === null) return id;
    // Named by its successor (which may have existed already: a department merged into another),
    // received by the predecessor its code names while that one existed.
    if (
      codeUnitId !== null &&
      codeUnitId !== id &&
      this.validOn(codeUnitId, date) &&
      this.isPredecessor(codeUnitId, id)
    )
      return codeUnitId;
    if (this.validOn(id, date)) return id;
    if (codeUnitId !== null && codeUnitId !== id && this.sameGroup(codeUnitId, id) && this.validOn(codeUnitId, date))
      return codeUnitId;
    const u = this.byId.get(id)!;
    if (u.validTo !== null && date.slice(0, 10) > u.validTo) {
      // Received after the unit ended: the first of its successors that existed then.
      const seen = new Set<number>([id]);
      for (
        let next = u.successorId;
        next !== null && !seen.has(next) && this.byId.has(next);
        next = this.byId.get(next)!.successorId
      ) {
        if (this.validOn(next, date)) return next;
        seen.add(next);
      }
      return id;
    }
    const then = this.predecessorsOf(id).filter((p) => this.validOn(p, date));
    return then.length === 1 ? then[0]! : id;
  }

  /**
   * Of units that one spelling may name, the one meant on `date`: the only one, else the only one
   * existing on that date; when none or several exist then and all share `sameName` (one name in
   * several periods), the period nearest the date (without a date: today's, else the latest).
   * Null when the spelling stays ambiguous.
   */
  pick(candidates: readonly number[], date: string | null, sameName: boolean): number | null {
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0) return null;
    const d = date?.slice(0, 10) ?? null;
    if (d !== null) {
      const valid = candidates.filter((c) => this.validOn(c, d));
      if (valid.length === 1) return valid[0]!;
      if (valid.length > 1 && !sameName) return null;
    }
    if (!sameName) return null;
    const distance = (c: number) => {
      const u = this.byId.get(c)!;
      if (d === null) return u.validTo === null ? 0 : 1e9 - Date.parse(u.validTo) / 864e5;
      if (u.validTo !== null && d > u.validTo) return (Date.parse(d) - Date.parse(u.validTo)) / 864e5;
      if (u.validFrom !== null && d < u.validFrom) return (Date.parse(u.validFrom) - Date.parse(d)) / 864e5;
      return 0;
    };
    return [...candidates].sort(
      (a, b) =>
        distance(a) - distance(b) ||
        (this.byId.get(b)!.validFrom ?? '').localeCompare(this.byId.get(a)!.validFrom ?? '') ||
        a - b,
    )[0]!;
  }

  /** The unit's name with its period when it has one ("UBND xã Thạnh Đức (01/07/2025–)"): unique where names repeat. */
  label(id: number): string {
    const u = this.byId.get(id);
    if (!u) return String(id);
    const p = periodText(u);
    return p === '' ? u.name : `${u.name} ${p}`;
  }
}
