/**
 * Which units a report counts under (units over time). `received`, the default: each unit as it
 * was when the dossier was received, its period shown with its name. `current`: every unit rolled
 * into the unit of today its line of succession ends at (who must close what now), the
 * predecessors named on its line after "←" (and listed in the JSON's `predecessors`). Pure.
 */
import type { UnitPeriod, UnitTimeline } from '../../core/unit-timeline.js';

/** The report's view of units. */
export type UnitView = 'received' | 'current';

/** The views, as `report --units` and `reports.units` take them. */
export const UNIT_VIEWS: readonly UnitView[] = ['received', 'current'];

/** A predecessor named on a unit's line (`--units current`). */
export interface PredecessorRef {
  unit: string;
  unitCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** A unit as the report's scope knows it. */
export interface ScopeUnit {
  id: number;
  code: string | null;
  /** The name as shown: with its period when it has one (names repeat across periods). */
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** With `current`: the units rolled into this one, by name. */
  predecessors?: PredecessorRef[];
}

/** The units of the report's scope under `view`. */
export function scopeUnits(units: readonly UnitPeriod[], timeline: UnitTimeline, view: UnitView): ScopeUnit[] {
  const collator = new Intl.Collator('vi');
  return units
    .filter((u) => view === 'received' || timeline.currentOf(u.id) === u.id)
    .map((u) => {
      const base: ScopeUnit = {
        id: u.id,
        code: u.code,
        name: timeline.label(u.id),
        validFrom: u.validFrom,
        validTo: u.validTo,
      };
      if (view !== 'current') return base;
      const predecessors = timeline
        .predecessorsOf(u.id)
        .map((p) => timeline.get(p)!)
        .sort(
          (a, b) => (a.validTo ?? '').localeCompare(b.validTo ?? '') || collator.compare(a.name, b.name) || a.id - b.id,
        )
        .map((p) => ({ unit: p.name, unitCode: p.code, validFrom: p.validFrom, validTo: p.validTo }));
      // Named on the unit's line in every format: "UBND xã Tân Đông (01/07/2025–) ← UBND huyện Tân Châu; UBND xã Tân
      // Đông".
      const name =
        predecessors.length === 0 ? base.name : `${base.name} ← ${predecessors.map((p) => p.unit).join('; ')}`;
      return { ...base, name, predecessors };
    });
}

/** The unit a row is counted under: itself, or with `current` the unit of today. */
export function unitRollUp(timeline: UnitTimeline, view: UnitView): ((id: number) => number) | null {
  return view === 'current' && timeline.changes ? (id) => timeline.currentOf(id) : null;
}
