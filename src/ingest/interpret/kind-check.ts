/**
 * Tells a system export from a paper register by its header, title block and first rows, so that
 * a file given to the wrong `import` command is refused instead of silently corrupting the audit
 * (an export imported as a register makes every dossier "never closed"; a register imported as an
 * export makes a unit "?" appear). Pure; looks only at what the header search already read.
 */
import { foldText } from '../../normalize/text.js';
import type { RawRow, SourceKind } from '../../types.js';
import { cellText, type HeaderMatch } from './detect-header.js';
import { classifyRow } from './extract.js';

/** What a file's first rows show. */
export interface KindEvidence {
  status: boolean;
  signature: boolean;
  /** A unit column filled on (nearly) every data row. */
  unitPerRow: boolean;
  /** Share of data rows (of the first ones) with a dossier code, 0..1; null without data rows. */
  codeShare: number | null;
  exportTitle: boolean;
  registerTitle: boolean;
  /** A "Ghi chú" column: the official register's last column. */
  note: boolean;
  /** Any unit column at all. */
  unitColumn: boolean;
}

const EXPORT_TITLE = /\b(danh sach ho so|xuat du lieu|ket xuat|trich xuat|ngay xuat|thoi diem xuat)\b/;
const REGISTER_TITLE = /\b(so theo doi|so tiep nhan|so giao nhan|so nhan tra|so dang ky ho so|mau so 0[67])\b/;
/** Share of rows above which a column is "on nearly every row". */
const NEARLY_ALL = 0.9;

function share(rows: readonly RawRow[], col: number | undefined): number {
  if (col === undefined || rows.length === 0) return 0;
  let n = 0;
  for (const r of rows) if (cellText(r.cells[col] ?? null).trim() !== '') n++;
  return n / rows.length;
}

/** Gathers the evidence from the rows read for header detection. */
export function kindEvidence(head: readonly RawRow[], header: HeaderMatch, title: readonly string[]): KindEvidence {
  const data = head.slice(header.lastHeaderIndex + 1).filter((r) => classifyRow(r, header) === null);
  const folded = title.map(foldText).join(' | ');
  return {
    status: header.columns.status !== undefined,
    signature: header.columns.signature !== undefined,
    unitPerRow: data.length > 0 && share(data, header.columns.unit) >= NEARLY_ALL,
    codeShare: data.length > 0 ? share(data, header.columns.code) : null,
    exportTitle: EXPORT_TITLE.test(folded),
    registerTitle: REGISTER_TITLE.test(folded),
    note: header.columns.note !== undefined,
    unitColumn: header.columns.unit !== undefined,
  };
}

/**
 * The kind the file looks like when it is not `kind`, else null. A register is refused as an
 * export when it has no status column (without one an export cannot tell open from closed) and
 * shows a register's signs: a signature column, a register title, a note column, or no unit
 * column; an export is refused as a register when it has a status column, no register
 * signs, and at least two of: a unit on every row, codes on nearly every row, an export title.
 */
export function wrongKind(kind: SourceKind, e: KindEvidence): SourceKind | null {
  const registerSigns = e.signature || e.registerTitle;
  if (kind === 'system') return !e.status && (registerSigns || e.note || !e.unitColumn) ? 'paper' : null;
  if (!e.status || registerSigns) return null;
  const exportSigns =
    Number(e.unitPerRow) + Number(e.codeShare !== null && e.codeShare >= NEARLY_ALL) + Number(e.exportTitle);
  return exportSigns >= 2 ? 'system' : null;
}

/** The signs behind a verdict, as stable keys for the message (localized by the CLI). */
export function kindSigns(looksLike: SourceKind, e: KindEvidence): string[] {
  if (looksLike === 'paper') {
    return [
      e.signature ? 'signature' : '',
      e.registerTitle ? 'register-title' : '',
      e.note ? 'note' : '',
      e.unitColumn ? '' : 'no-unit',
      'no-status',
    ].filter(Boolean);
  }
  return [
    'status',
    e.unitPerRow ? 'unit-per-row' : '',
    e.codeShare !== null && e.codeShare >= NEARLY_ALL ? 'codes' : '',
    e.exportTitle ? 'export-title' : '',
  ].filter(Boolean);
}
