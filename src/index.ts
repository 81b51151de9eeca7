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
