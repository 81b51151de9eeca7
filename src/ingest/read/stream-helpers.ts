/**
 * Glue between the streaming readers and import: legacy-font conversion batch by batch, the
 * xlsx checks done before streaming, and whole-file sources (.xls/.ods) seen as streams.
 */
import type { RawRow } from '../../types.js';
import { convertLegacyCells } from './legacy-cells.js';
import type { SourceFile } from './source.js';
import type { StreamSheet, StreamSource } from './stream-source.js';

export { checkXlsx } from './read-file.js';

/**
 * Converts legacy TCVN3/VNI cells of a streamed xlsx sheet, batch by batch (a column's
 * encoding is decided on each batch, about a hundred rows of a sheet, fonts first), and counts them.
 */
export class LegacyCounter {
  total: Partial<Record<'tcvn3' | 'vni', number>> | undefined;
  private readonly enabled: boolean;

  constructor(private readonly sheet: StreamSheet) {
    this.enabled = sheet.fonts !== undefined && sheet.legacy === undefined;
    if (sheet.legacy && Object.keys(sheet.legacy).length > 0) this.total = sheet.legacy;
  }

  /** Converts the rows in place. */
  convert(rows: RawRow[]): void {
    if (!this.enabled || rows.length === 0) return;
    const summary = convertLegacyCells({ name: this.sheet.name, rows, fonts: this.sheet.fonts });
    for (const [k, n] of Object.entries(summary.cells) as Array<['tcvn3' | 'vni', number]>) {
      this.total ??= {};
      this.total[k] = (this.total[k] ?? 0) + n;
    }
    // Fonts of rows already converted are no longer needed.
    for (const r of rows) this.sheet.fonts!.delete(r.rowNumber);
  }
}

/** A file read whole (legacy formats converted through LibreOffice) seen as a stream. */
export function streamFromLoaded(source: SourceFile): StreamSource {
  return {
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    date1904: source.date1904,
    bytesRead: () => 0,
    sheets: (async function* () {
      for (const s of source.sheets) {
        yield {
          name: s.name,
          hidden: Boolean(s.hidden),
          legacy: s.legacy ?? {},
          batches: (async function* () {
            if (s.rows.length > 0) yield s.rows;
          })(),
        } satisfies StreamSheet;
      }
    })(),
  };
}
