/** motcua-audit as a library: what scripts and tests import. */
export * from './errors.js';
export * from './types.js';
export * from './audit.js';
export { openDb, type Db } from './store/db.js';
export { importFile, type ImportOptions, type ImportResult } from './store/import.js';
export { importUnits, readUnitsFile, UnitResolver } from './store/units.js';
export { buildReport, type Report, type Finding, type UnitSummary, type UnitCounters } from './report/model.js';
export { buildStatusTable, statusState, DEFAULT_STATUS_TABLE } from './normalize/status.js';
export { codeKey, normalizeCode, parseCode } from './normalize/codes.js';
export { unitKey } from './normalize/units.js';
export { DEFAULT_MATCH_CONFIG, resolveMatchConfig, type MatchConfig, type MatchConfigInput } from './match/config.js';
export { decide, listReview, listDecisions, exportDecisionsCsv, importDecisionsCsv, resolvePaperRef } from './audit-match.js';
export { explainFinding, type Explanation } from './audit-explain.js';
export { loadAuditConfig, parseAuditConfig, type AuditConfig } from './config/audit-config.js';
export { runAudit, type RunAuditOptions, type RunAuditResult } from './run/audit-run.js';
export { diffRuns } from './run/history.js';
export { runDoctor, type DoctorReport } from './store/doctor.js';
