/**
 * Once an official unit list exists, a name that resolves to no official unit is refused with the
 * closest official units, instead of silently creating a unit and splitting an audit in two.
 */
import { AuditError } from '../errors.js';
import { looksLikePerson, maskPersonalText } from '../normalize/personal.js';
import { suggestUnits } from '../normalize/unit-suggest.js';
import { unitKey } from '../normalize/units.js';
import { cleanText } from '../normalize/text.js';
import { setMeta, type Db } from './db.js';
import { UnitResolver } from './units.js';
import { usageError } from '../i18n/index.js';

/** The ids of the official units (empty: no official list yet, every name is accepted as before). */
export function officialUnitIds(db: Db): Set<number> {
  return new Set(db.prepare('SELECT id FROM units WHERE official = 1').pluck().all() as number[]);
}

/** Up to three official units closest to `name`. */
export function closestOfficialUnits(db: Db, name: string): string[] {
  const units = db.prepare('SELECT id, name FROM units WHERE official = 1 ORDER BY id').all() as Array<{
    id: number;
    name: string;
  }>;
  const aliases = db.prepare('SELECT unit_id AS id, alias FROM unit_aliases').all() as Array<{
    id: number;
    alias: string;
  }>;
  return suggestUnits(
    name,
    units.map((u) => ({ name: u.name, aliases: aliases.filter((a) => a.id === u.id).map((a) => a.alias) })),
  );
}

/** UNIT_UNKNOWN for `name`, with the closest official units (exit 2). */
export function unknownUnitError(db: Db, name: string, option: string | null, file?: string): AuditError {
  return new AuditError(
    'UNIT_UNKNOWN',
    `${file ? `${file}: ` : ''}unknown unit "${name}"${option ? ` (${option})` : ''}`,
    { file, hint: 'motcua-audit units list' },
    { unit: name, suggestions: closestOfficialUnits(db, name), option, newUnit: option === '--unit' },
  );
}

/** UNIT_COLUMN_UNKNOWN: a file whose unit column holds names of no official unit (exit 2). */
export function unknownColumnUnitsError(db: Db, file: string, names: readonly string[]): AuditError {
  const first = names.slice(0, 10);
  // A person typed into the unit column is named masked, as everywhere else (issue 19): an error
  // line is copied into chats and tickets. No unit is suggested for a person.
  const shown = first.map((n) =>
    looksLikePerson(n) ? { name: maskPersonalText(n), person: true } : { name: n, person: false },
  );
  return new AuditError(
    'UNIT_COLUMN_UNKNOWN',
    `${file}: the unit column holds units not in the official list: ${shown.map((u) => u.name).join(', ')}`,
    { file, hint: 'motcua-audit units alias NAME --to UNIT' },
    {
      units: shown.map((u, i) => ({ name: u.name, suggestions: u.person ? [] : closestOfficialUnits(db, first[i]!) })),
      more: names.length - first.length,
    },
  );
}

/** What `units alias` did. */
export interface AliasResult {
  alias: string;
  unit: string;
  /** Units once created from this spelling, now folded into the unit (their rows move over). */
  merged: number;
}

/**
 * Adds NAME as another name of an existing unit (kept across `units import`, as a learned alias),
 * and folds into that unit any unit once created from that spelling. One transaction.
 */
export function addUnitAlias(db: Db, name: string, target: string): AliasResult {
  const alias = cleanText(name);
  if (alias === '') throw usageError('aliasEmpty', { option: 'NAME' });
  const resolver = new UnitResolver(db);
  const unit = resolver.find(target);
  if (!unit) throw unknownUnitError(db, target, '--to');
  const key = unitKey(alias);
  let merged = 0;
  db.transaction(() => {
    db.prepare(
      "INSERT INTO unit_aliases(alias_key, unit_id, alias, source) VALUES (?, ?, ?, 'learned') ON CONFLICT(alias) DO UPDATE SET unit_id = excluded.unit_id, alias_key = excluded.alias_key",
    ).run(key, unit.id, alias);
    const created = db
      .prepare('SELECT id FROM units WHERE official = 0 AND id <> ? AND (name = ? OR name_key = ?)')
      .pluck()
      .all(unit.id, alias, key) as number[];
    for (const from of created) {
      for (const table of ['paper_rows', 'system_rows', 'imports', 'dq_issues', 'unit_aliases'])
        db.prepare(`UPDATE ${table} SET unit_id = ? WHERE unit_id = ?`).run(unit.id, from);
      db.prepare('UPDATE replaced_paper_rows SET unit_id = ? WHERE unit_id = ?').run(unit.id, from);
      db.prepare('DELETE FROM units WHERE id = ?').run(from);
      merged++;
    }
    if (merged > 0) setMeta(db, 'match_stale', '1');
  }).immediate();
  return { alias, unit: unit.name, merged };
}
