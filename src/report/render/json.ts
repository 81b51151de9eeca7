/**
 * The JSON report (`motcua-audit/report@2`) written piece by piece: the head as JSON.stringify
 * writes it, then one finding at a time, so a million findings never become one string. The text
 * is byte for byte `JSON.stringify(report, null, 2)` followed by a newline.
 */
import { findingsOf, type AnyReport } from '../model/finding-set.js';

const FINDINGS_MARKER = '\n  "findings": []';

/** Writes the report's JSON text through `write`, in order. */
export function writeReportJson(report: AnyReport, write: (chunk: string) => void): void {
  const set = findingsOf(report);
  // Same keys in the same order, findings empty: the head's text, cut where the findings go.
  const head = JSON.stringify({ ...report, findings: [] }, null, 2);
  const at = head.indexOf(FINDINGS_MARKER);
  write(`${head.slice(0, at)}\n  "findings": [`);
  let first = true;
  for (const f of set.iterate()) {
    write(`${first ? '\n' : ',\n'}    ${JSON.stringify(f, null, 2).replace(/\n/g, '\n    ')}`);
    first = false;
  }
  write(first ? ']' : '\n  ]');
  write(`${head.slice(at + FINDINGS_MARKER.length)}\n`);
}

/** The report's JSON text as one string (small reports, tests). */
export function renderReportJson(report: AnyReport): string {
  const parts: string[] = [];
  writeReportJson(report, (s) => parts.push(s));
  return parts.join('');
}
