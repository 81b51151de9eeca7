/**
 * The unit register: the province's official list (units file) plus units discovered in files.
 * Resolution order: exact name, alias, dossier-code prefix, normalized key (case, tones,
 * NFC/NFD, spacing, "UBND" = "Ủy ban nhân dân"). A spelling resolved by its key is learned as
 * an alias; an unknown name becomes a new, non-official unit.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AuditError } from '../errors.js';
import { decodeText, detectDelimiter } from '../ingest/read-csv.js';
import { maskPersonalText } from '../normalize/personal.js';
import { parseCode, unitCodeKey, type ParsedCode } from '../normalize/codes.js';
import { cleanText } from '../normalize/text.js';
import { unitKey } from '../normalize/units.js';
import type { Db } from './db.js';

/** How a name was resolved. */
export type UnitResolution = 'name' | 'alias' | 'code' | 'normalized' | 'created';

/** Result of resolving a unit name. */
export interface ResolvedUnit {
  id: number;
  name: string;
  how: UnitResolution;
}

interface UnitRow {
  id: number;
  code: string | null;
  code_key: string | null;
  name: string;
  name_key: string;
}

/** Resolves unit names and codes against the database, caching lookups for one import. */
export class UnitResolver {
  private byName = new Map<string, UnitRow>();
  private byKey = new Map<string, UnitRow>();
  private byCode = new Map<string, UnitRow>();
  /** unitCodeKey of the unit codes of dossier codes seen (a pure function; few distinct values). */
  private readonly unitCodeKeys = new Map<string, string>();
  private byId = new Map<number, UnitRow>();
  /** Units created during this resolver's life (reported to the user). */
  readonly created: string[] = [];

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.reload();
  }

  /** Re-reads units and aliases from the database. */
  reload(): void {
    this.byName.clear();
    this.byKey.clear();
    this.byCode.clear();
    this.byId.clear();
    const units = this.db.prepare('SELECT id, code, code_key, name, name_key FROM units ORDER BY official DESC, id').all() as UnitRow[];
    for (const u of units) this.index(u);
    const aliases = this.db.prepare('SELECT alias, alias_key, unit_id FROM unit_aliases').all() as Array<{ alias: string; alias_key: string; unit_id: number }>;
    for (const a of aliases) {
      const u = this.byId.get(a.unit_id);
      if (!u) continue;
      if (!this.byName.has(cleanText(a.alias))) this.byName.set(cleanText(a.alias), u);
      if (!this.byKey.has(a.alias_key)) this.byKey.set(a.alias_key, u);
    }
  }

  private index(u: UnitRow): void {
    this.byId.set(u.id, u);
    if (!this.byName.has(cleanText(u.name))) this.byName.set(cleanText(u.name), u);
    if (!this.byKey.has(u.name_key)) this.byKey.set(u.name_key, u);
    if (u.code_key) this.byCode.set(u.code_key, u);
  }

  /** The unit's display name by id. */
  nameOf(id: number): string {
    return this.byId.get(id)?.name ?? String(id);
  }

  /** Looks a name up without creating anything; null when unknown. */
  find(name: string): ResolvedUnit | null {
    const clean = cleanText(name);
    if (clean === '') return null;
    const exact = this.byName.get(clean);
    if (exact) return { id: exact.id, name: exact.name, how: exact.name === clean ? 'name' : 'alias' };
    const asCode = this.byCode.get(unitCodeKey(clean));
    if (asCode) return { id: asCode.id, name: asCode.name, how: 'code' };
    const byKey = this.byKey.get(unitKey(clean));
    if (byKey) return { id: byKey.id, name: byKey.name, how: 'normalized' };
    return null;
  }

  /** The unit whose identifier prefixes this dossier code, or null. */
  findByDossierCode(code: string | null): ResolvedUnit | null {
    return this.findByParsedCode(code ? parseCode(code) : null);
  }

  /** {@link findByDossierCode} of a code already parsed (`parseCode`'s answer). */
  findByParsedCode(parsed: ParsedCode | null): ResolvedUnit | null {
    if (!parsed) return null;
    let key = this.unitCodeKeys.get(parsed.unitCode);
    if (key === undefined) {
      key = unitCodeKey(parsed.unitCode);
      if (this.unitCodeKeys.size < 10000) this.unitCodeKeys.set(parsed.unitCode, key);
    }
    const u = this.byCode.get(key);
    return u ? { id: u.id, name: u.name, how: 'code' } : null;
  }

  /** Resolves a name, learning the spelling as an alias or creating a new unit when unknown. */
  resolve(name: string): ResolvedUnit {
    const clean = cleanText(name);
    const found = this.find(clean);
    if (found) {
      if (found.how === 'normalized') this.learnAlias(found.id, clean);
      return found;
    }
    const info = this.db
      .prepare('INSERT INTO units(code, code_key, name, name_key, official, created_at) VALUES (NULL, NULL, ?, ?, 0, ?)')
      .run(clean, unitKey(clean), this.now().toISOString());
    const row: UnitRow = { id: Number(info.lastInsertRowid), code: null, code_key: null, name: clean, name_key: unitKey(clean) };
    this.index(row);
    this.created.push(clean);
    return { id: row.id, name: clean, how: 'created' };
  }

  private learnAlias(unitId: number, alias: string): void {
    this.db
      .prepare("INSERT INTO unit_aliases(alias_key, unit_id, alias, source) VALUES (?, ?, ?, 'learned') ON CONFLICT(alias) DO NOTHING")
      .run(unitKey(alias), unitId, alias);
    const u = this.byId.get(unitId);
    if (u) this.byName.set(alias, u);
  }
}

/** One line of the official units file. */
export interface UnitFileEntry {
  code: string | null;
  name: string;
  aliases: string[];
  line: number;
}

/** Reads a units CSV (`code,name,aliases`, aliases separated by `|`; any encoding we read). */
export function readUnitsFile(file: string): UnitFileEntry[] {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw new AuditError('INGEST_NOT_FOUND', `cannot read the units file: ${file}`, { file }, {}, { cause: e });
  }
  const { text } = decodeText(buf, file);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true, delimiter: detectDelimiter(text) }) as unknown as string[][];
  } catch (e) {
    throw new AuditError('UNITS_FILE_INVALID', `${file}: not a readable CSV file`, { file }, {}, { cause: e });
  }
  const header = (records[0] ?? []).map((h) => cleanText(h).toLowerCase());
  const iCode = header.indexOf('code');
  const iName = header.indexOf('name');
  const iAliases = header.indexOf('aliases');
  if (iName < 0 || iCode < 0) {
    // The first line may be a data row (a file without its header): what it held is shown masked
    // as the reports mask personal data, never as it is.
    const found = (records[0] ?? []).map((h) => maskPersonalText(cleanText(h))).join(',');
    throw new AuditError('UNITS_FILE_INVALID', `${file}: the header must be code,name,aliases (found: ${found})`, { file, row: 1 }, { reason: 'header', found });
  }
  const out: UnitFileEntry[] = [];
  records.slice(1).forEach((r, i) => {
    const name = cleanText(r[iName] ?? '');
    if (name === '') {
      throw new AuditError('UNITS_FILE_INVALID', `${file}: row ${i + 2} has no unit name`, { file, row: i + 2, column: 'name' });
    }
    const code = cleanText(r[iCode] ?? '');
    const aliases = iAliases >= 0 ? (r[iAliases] ?? '').split('|').map(cleanText).filter((a) => a !== '') : [];
    out.push({ code: code === '' ? null : code, name, aliases, line: i + 2 });
  });
  return out;
}

/** Result of importing the units file. */
export interface UnitsImportResult {
  added: number;
  updated: number;
  aliases: number;
  total: number;
}

/**
 * Imports (or re-imports, updating) the official unit list in one transaction. A unit is
 * identified by its code when it has one, else by its name key; a discovered unit that the
 * file now names becomes official and keeps its rows.
 */
export function importUnits(db: Db, entries: UnitFileEntry[], now: Date = new Date()): UnitsImportResult {
  const result: UnitsImportResult = { added: 0, updated: 0, aliases: 0, total: entries.length };
  db.transaction(() => {
    const byCode = db.prepare('SELECT id FROM units WHERE code_key = ?');
    const byNameKey = db.prepare('SELECT id FROM units WHERE name_key = ? ORDER BY official DESC, id LIMIT 1');
    const byAlias = db.prepare('SELECT unit_id AS id FROM unit_aliases WHERE alias_key = ? ORDER BY source DESC LIMIT 1');
    const update = db.prepare('UPDATE units SET code = ?, code_key = ?, name = ?, name_key = ?, official = 1 WHERE id = ?');
    const insert = db.prepare('INSERT INTO units(code, code_key, name, name_key, official, created_at) VALUES (?, ?, ?, ?, 1, ?)');
    const clearAliases = db.prepare("DELETE FROM unit_aliases WHERE unit_id = ? AND source = 'official'");
    const addAlias = db.prepare(
      "INSERT INTO unit_aliases(alias_key, unit_id, alias, source) VALUES (?, ?, ?, 'official') ON CONFLICT(alias) DO UPDATE SET unit_id = excluded.unit_id, alias_key = excluded.alias_key, source = 'official'",
    );
    for (const e of entries) {
      const codeKey = e.code ? unitCodeKey(e.code) : null;
      const key = unitKey(e.name);
      const existing = ((codeKey ? byCode.get(codeKey) : undefined) ?? byNameKey.get(key) ?? byAlias.get(key)) as { id: number } | undefined;
      let id: number;
      if (existing) {
        update.run(e.code, codeKey, e.name, key, existing.id);
        id = existing.id;
        result.updated++;
      } else {
        id = Number(insert.run(e.code, codeKey, e.name, key, now.toISOString()).lastInsertRowid);
        result.added++;
      }
      clearAliases.run(id);
      for (const a of e.aliases) {
        addAlias.run(unitKey(a), id, a);
        result.aliases++;
      }
    }
    mergeDiscoveredUnits(db);
  }).immediate();
  return result;
}

/**
 * Folds units discovered in files into the official unit they turned out to be (same name key,
 * or named by an official alias): their rows move over and the discovered unit is removed.
 */
function mergeDiscoveredUnits(db: Db): void {
  const pairs = db
    .prepare(
      `SELECT d.id AS fromId, COALESCE(
         (SELECT o.id FROM units o WHERE o.official = 1 AND o.name_key = d.name_key ORDER BY o.id LIMIT 1),
         (SELECT a.unit_id FROM unit_aliases a JOIN units o ON o.id = a.unit_id WHERE o.official = 1 AND a.alias_key = d.name_key LIMIT 1)
       ) AS toId
       FROM units d WHERE d.official = 0`,
    )
    .all() as Array<{ fromId: number; toId: number | null }>;
  for (const { fromId, toId } of pairs) {
    if (toId === null) continue;
    for (const table of ['paper_rows', 'system_rows', 'imports', 'dq_issues', 'unit_aliases']) {
      db.prepare(`UPDATE ${table} SET unit_id = ? WHERE unit_id = ?`).run(toId, fromId);
    }
    db.prepare('DELETE FROM units WHERE id = ?').run(fromId);
  }
}
