/**
 * The database check as a use case (`doctor`): the checks run by store/doctor.ts, sizes shown as the guards show them.
 */
export { runDoctor, type CheckId, type CheckStatus, type DoctorCheck, type DoctorReport } from '../store/doctor.js';
export { formatBytes } from '../ingest/read/zip-guard.js';
