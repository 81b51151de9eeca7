/**
 * User-extendable data tables, read from JSON files: header synonyms (`--synonyms FILE`) and
 * status labels (`--statuses FILE`). User entries are tried before the built-in ones.
 *
 * synonyms.json: `[{ "field": "applicant", "patterns": ["Người đứng tên", "Tên công dân"] }]`
 * statuses.json: `[{ "label": "Đã bàn giao", "state": "closed" }, { "label": "Tạm dừng", "state": "open" }]`
 */
import fs from 'node:fs';
import { AuditError } from '../errors.js';
import { DEFAULT_HEADER_RULES, type HeaderRule } from '../ingest/interpret/header-synonyms.js';
import { buildStatusTable, type StatusEntry, type StatusTable } from '../normalize/status.js';
import { foldText } from '../normalize/text.js';
import type { Field } from '../types.js';

function readJsonArray(file: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditError('CONFIG_INVALID', `${file}: not a readable JSON file`, { file }, { field: '' }, { cause: e });
  }
  if (!Array.isArray(data))
    throw new AuditError('CONFIG_INVALID', `${file}: expected a JSON list`, { file }, { field: '(root)' });
  return data;
}

const HEADER_FIELDS = new Set(DEFAULT_HEADER_RULES.map((r) => r.field));

/** Header rules: the user's (from `file`, folded) first, then the built-in table. */
export function loadHeaderRules(file: string | null | undefined): readonly HeaderRule[] {
  if (!file) return DEFAULT_HEADER_RULES;
  const user = readJsonArray(file).map((e, i) => {
    const o = e as { field?: unknown; patterns?: unknown };
    if (typeof o?.field !== 'string' || !HEADER_FIELDS.has(o.field as Field)) {
      throw new AuditError(
        'CONFIG_INVALID',
        `${file}: [${i}].field: unknown field`,
        { file },
        { field: `[${i}].field` },
      );
    }
    if (!Array.isArray(o.patterns) || !o.patterns.every((p) => typeof p === 'string' && foldText(p) !== '')) {
      throw new AuditError(
        'CONFIG_INVALID',
        `${file}: [${i}].patterns: expected a list of header words`,
        { file },
        { field: `[${i}].patterns` },
      );
    }
    return { field: o.field as Field, patterns: (o.patterns as string[]).map(foldText) };
  });
  return [...user, ...DEFAULT_HEADER_RULES];
}

/** The status table: built-in labels plus the user's (from `file`). */
export function loadStatusTable(file: string | null | undefined): StatusTable {
  if (!file) return buildStatusTable();
  const entries: StatusEntry[] = readJsonArray(file).map((e, i) => {
    const o = e as { label?: unknown; state?: unknown };
    if (typeof o?.label !== 'string' || o.label.trim() === '')
      throw new AuditError(
        'CONFIG_INVALID',
        `${file}: [${i}].label: expected text`,
        { file },
        { field: `[${i}].label` },
      );
    if (o.state !== 'open' && o.state !== 'closed')
      throw new AuditError(
        'CONFIG_INVALID',
        `${file}: [${i}].state: "open" or "closed"`,
        { file },
        { field: `[${i}].state` },
      );
    return { label: o.label, state: o.state };
  });
  return buildStatusTable(entries);
}
