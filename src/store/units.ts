/**
 * The unit register: the province's official list (units file) plus units discovered in files.
 * Resolution order: exact name, alias, dossier-code prefix, normalized key (case, tones,
 * NFC/NFD, spacing, "UBND" = "Ủy ban nhân dân"). A spelling resolved by its key is learned as
 * an alias; an unknown name becomes a new, non-official unit.
 */
import { parseCode, unitCodeKey, type ParsedCode } from '../normalize/codes.js';
import { cleanText } from '../normalize/text.js';
import { unitKey, unitToneKey } from '../normalize/units.js';
import type { Db } from './db.js';
import type { UnitTimeline } from '../core/unit-timeline.js';
import { loadUnitTimeline } from './unit-periods.js';
import type { UnitFileEntry } from '../core/import-records.js';

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
  official: number;
}

/** A spelling's candidate units at one level of strictness. */
interface Candidates {
  ids: number[];
  how: UnitResolution;
  /** Whether the candidates bear one name (one unit in several periods); computed when first asked. */
  sameName?: boolean;
}

const pushId = (map: Map<string, number[]>, key: string, id: number) => {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
};

/**
 * Resolves unit names and codes against the database, caching lookups for one import. A spelling
 * is looked up exactly, then with tones kept (case, tone placement, agency words), then as a
 * code, then folded; at each level the units it may name are narrowed by the row's date (one name
 * in several periods). Folding only finds a unique unit: "Long Thanh" with both "Long Thành" and
 * "Long Thạnh" in the list finds neither.
 */
export class UnitResolver {
  private byName = new Map<string, number[]>();
  private byTone = new Map<string, number[]>();
  private byKey = new Map<string, number[]>();
  private byCode = new Map<string, UnitRow>();
  /** unitCodeKey of the unit codes of dossier codes seen (a pure function; few distinct values). */
  private readonly unitCodeKeys = new Map<string, string>();
  private byId = new Map<number, UnitRow>();
  private readonly spellings = new Map<string, Candidates | null>();
  /** Candidates by spelling as read (uncleaned), for the rows of an import. */
  private readonly asRead = new Map<string, Candidates | null>();
  /** Periods and successors of the units. */
  timeline!: UnitTimeline;
  /** Units created during this resolver's life (reported to the user). */
  readonly created: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reload();
  }

  /** Re-reads units and aliases from the database. */
  reload(): void {
    for (const m of [this.byName, this.byTone, this.byKey, this.byCode, this.byId, this.spellings, this.asRead])
      m.clear();
    const units = this.db
      .prepare('SELECT id, code, code_key, name, name_key, official FROM units ORDER BY official DESC, id')
      .all() as UnitRow[];
    for (const u of units) this.index(u);
    const aliases = this.db
      .prepare('SELECT alias, unit_id FROM unit_aliases ORDER BY source DESC, alias')
      .all() as Array<{ alias: string; unit_id: number }>;
    for (const a of aliases) if (this.byId.has(a.unit_id)) this.indexSpelling(a.alias, a.unit_id);
    this.timeline = loadUnitTimeline(this.db);
  }

  private index(u: UnitRow): void {
    this.byId.set(u.id, u);
    this.indexSpelling(u.name, u.id);
    if (u.code_key) this.byCode.set(u.code_key, u);
  }

  private indexSpelling(spelling: string, id: number): void {
    pushId(this.byName, cleanText(spelling), id);
    pushId(this.byTone, unitToneKey(spelling), id);
    pushId(this.byKey, unitKey(spelling), id);
  }

  /** The unit's display name by id. */
  nameOf(id: number): string {
    return this.byId.get(id)?.name ?? String(id);
  }

  /** The units a spelling may name, at the strictest level that finds any (official ones first). */
  private candidates(clean: string): Candidates | null {
    const known = this.spellings.get(clean);
    if (known !== undefined) return known;
    const official = (ids: number[] | undefined) => {
      if (!ids || ids.length === 0) return null;
      const o = ids.filter((id) => this.byId.get(id)!.official === 1);
      return o.length > 0 ? o : ids;
    };
    let found: Candidates | null = null;
    const exact = official(this.byName.get(clean));
    if (exact) found = { ids: exact, how: exact.every((id) => this.byId.get(id)!.name === clean) ? 'name' : 'alias' };
    if (!found) {
      const tone = official(this.byTone.get(unitToneKey(clean)));
      if (tone) found = { ids: tone, how: 'normalized' };
    }
    if (!found) {
      const asCode = this.byCode.get(unitCodeKey(clean));
      if (asCode) found = { ids: [asCode.id], how: 'code' };
    }
    if (!found) {
      const folded = official(this.byKey.get(unitKey(clean)));
      if (folded) found = { ids: folded, how: 'normalized' };
    }
    if (this.spellings.size < 10000) this.spellings.set(clean, found);
    return found;
  }

  /** True when every candidate has one name (tones kept): one unit in several periods. */
  private sameName(c: Candidates): boolean {
    if (c.sameName === undefined) {
      const first = unitToneKey(this.byId.get(c.ids[0]!)!.name);
      c.sameName = c.ids.every((id) => unitToneKey(this.byId.get(id)!.name) === first);
    }
    return c.sameName;
  }

  /** The unit a candidate list names on `date`, or null. */
  private pickOn(c: Candidates, date: string | null): number | null {
    return c.ids.length === 1 ? c.ids[0]! : this.timeline.pick(c.ids, date, this.sameName(c));
  }

  /**
   * {@link find}'s unit id for the rows of an import (units over time: a spelling and a row's
   * received date), the spelling cached as read, so that a row costs a map lookup.
   */
  findOn(spelling: string, date: string | null): number | null {
    let c = this.asRead.get(spelling);
    if (c === undefined) {
      const clean = cleanText(spelling);
      c = clean === '' ? null : this.candidates(clean);
      if (this.asRead.size < 10000) this.asRead.set(spelling, c);
    }
    return c === null ? null : this.pickOn(c, date);
  }

  /**
   * Looks a name up without creating anything; null when unknown or ambiguous. With `date`, the
   * unit valid on that day among those bearing the name; without, today's (else the latest).
   */
  find(name: string, date: string | null = null): ResolvedUnit | null {
    const clean = cleanText(name);
    if (clean === '') return null;
    const c = this.candidates(clean);
    if (!c) return null;
    const id = this.pickOn(c, date);
    if (id === null) return null;
    return { id, name: this.byId.get(id)!.name, how: c.how };
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

  /** Resolves a name (on `date`), learning the spelling as an alias or creating a new unit when unknown. */
  resolve(name: string, date: string | null = null): ResolvedUnit {
    const clean = cleanText(name);
    const found = this.find(clean, date);
    if (found) {
      // A spelling that names one unit only is learned; one shared by several periods is not (the date decides).
      if (found.how === 'normalized' && this.candidates(clean)!.ids.length === 1) this.learnAlias(found.id, clean);
      return found;
    }
    const info = this.db
      .prepare(
        'INSERT INTO units(code, code_key, name, name_key, official, created_at) VALUES (NULL, NULL, ?, ?, 0, ?)',
      )
      .run(clean, unitKey(clean), this.now().toISOString());
    const row: UnitRow = {
      id: Number(info.lastInsertRowid),
      code: null,
      code_key: null,
      name: clean,
      name_key: unitKey(clean),
      official: 0,
    };
    // A new unit of a spelling that was ambiguous: the spelling now names it (exactly).
    this.spellings.delete(clean);
    this.asRead.clear();
    this.byId.set(row.id, row);
    pushId(this.byName, clean, row.id);
    if (!this.byTone.has(unitToneKey(clean))) pushId(this.byTone, unitToneKey(clean), row.id);
    if (!this.byKey.has(row.name_key)) pushId(this.byKey, row.name_key, row.id);
    this.created.push(clean);
    return { id: row.id, name: clean, how: 'created' };
  }

  private learnAlias(unitId: number, alias: string): void {
    this.db
      .prepare(
        "INSERT INTO unit_aliases(alias_key, unit_id, alias, source) VALUES (?, ?, ?, 'learned') ON CONFLICT(alias) DO NOTHING",
      )
      .run(unitKey(alias), unitId, alias);
    pushId(this.byName, alias, unitId);
    this.spellings.set(alias, { ids: [unitId], how: 'alias' });
  }
}

/** Result of importing the units file. */
export interface UnitsImportResult {
  added: number;
  updated: number;
  aliases: number;
  total: number;
}

/**
 * Writes (or rewrites, updating) the official unit list in one transaction. A unit is
 * identified by its code when it has one, else by its name with tones kept and its period; a
 * discovered unit that the file now names becomes official and keeps its rows. `check` is called
 * in the transaction, before any write, with the code keys already stored and their successors'.
 */
export function writeUnits(
  db: Db,
  entries: UnitFileEntry[],
  now: Date,
  check: (known: ReadonlyMap<string, string | null>) => void,
): UnitsImportResult {
  const result: UnitsImportResult = { added: 0, updated: 0, aliases: 0, total: entries.length };
  db.transaction(() => {
    const known = new Map<string, string | null>();
    const existingUnits = db
      .prepare(
        'SELECT u.code_key AS k, s.code_key AS next FROM units u LEFT JOIN units s ON s.id = u.successor_id WHERE u.code_key IS NOT NULL',
      )
      .all() as Array<{ k: string; next: string | null }>;
    for (const u of existingUnits) known.set(u.k, u.next);
    check(known);
    const byCode = db.prepare('SELECT id FROM units WHERE code_key = ?');
    const selectSameName = db.prepare(
      'SELECT id, name, official, code, valid_from AS validFrom FROM units WHERE name_key = ? ORDER BY official DESC, id',
    );
    const sameName = (k: string) => selectSameName.all(k);
    const update = db.prepare(
      'UPDATE units SET code = ?, code_key = ?, name = ?, name_key = ?, official = 1, valid_from = ?, valid_to = ?, successor_id = NULL WHERE id = ?',
    );
    const insert = db.prepare(
      'INSERT INTO units(code, code_key, name, name_key, official, created_at, valid_from, valid_to) VALUES (?, ?, ?, ?, 1, ?, ?, ?)',
    );
    const setSuccessor = db.prepare(
      'UPDATE units SET successor_id = (SELECT id FROM units WHERE code_key = ?) WHERE id = ?',
    );
    const clearAliases = db.prepare("DELETE FROM unit_aliases WHERE unit_id = ? AND source = 'official'");
    const addAlias = db.prepare(
      "INSERT INTO unit_aliases(alias_key, unit_id, alias, source) VALUES (?, ?, ?, 'official') ON CONFLICT(alias) DO UPDATE SET unit_id = excluded.unit_id, alias_key = excluded.alias_key, source = 'official'",
    );
    const ids: number[] = [];
    for (const e of entries) {
      const codeKey = e.code ? unitCodeKey(e.code) : null;
      const key = unitKey(e.name);
      const tone = unitToneKey(e.name);
      // Never by folding alone: "Long Thạnh" does not update "Long Thành".
      const byName = (
        sameName(key) as Array<{
          id: number;
          name: string;
          official: number;
          code: string | null;
          validFrom: string | null;
        }>
      ).find(
        (u) =>
          unitToneKey(u.name) === tone &&
          (u.official === 0 || (codeKey === null && u.code === null && u.validFrom === (e.validFrom ?? null))),
      );
      const existing = ((codeKey ? byCode.get(codeKey) : undefined) ?? byName) as { id: number } | undefined;
      let id: number;
      if (existing) {
        update.run(e.code, codeKey, e.name, key, e.validFrom ?? null, e.validTo ?? null, existing.id);
        id = existing.id;
        result.updated++;
      } else {
        id = Number(
          insert.run(e.code, codeKey, e.name, key, now.toISOString(), e.validFrom ?? null, e.validTo ?? null)
            .lastInsertRowid,
        );
        result.added++;
      }
      ids.push(id);
      clearAliases.run(id);
      for (const a of e.aliases) {
        addAlias.run(unitKey(a), id, a);
        result.aliases++;
      }
    }
    entries.forEach((e, i) => {
      if (e.successor) setSuccessor.run(unitCodeKey(e.successor), ids[i]);
    });
    mergeDiscoveredUnits(db);
  }).immediate();
  return result;
}

/**
 * Folds units discovered in files into the official unit they turned out to be: the only official
 * unit of that name (tones kept, else folded when it finds one name only), or named by an official
 * alias. Their rows move over (by received date when the name has several periods) and the
 * discovered unit is removed. A spelling two official units share folded stays apart.
 */
function mergeDiscoveredUnits(db: Db): void {
  const discovered = db.prepare('SELECT id, name, name_key AS nameKey FROM units WHERE official = 0').all() as Array<{
    id: number;
    name: string;
    nameKey: string;
  }>;
  if (discovered.length === 0) return;
  const officials = db.prepare('SELECT id, name, name_key AS nameKey FROM units WHERE official = 1').all() as Array<{
    id: number;
    name: string;
    nameKey: string;
  }>;
  const aliasOf = db
    .prepare(
      "SELECT DISTINCT a.unit_id FROM unit_aliases a JOIN units o ON o.id = a.unit_id WHERE o.official = 1 AND a.source = 'official' AND a.alias_key = ?",
    )
    .pluck();
  const timeline = loadUnitTimeline(db);
  for (const d of discovered) {
    const tone = unitToneKey(d.name);
    let targets = officials.filter((o) => unitToneKey(o.name) === tone);
    if (targets.length === 0) {
      const folded = officials.filter((o) => o.nameKey === d.nameKey);
      if (new Set(folded.map((o) => unitToneKey(o.name))).size === 1) targets = folded;
    }
    if (targets.length === 0) {
      const viaAlias = aliasOf.all(d.nameKey) as number[];
      if (viaAlias.length === 1) targets = officials.filter((o) => o.id === viaAlias[0]);
    }
    if (targets.length === 0) continue;
    const ids = targets.map((t) => t.id);
    const fallback = timeline.pick(ids, null, true)!;
    if (ids.length > 1) {
      // One name, several periods: each row to the unit of its received date.
      for (const table of ['paper_rows', 'system_rows']) {
        const rows = db.prepare(`SELECT id, received_date AS d FROM ${table} WHERE unit_id = ?`).all(d.id) as Array<{
          id: number;
          d: string | null;
        }>;
        const move = db.prepare(`UPDATE ${table} SET unit_id = ? WHERE id = ?`);
        for (const r of rows) move.run(timeline.pick(ids, r.d, true) ?? fallback, r.id);
      }
    }
    for (const table of ['paper_rows', 'system_rows', 'imports', 'dq_issues', 'unit_aliases']) {
      db.prepare(`UPDATE ${table} SET unit_id = ? WHERE unit_id = ?`).run(fallback, d.id);
    }
    db.prepare('DELETE FROM units WHERE id = ?').run(d.id);
  }
}

/** Every unit with its period, successor (code, or name without one) and active row counts, for `units list`. */
export function loadUnitListingRows(db: Db): Array<{
  id: number;
  code: string | null;
  name: string;
  official: number;
  paperRows: number;
  systemDossiers: number;
  validFrom: string | null;
  validTo: string | null;
  successor: string | null;
}> {
  return db
    .prepare(
      `SELECT u.id, u.code, u.name, u.official, u.valid_from AS validFrom, u.valid_to AS validTo,
         (SELECT COALESCE(s.code, s.name) FROM units s WHERE s.id = u.successor_id) AS successor,
         (SELECT COUNT(*) FROM paper_rows p JOIN imports i ON i.id = p.import_id AND i.status = 'active' WHERE p.unit_id = u.id) AS paperRows,
         (SELECT COUNT(DISTINCT s.code_key) FROM system_rows s JOIN imports i ON i.id = s.import_id AND i.status = 'active' WHERE s.unit_id = u.id) AS systemDossiers
       FROM units u`,
    )
    .all() as Array<{
    id: number;
    code: string | null;
    name: string;
    official: number;
    paperRows: number;
    systemDossiers: number;
    validFrom: string | null;
    validTo: string | null;
    successor: string | null;
  }>;
}

/** Every alias of every unit, by source then alias. */
export function loadUnitAliases(db: Db): Array<{ unitId: number; alias: string }> {
  return db.prepare('SELECT unit_id AS unitId, alias FROM unit_aliases ORDER BY source, alias').all() as Array<{
    unitId: number;
    alias: string;
  }>;
}
