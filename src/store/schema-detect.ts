/**
 * The schema version of a database whose `PRAGMA user_version` was lost. `sqlite3 .dump` does not
 * write user_version, so a database restored from a dump holds every table at version 0; each
 * migration would then fail on a table that exists. The version is found from the tables
 * themselves: the database's schema (every table, index and trigger as SQLite stores its SQL) is
 * compared with the schema each version's migrations build in memory.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './schema.js';

/** A connection (the type `store/db.ts` exports; not imported from there, which imports this module). */
type Db = Database.Database;

/** The schema of a database as one comparable text: its objects sorted, their SQL with white space folded. */
export function schemaSignature(db: Db): string {
  const rows = db
    .prepare(
      "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY type, name",
    )
    .all() as Array<{ type: string; name: string; tbl: string; sql: string }>;
  return rows.map((r) => `${r.type} ${r.name} ${r.tbl} ${normalizeSql(r.sql)}`).join('\n');
}

/** SQL text as stored, white space folded and `IF NOT EXISTS` dropped (a dump may add it). */
function normalizeSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/^CREATE (TABLE|INDEX|UNIQUE INDEX|VIEW|TRIGGER) IF NOT EXISTS /i, 'CREATE $1 ')
    .replace(/ ?([(),]) ?/g, '$1')
    .trim();
}

let signatures: string[] | null = null;

/** The signature of each version 1..N, built once per process in memory. */
function versionSignatures(): string[] {
  if (signatures) return signatures;
  const mem = new Database(':memory:');
  try {
    const out: string[] = [];
    for (const step of MIGRATIONS) {
      mem.exec(step);
      out.push(schemaSignature(mem));
    }
    signatures = out;
    return out;
  } finally {
    mem.close();
  }
}

/** True when the database holds tables (of any kind) beyond SQLite's own. */
export function hasUserTables(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() !==
    undefined
  );
}

/** The version whose schema the database's tables are exactly, or null when none is. */
export function detectSchemaVersion(db: Db): number | null {
  const sig = schemaSignature(db);
  const all = versionSignatures();
  for (let v = all.length; v >= 1; v--) if (all[v - 1] === sig) return v;
  return null;
}
