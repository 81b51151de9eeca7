/**
 * Renders the report files of a run with the report renderers themselves (no copy of them):
 * one renderer per file format of the config. The xlsx gets the "Thay đổi" sheet when there is
 * a previous run to compare with. Files made for people mask personal data unless the config's
 * `reports.showPersonalData` is true; JSON never masks (it is the machine interface, created with
 * the configured mode, 0600 by default).
 */
import type { ReportFileFormat } from '../config/audit-config.js';
import type { Lang } from '../i18n/index.js';
import fs from 'node:fs';
import { writeReportFormat, type AnyReport } from '../audit/report-output.js';
import { addDiffSheet } from './diff-sheet.js';
import type { RunDiff } from './diff.js';
import type { FileContent } from './report-dir.js';

/** What a renderer is told besides the report. */
export interface ReportFileContext {
  lang: Lang;
  /** The changes since the previous run, or null on the first run. */
  diff: RunDiff | null;
  toolVersion: string;
  /** How the report was made, for the provenance sheet (e.g. ["run --config audit.json"]). */
  optionsUsed: string[];
  /** Unmasked personal data in the files for people (config `reports.showPersonalData`). */
  showPersonalData: boolean;
  /** Heading and signature block of the files for people (config `reports.agency`, `title`, `signer*`). */
  agency: string | null;
  title: string | null;
  signerPrepared: string | null;
  signerHead: string | null;
  /** Above this many findings the HTML page gives counts by unit (config `reports.htmlMaxFindings`). */
  htmlMaxFindings?: number;
}

const people = (c: ReportFileContext) => ({
  lang: c.lang,
  toolVersion: c.toolVersion,
  optionsUsed: c.optionsUsed,
  showPersonalData: c.showPersonalData,
  agency: c.agency,
  title: c.title,
  preparedBy: c.signerPrepared,
  headOfUnit: c.signerHead,
  htmlMaxFindings: c.htmlMaxFindings,
});

/**
 * Writes one report file, new (never overwriting), with `mode`. The workbook is streamed to
 * disk (bounded memory for any number of findings), with the "Thay đổi" sheet when there is a diff.
 */
export async function writeReportFile(
  format: ReportFileFormat,
  report: AnyReport,
  c: ReportFileContext,
  file: string,
  mode: number,
  writeNew: (file: string, content: FileContent, mode: number) => void,
): Promise<void> {
  if (format === 'xlsx' && fs.existsSync(file))
    throw Object.assign(new Error(`file exists: ${file}`), { code: 'EEXIST', path: file });
  await writeReportFormat(
    format,
    report,
    people(c),
    file,
    (f, text) => writeNew(f, text, mode),
    c.diff ? (wb) => void addDiffSheet(wb, c.diff!, c.lang) : undefined,
  );
  if (format === 'xlsx') fs.chmodSync(file, mode);
}

/** The base name of every report file in a run folder: `bao-cao.<format>`. */
export const REPORT_FILE_BASE = 'bao-cao';
