/** The imports as use cases (`imports list`, `imports remove`): stored by store/imports-admin.ts. */
export { listImports, removeImports, type ImportListing, type RemovedImport } from '../store/imports-admin.js';
