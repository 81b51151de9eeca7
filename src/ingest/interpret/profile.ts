/**
 * An explicit column mapping for the rare register nothing detects (`--profile FILE.json`):
 *
 * ```json
 * { "headerRow": 7, "sheets": ["Quý I", "Quý II"],
 *   "columns": { "code": "B", "applicant": "Họ tên", "receivedDate": "H", "returnedDate": "L" } }
 * ```
 * A column is a letter ("B") or header text (matched after folding, as a whole label or a part of
 * it). Without `headerRow` the header is detected and the profile's columns override it.
 */
import fs from 'node:fs';
import { AuditError } from '../../errors.js';
import { foldText } from '../../normalize/text.js';
import type { Field, RawRow } from '../../types.js';
import { cellText, detectHeader, type HeaderMatch } from './detect-header.js';
import type { HeaderRule } from './header-synonyms.js';

/** A validated profile. */
export interface Profile {
  headerRow?: number;
  sheets?: string[];
  columns: Partial<Record<Field, string>>;
}

const FIELDS: readonly Field[] = [
  'seq',
  'code',
  'procedure',
  'quantity',
  'applicant',
  'address',
  'phone',
  'idNumber',
  'resolvingAgency',
  'unit',
  'receivedDate',
  'dueDate',
  'transferDate',
  'resultDate',
  'returnedDate',
  'signature',
  'status',
  'note',
  'submitter',
  'submittedDate',
  'procedureCode',
  'person',
  'channel',
];

/** Reads and validates a profile file; errors name the field. */
export function loadProfile(file: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditError('CONFIG_INVALID', `${file}: not a readable JSON file`, { file }, { field: '' }, { cause: e });
  }
  const bad = (field: string, what: string) =>
    new AuditError('CONFIG_INVALID', `${file}: ${field}: ${what}`, { file }, { field, what });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('(root)', 'expected an object');
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['headerRow', 'sheets', 'columns'].includes(k)) throw bad(k, 'unknown field');
  if (o.headerRow !== undefined && (!Number.isInteger(o.headerRow) || (o.headerRow as number) < 1))
    throw bad('headerRow', 'expected a row number ≥ 1');
  if (o.sheets !== undefined && (!Array.isArray(o.sheets) || !o.sheets.every((s) => typeof s === 'string')))
    throw bad('sheets', 'expected a list of sheet names');
  if (typeof o.columns !== 'object' || o.columns === null || Array.isArray(o.columns))
    throw bad('columns', 'expected an object of field → column');
  const columns: Partial<Record<Field, string>> = {};
  for (const [k, v] of Object.entries(o.columns as Record<string, unknown>)) {
    if (!FIELDS.includes(k as Field)) throw bad(`columns.${k}`, `unknown field (known: ${FIELDS.join(', ')})`);
    if (typeof v !== 'string' || v.trim() === '') throw bad(`columns.${k}`, 'expected a column letter or header text');
    columns[k as Field] = v.trim();
  }
  return { headerRow: o.headerRow as number | undefined, sheets: o.sheets as string[] | undefined, columns };
}

/** 0-based index of a column letter ("A" → 0, "AB" → 27), or null when not a letter reference. */
export function columnIndex(ref: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(ref)) return null;
  return [...ref.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The header of a sheet under a profile, or null when the profile's header row is not in it. */
export function headerFromProfile(
  rows: readonly RawRow[],
  profile: Profile,
  rules: readonly HeaderRule[],
): HeaderMatch | null {
  let header: HeaderMatch | null;
  if (profile.headerRow !== undefined) {
    const i = rows.findIndex((r) => r.rowNumber === profile.headerRow);
    if (i < 0) return null;
    header = {
      lastHeaderIndex: i,
      headerRows: [profile.headerRow],
      columns: {},
      labels: rows[i]!.cells.map((c) => cellText(c).trim()),
      score: 0,
    };
  } else {
    header = detectHeader(rows, rules);
    if (!header) return null;
  }
  const labels = header.labels.map((l) => foldText(l));
  for (const [field, ref] of Object.entries(profile.columns) as Array<[Field, string]>) {
    let index = columnIndex(ref);
    if (index === null || labels.some((l) => l === foldText(ref))) {
      const wanted = foldText(ref);
      const exact = labels.indexOf(wanted);
      index = exact >= 0 ? exact : labels.findIndex((l) => l.includes(wanted));
      if (index < 0)
        throw new AuditError(
          'CONFIG_INVALID',
          `profile: columns.${field}: no header "${ref}"`,
          {},
          { field: `columns.${field}`, what: `no header "${ref}"` },
        );
    }
    for (const f of Object.keys(header.columns) as Field[]) if (header.columns[f] === index) delete header.columns[f];
    header.columns[field] = index;
  }
  return header;
}
