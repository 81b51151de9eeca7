/** The units as use cases: the official list imported (`units import`) and listed (`units list`). */
import type { UnitFileEntry } from '../core/import-records.js';
import { checkUnitsFile } from '../ingest/interpret/units-file.js';
import type { Db } from '../store/db.js';
import { loadUnitAliases, loadUnitListingRows, writeUnits, type UnitsImportResult } from '../store/units.js';

export { readUnitsFile } from '../ingest/interpret/units-file.js';
export { addUnitAlias } from '../store/unit-check.js';

/**
 * Imports (or re-imports, updating) the official unit list in one transaction (see writeUnits).
 * Successor codes must name a unit of the file or one already imported, without a circle
 * (UNITS_FILE_INVALID).
 */
export function importUnits(
  db: Db,
  entries: UnitFileEntry[],
  now: Date = new Date(),
  file = 'units.csv',
): UnitsImportResult {
  return writeUnits(db, entries, now, (known) => checkUnitsFile(file, entries, known));
}

/** One line of `units list`. */
export interface UnitListing {
  code: string | null;
  name: string;
  official: boolean;
  aliases: string[];
  paperRows: number;
  systemDossiers: number;
  /** First and last day of the unit (ISO); null = open. */
  validFrom: string | null;
  validTo: string | null;
  /** The unit that took over from this one: code (or name when it has none). */
  successor: string | null;
}

/** Units with their aliases, periods, successors and row counts. */
export function listUnits(db: Db): UnitListing[] {
  const units = loadUnitListingRows(db);
  const aliases = loadUnitAliases(db);
  const collator = new Intl.Collator('vi');
  return units
    .map((u) => ({
      code: u.code,
      name: u.name,
      official: u.official === 1,
      aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias),
      paperRows: u.paperRows,
      systemDossiers: u.systemDossiers,
      validFrom: u.validFrom,
      validTo: u.validTo,
      successor: u.successor,
    }))
    .sort(
      (a, b) =>
        Number(b.official) - Number(a.official) ||
        collator.compare(a.name, b.name) ||
        (a.validFrom ?? '').localeCompare(b.validFrom ?? ''),
    );
}
