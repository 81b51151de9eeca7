/**
 * What every command needs from the lower layers: the database opened (store/db.ts), a date
 * option parsed as the registers' dates are, a private file written atomically, the run config.
 */
export { openDb, type Db, type OpenDbOptions } from '../store/db.js';
export { parseVietnameseDate } from '../normalize/dates.js';
export { writePrivateFileAtomically } from '../report/render/sink.js';
export { loadAuditConfig } from '../config/audit-config.js';
export { listRuns } from '../store/runs.js';
export { loadHeaderRules, loadStatusTable } from '../config/user-tables.js';
