/**
 * File names as the reports show them: relative to the folder of the audit (the working folder of
 * `report`, the config's folder for `run`), never an absolute path of the machine that ran it. A
 * path given relative on import is kept as given; an absolute one inside the audit folder becomes
 * relative to it; one outside it keeps only its file name (the folders above the audit folder are
 * the machine's, not the audit's).
 */
import path from 'node:path';
import { findingsOf, type AnyReport, type FindingSet, type StreamedReport } from '../model/finding-set.js';
import type { Finding, Report } from '../model/types.js';

/** `file` as a report shows it, seen from `baseDir` (absolute). */
export function auditPath(file: string, baseDir: string): string {
  if (!path.isAbsolute(file) && !path.win32.isAbsolute(file)) return file;
  if (!path.isAbsolute(file)) return path.win32.basename(file);
  const rel = path.relative(baseDir, file);
  if (rel !== '' && !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel))
    return rel.split(path.sep).join('/');
  return path.basename(file);
}

/** A cached `auditPath`: a report names a few files over many findings. */
function pathMapper(baseDir: string): (file: string) => string {
  const seen = new Map<string, string>();
  return (file) => {
    let out = seen.get(file);
    if (out === undefined) seen.set(file, (out = auditPath(file, baseDir)));
    return out;
  };
}

function mapFinding(f: Finding, map: (file: string) => string): Finding {
  if (!f.paper) return f;
  const file = map(f.paper.file);
  return file === f.paper.file ? f : { ...f, paper: { ...f.paper, file } };
}

/**
 * The report with every file name (findings' `paper.file`, provenance's `sources[].file`) as seen
 * from `baseDir`. The order of the findings is kept; a streamed report's findings are mapped as
 * they are read, one at a time.
 */
export function withAuditPaths<R extends AnyReport>(report: R, baseDir: string): R {
  const map = pathMapper(path.resolve(baseDir));
  const provenance = report.provenance
    ? { ...report.provenance, sources: report.provenance.sources.map((s) => ({ ...s, file: map(s.file) })) }
    : undefined;
  const head = provenance ? { ...report, provenance } : { ...report };
  if (Array.isArray(report.findings))
    return { ...head, findings: (report as Report).findings.map((f) => mapFinding(f, map)) } as R;
  const set = findingsOf(report);
  const findings: FindingSet = {
    count: (section) => set.count(section),
    *iterate(section) {
      for (const f of set.iterate(section)) yield mapFinding(f, map);
    },
  };
  return { ...head, findings } as StreamedReport as R;
}
