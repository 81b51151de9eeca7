/**
 * The official units file: `code,name,aliases` and, for units over time, `validFrom`, `validTo`
 * and `successor` (the code of the unit that took over; chains allowed). Read and checked whole:
 * one code twice, one name twice in overlapping periods, a period that ends before it starts, an
 * unknown or circular successor refuse the file (UNITS_FILE_INVALID, exit 2) naming its lines.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AuditError } from '../../errors.js';
import { decodeText, detectDelimiter } from '../read/read-csv.js';
import { unitCodeKey } from '../../normalize/codes.js';
import { parseVietnameseDate } from '../../normalize/dates.js';
import { maskPersonalText } from '../../normalize/personal.js';
import { cleanText } from '../../normalize/text.js';
import { unitToneKey } from '../../normalize/units.js';
import type { UnitFileEntry } from '../../core/import-records.js';

const invalid = (
  file: string,
  row: number,
  column: string | undefined,
  params: Record<string, unknown>,
  message: string,
) => new AuditError('UNITS_FILE_INVALID', `${file}: ${message}`, { file, row, ...(column ? { column } : {}) }, params);

/** Reads and checks a units CSV (any encoding and separator we read). */
export function readUnitsFile(file: string): UnitFileEntry[] {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new AuditError('INGEST_NOT_FOUND', `cannot read the units file: ${file}`, { file }, {}, { cause: e });
  }
  const { text } = decodeText(buf);
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      delimiter: detectDelimiter(text),
    }) as unknown as string[][];
  } catch (e) {
    throw new AuditError(
      'UNITS_FILE_INVALID',
      `${file}: not a readable CSV file`,
      { file },
      { reason: 'csv' },
      { cause: e },
    );
  }
  const header = (records[0] ?? []).map((h) => cleanText(h).toLowerCase());
  const col = (name: string) => header.indexOf(name.toLowerCase());
  const iCode = col('code');
  const iName = col('name');
  const iAliases = col('aliases');
  const iFrom = col('validFrom');
  const iTo = col('validTo');
  const iSuccessor = col('successor');
  if (iName < 0 || iCode < 0) {
    // The first line may be a data row (a file without its header): what it held is shown masked
    // as the reports mask personal data, never as it is.
    const found = (records[0] ?? []).map((h) => maskPersonalText(cleanText(h))).join(',');
    throw new AuditError(
      'UNITS_FILE_INVALID',
      `${file}: the header must be code,name,aliases (found: ${found})`,
      { file, row: 1 },
      { reason: 'header', found },
    );
  }
  const date = (r: string[], i: number, column: string, line: number): string | null => {
    const raw = i >= 0 ? cleanText(r[i] ?? '') : '';
    if (raw === '') return null;
    const d = parseVietnameseDate(raw);
    if (!d.ok) throw invalid(file, line, column, { reason: 'date', value: raw }, `row ${line}: "${raw}" is not a date`);
    return d.date;
  };
  const out: UnitFileEntry[] = [];
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const name = cleanText(r[iName] ?? '');
    if (name === '') throw invalid(file, line, 'name', { reason: 'no-name' }, `row ${line} has no unit name`);
    const code = cleanText(r[iCode] ?? '');
    const aliases =
      iAliases >= 0
        ? (r[iAliases] ?? '')
            .split('|')
            .map(cleanText)
            .filter((a) => a !== '')
        : [];
    const validFrom = date(r, iFrom, 'validFrom', line);
    const validTo = date(r, iTo, 'validTo', line);
    if (validFrom !== null && validTo !== null && validFrom > validTo) {
      throw invalid(
        file,
        line,
        'validTo',
        { reason: 'period', from: validFrom, to: validTo },
        `row ${line}: the period ends (${validTo}) before it starts (${validFrom})`,
      );
    }
    const successor = iSuccessor >= 0 ? cleanText(r[iSuccessor] ?? '') : '';
    out.push({
      code: code === '' ? null : code,
      name,
      aliases,
      line,
      validFrom,
      validTo,
      successor: successor === '' ? null : successor,
    });
  });
  checkUnitsFile(file, out);
  return out;
}

const overlap = (a: UnitFileEntry, b: UnitFileEntry) =>
  (a.validFrom ?? '') <= (b.validTo ?? '9999') && (b.validFrom ?? '') <= (a.validTo ?? '9999');

/**
 * The whole-file rules: codes unique; a name (tones kept: "Long Thành" and "Long Thạnh" are two
 * names) at most once in any period; successors name a code of the file or of `knownCodes` (the
 * units already imported), and no chain of successors comes back to where it started.
 */
export function checkUnitsFile(
  file: string,
  entries: readonly UnitFileEntry[],
  knownCodes: ReadonlyMap<string, string | null> = new Map(),
): void {
  const byCode = new Map<string, UnitFileEntry>();
  for (const e of entries) {
    if (e.code === null) continue;
    const k = unitCodeKey(e.code);
    const first = byCode.get(k);
    if (first)
      throw invalid(
        file,
        e.line,
        'code',
        { reason: 'duplicate-code', code: e.code, lines: [first.line, e.line] },
        `the code ${e.code} is on rows ${first.line} and ${e.line}`,
      );
    byCode.set(k, e);
  }
  const byName = new Map<string, UnitFileEntry[]>();
  for (const e of entries) {
    const k = unitToneKey(e.name);
    const same = byName.get(k) ?? [];
    const clash = same.find((o) => overlap(o, e));
    if (clash)
      throw invalid(
        file,
        e.line,
        'name',
        { reason: 'duplicate-name', name: e.name, lines: [clash.line, e.line] },
        `the unit ${e.name} is on rows ${clash.line} and ${e.line} in overlapping periods`,
      );
    same.push(e);
    byName.set(k, same);
  }
  // Successor links by code key: the file's over those already imported.
  const next = new Map<string, string | null>(knownCodes);
  for (const e of entries) {
    if (e.code === null) {
      if (e.successor)
        throw invalid(
          file,
          e.line,
          'code',
          { reason: 'successor-no-code' },
          `row ${e.line}: a unit with a successor needs its own code`,
        );
      continue;
    }
    next.set(unitCodeKey(e.code), e.successor ? unitCodeKey(e.successor) : null);
  }
  for (const e of entries) {
    if (!e.successor || e.code === null) continue;
    if (!next.has(unitCodeKey(e.successor))) {
      throw invalid(
        file,
        e.line,
        'successor',
        { reason: 'successor-unknown', code: e.successor },
        `row ${e.line}: the successor ${e.successor} is not a unit code`,
      );
    }
    const start = unitCodeKey(e.code);
    const seen = new Set<string>([start]);
    const lines = [e.line];
    for (let k: string | null | undefined = unitCodeKey(e.successor); k; k = next.get(k)) {
      if (seen.has(k)) {
        throw invalid(
          file,
          e.line,
          'successor',
          { reason: 'successor-cycle', lines },
          `rows ${lines.join(', ')}: the successors form a circle`,
        );
      }
      seen.add(k);
      const l = byCode.get(k)?.line;
      if (l !== undefined) lines.push(l);
    }
  }
}
