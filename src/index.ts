/** motcua-audit as a library: what scripts and tests import. */
export * from './errors.js';
export * from './types.js';
export { importFiles, type ImportBatchResult } from './audit/import.js';
export { DEFAULT_TIERS, isMatchStale, matchStored, runMatch, type MatchSummary } from './audit/match.js';
export { buildAuditReport, openAuditReport, type ReportOptions } from './audit/report.js';
export { listUnits, type UnitListing } from './audit/units.js';
export { openDb, type Db } from './store/db.js';
export { importFile, type ImportOptions, type ImportResult } from './audit/import.js';
export { importUnits, readUnitsFile } from './audit/units.js';
export { UnitResolver } from './store/units.js';
export { buildReport } from './report/model/build.js';
export type { Report, Finding, UnitSummary, UnitCounters } from './report/model/types.js';
export { materialize, type AnyReport, type FindingSet, type StreamedReport } from './report/model/finding-set.js';
export { writeReportJson, renderReportJson } from './report/render/json.js';
export { writeFindingsCsv, renderFindingsCsv } from './report/render/csv.js';
export { writeXlsxReport } from './report/render/xlsx/xlsx.js';
export { writeTextFile } from './report/render/sink.js';
export { buildStatusTable, statusState, DEFAULT_STATUS_TABLE } from './normalize/status.js';
export { codeKey, normalizeCode, parseCode } from './normalize/codes.js';
export { unitKey } from './normalize/units.js';
export { DEFAULT_MATCH_CONFIG, resolveMatchConfig, type MatchConfig, type MatchConfigInput } from './match/config.js';
export {
  decide,
  listReview,
  listDecisions,
  exportDecisionsCsv,
  importDecisionsCsv,
  resolvePaperRef,
} from './audit/decisions.js';
export { explainFinding, type Explanation } from './audit/explain.js';
export { loadAuditConfig, parseAuditConfig, type AuditConfig } from './config/audit-config.js';
export { runAudit, type RunAuditOptions, type RunAuditResult } from './run/audit-run.js';
export { diffRuns } from './run/history.js';
export { runDoctor, type DoctorReport } from './store/doctor.js';
