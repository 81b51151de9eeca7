/**
 * The status table of a run: the `statuses` field of the config names a JSON file of extra status
 * labels, the same file `report --statuses` reads (see src/config/user-tables.ts). A problem in that file is
 * a config error naming the field, the file and the entry: `audit.json: statuses: trang-thai.json:
 * [1].state: expected "open" or "closed"`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isAuditError } from '../errors.js';
import type { StatusTable } from '../normalize/status.js';
import { loadStatusTable } from './user-tables.js';
import { configError, type AuditConfig } from './audit-config.js';
import type { StatusesProblem } from '../i18n/index.js';

function problemOf(field: string): StatusesProblem {
  if (field === '(root)') return 'not-list';
  if (field.endsWith('.label')) return 'label';
  if (field.endsWith('.state')) return 'state';
  return 'json';
}

/** Loads the config's status table (the built-in one when `statuses` is not set). Throws RUN_CONFIG_INVALID. */
export function loadConfigStatusTable(config: Pick<AuditConfig, 'file' | 'dir' | 'statuses'>): StatusTable {
  const file = config.statuses;
  if (file === null) return loadStatusTable(null);
  const shown = path.relative(config.dir, file) || file;
  const fail = (problem: StatusesProblem, at: string | null) =>
    configError(config.file, 'statuses', { kind: 'statuses-file', file: shown, problem, at });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw fail('missing', null);
  }
  if (!stat.isFile()) throw fail('missing', null);
  try {
    return loadStatusTable(file);
  } catch (e) {
    if (isAuditError(e) && e.code === 'CONFIG_INVALID') {
      const field = String(e.params.field ?? '');
      const problem = problemOf(field);
      throw fail(problem, problem === 'label' || problem === 'state' ? field.replace(/\.(label|state)$/, '') : null);
    }
    throw e;
  }
}
