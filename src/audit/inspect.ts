/** What the tool detects in a file, without importing it: the basis for writing a --profile. */
import type { Field } from '../types.js';
import { detectHeader } from '../ingest/interpret/detect-header.js';
import { columnLetter, extractSheet, titleLines, type DataRow, type SkipCounts } from '../ingest/interpret/extract.js';
import { DEFAULT_HEADER_RULES, type HeaderRule } from '../ingest/interpret/header-synonyms.js';
import { headerFromProfile, type Profile } from '../ingest/interpret/profile.js';
import { loadFile } from '../ingest/read/read-file.js';
import { fillMergedGroupHeaders } from '../ingest/interpret/merged-header.js';
export { loadProfile } from '../ingest/interpret/profile.js';

/** One sheet as detected. */
export interface SheetInspection {
  sheet: string | null;
  hidden: boolean;
  rows: number;
  titleLines: string[];
  headerRows: number[] | null;
  /**
   * Every header column with its label, the field it maps to (null: not used) and the header words
   * that named it (a pattern of the header table, a national field name, or a group's words over a
   * generic date: "tra ket qua / ngay"; '' when none, or when the field comes from a profile), and
   * the field those words name (`named`: also for a column not used because an earlier one gives
   * that field, such as a second "Ký nhận").
   */
  columns: Array<{ column: string; label: string; field: Field | null; words: string; named: Field | null }>;
  dossiers: number;
  skipped: SkipCounts;
  samples: DataRow[];
  /** One column holds the applicant's name and address; they are split. */
  splitApplicant: boolean;
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
export async function inspectFile(
  file: string,
  options: { rules?: readonly HeaderRule[]; profile?: Profile | null; samples?: number } = {},
): Promise<FileInspection> {
  const rules = options.rules ?? DEFAULT_HEADER_RULES;
  const loaded = await loadFile(file);
  const sheets = loaded.source.sheets.map((s): SheetInspection => {
    // As import does: merged group-header cells filled on a copy of the rows searched.
    const searched = loaded.source.format !== 'json' ? fillMergedGroupHeaders(s.rows) : s.rows;
    const header = options.profile
      ? headerFromProfile(searched, options.profile, rules)
      : detectHeader(searched, rules);
    const base = { sheet: s.name, hidden: Boolean(s.hidden), rows: s.rows.length, legacy: s.legacy ?? null };
    if (!header)
      return {
        ...base,
        titleLines: [],
        headerRows: null,
        columns: [],
        dossiers: 0,
        skipped: {},
        samples: [],
        splitApplicant: false,
      };
    // A column giving two fields (name and address in one cell) shows the first.
    const fieldOf = new Map<number, Field>();
    for (const [f, i] of Object.entries(header.columns) as Array<[Field, number]>)
      if (!fieldOf.has(i)) fieldOf.set(i, f);
    const extracted = extractSheet(s.rows, s.name, header, {
      date1904: loaded.source.date1904,
      countGaps: loaded.source.format === 'xlsx',
    });
    return {
      ...base,
      titleLines: titleLines(s.rows, header).slice(0, 6),
      headerRows: header.headerRows,
      columns: header.labels
        .map((label, i) => {
          const field = fieldOf.get(i) ?? null;
          const named = header.named?.[i] ?? field;
          return {
            column: columnLetter(i),
            label,
            field,
            words: named === null ? '' : (header.matched?.[i] ?? ''),
            named,
          };
        })
        .filter((c) => c.label !== '' || c.field !== null),
      dossiers: extracted.rows.length,
      skipped: extracted.skipped,
      samples: extracted.rows.slice(0, options.samples ?? 3),
      splitApplicant: header.splitApplicant === true,
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
