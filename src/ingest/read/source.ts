/** What a reader hands to header detection: sheets of raw rows, with how they were read. */
import type { RawRow } from '../../types.js';

/** One table of a file: an xlsx worksheet, or the whole of a CSV. */
export interface SourceSheet {
  /** Worksheet name; null for CSV. */
  name: string | null;
  rows: RawRow[];
  /** Per row number, the font name of each cell (xlsx only), for legacy-font detection. */
  fonts?: Map<number, Array<string | null>>;
  hidden?: boolean;
  /** Cells converted from legacy 8-bit fonts, per encoding. */
  legacy?: Partial<Record<'tcvn3' | 'vni', number>>;
}

/** A file read into sheets, plus what was learned while reading it. */
export interface SourceFile {
  format: 'xlsx' | 'csv' | 'json';
  sheets: SourceSheet[];
  /** Text encoding (CSV), or 'xlsx'. */
  encoding: string;
  /** CSV separator, when CSV. */
  delimiter?: string;
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
}
