/** What the tool detects in a file, without importing it: the basis for writing a --profile. */
import type { Field } from '../types.js';
import { detectHeader } from './detect-header.js';
import { columnLetter, extractSheet, titleLines, type DataRow, type SkipCounts } from './extract.js';
import { DEFAULT_HEADER_RULES, type HeaderRule } from './header-synonyms.js';
import { headerFromProfile, type Profile } from './profile.js';
import { loadFile } from './read-file.js';

/** One sheet as detected. */
export interface SheetInspection {
  sheet: string | null;
  hidden: boolean;
  rows: number;
  titleLines: string[];
  headerRows: number[] | null;
  /** Every header column with its label and the field it maps to (null: not used). */
  columns: Array<{ column: string; label: string; field: Field | null }>;
  dossiers: number;
  skipped: SkipCounts;
  samples: DataRow[];
  legacy: Partial<Record<'tcvn3' | 'vni', number>> | null;
}

/** A whole file as detected. */
export interface FileInspection {
  file: string;
  format: string;
  encoding: string;
  delimiter: string | null;
  date1904: boolean;
  sha256: string;
  sheets: SheetInspection[];
}

/** Reads a file and reports what header detection (or the profile) finds in each sheet. */
export async function inspectFile(file: string, options: { rules?: readonly HeaderRule[]; profile?: Profile | null; samples?: number } = {}): Promise<FileInspection> {
  const rules = options.rules ?? DEFAULT_HEADER_RULES;
  const loaded = await loadFile(file);
  const sheets = loaded.source.sheets.map((s): SheetInspection => {
    const header = options.profile ? headerFromProfile(s.rows, options.profile, rules) : detectHeader(s.rows, rules);
    const base = { sheet: s.name, hidden: Boolean(s.hidden), rows: s.rows.length, legacy: s.legacy ?? null };
    if (!header) return { ...base, titleLines: [], headerRows: null, columns: [], dossiers: 0, skipped: {}, samples: [] };
    const fieldOf = new Map(Object.entries(header.columns).map(([f, i]) => [i, f as Field]));
    const extracted = extractSheet(s.rows, s.name, header, { date1904: loaded.source.date1904, countGaps: loaded.source.format === 'xlsx' });
    return {
      ...base,
      titleLines: titleLines(s.rows, header).slice(0, 6),
      headerRows: header.headerRows,
      columns: header.labels.map((label, i) => ({ column: columnLetter(i), label, field: fieldOf.get(i) ?? null })).filter((c) => c.label !== '' || c.field !== null),
      dossiers: extracted.rows.length,
      skipped: extracted.skipped,
      samples: extracted.rows.slice(0, options.samples ?? 3),
    };
  });
  return {
    file,
    format: loaded.source.format,
    encoding: loaded.source.encoding,
    delimiter: loaded.source.delimiter ?? null,
    date1904: Boolean(loaded.source.date1904),
    sha256: loaded.sha256,
    sheets,
  };
}
