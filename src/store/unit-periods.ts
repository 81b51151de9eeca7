/** The units' periods and successor links as stored (see core/unit-timeline.ts). */
import { UnitTimeline, type UnitPeriod } from '../core/unit-timeline.js';
import type { Db } from './db.js';

/** Every unit with its period and successor. */
export function loadUnitPeriods(db: Db): UnitPeriod[] {
  const rows = db
    .prepare(
      'SELECT id, code, name, official, valid_from AS validFrom, valid_to AS validTo, successor_id AS successorId FROM units ORDER BY id',
    )
    .all() as Array<Omit<UnitPeriod, 'official'> & { official: number }>;
  return rows.map((r) => ({ ...r, official: r.official === 1 }));
}

/** The timeline of the units in the database. */
export function loadUnitTimeline(db: Db): UnitTimeline {
  return new UnitTimeline(loadUnitPeriods(db));
}
