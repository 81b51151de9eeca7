/** Storage of the matcher's extra state: review candidates, decisions, the options of the last run. */
import type { Decision, MatchConfig, StoredMatchRun } from '../core/match-records.js';
import type { MatchLink } from '../core/match-records.js';
import type { MatchReason } from '../types.js';
import { getMeta, setMeta, type Db } from './db.js';
import { LATEST_SYSTEM_SQL } from './row-reads.js';
import { writeExtraLinks } from './shape-store.js';
import type { ReviewRow } from '../core/report-rows.js';
export type { ReviewRow } from '../core/report-rows.js';

/**
 * The version of the matcher's inputs: raised by every write that changes them (an import, a
 * replaced register, a decision). A match stores its results only if the version it read is
 * still the version when it stores (saveMatchRun), so rows imported while it ran are never
 * marked matched without having been matched.
 */
export function dataVersion(db: Db): number {
  return Number(getMeta(db, 'data_version') ?? '0') || 0;
}

/** Marks the stored matches out of date and raises the data version (inside the caller's write). */
export function markDataChanged(db: Db): void {
  setMeta(db, 'match_stale', '1');
  setMeta(db, 'data_version', String(dataVersion(db) + 1));
}

/**
 * Stores a run's links and review candidates and its options, in one transaction, if the data
 * version is still `readVersion` (the version the run's inputs were read at); returns false and
 * stores nothing when the data changed meanwhile (the matches stay stale).
 */
export function saveMatchRun(
  db: Db,
  run: StoredMatchRun,
  at: string,
  config: MatchConfig,
  readVersion?: number,
): boolean {
  return db
    .transaction(() => {
      if (readVersion !== undefined && dataVersion(db) !== readVersion) return false;
      writeMatches(db, run.links, at);
      writeExtraLinks(db, run.extra ?? []);
      db.prepare('DELETE FROM review_candidates').run();
      const insert = db.prepare(
        'INSERT INTO review_candidates(paper_row_id, system_code_key, rank, score, reasons_json) VALUES (?, ?, ?, ?, ?)',
      );
      for (const r of run.review) insert.run(r.paperId, r.systemCodeKey, r.rank, r.score, JSON.stringify(r.reasons));
      setMeta(db, 'match_config', JSON.stringify(config));
      return true;
    })
    .immediate();
}

/**
 * Replaces the stored links (inside the caller's transaction) and marks the matches current.
 * Each distinct list of reasons is stored once in match_reasons; most lists are shared by many
 * links (src/match/reasons.ts), so they are looked up by identity first, then by their text.
 */
export function writeMatches(db: Db, links: readonly MatchLink[], at: string): void {
  db.prepare('DELETE FROM matches').run();
  db.prepare('DELETE FROM match_reasons').run();
  const reason = db.prepare('INSERT INTO match_reasons(id, reasons_json) VALUES (?, ?)');
  const link = db.prepare(
    'INSERT INTO matches(paper_row_id, system_code_key, method, score, reasons_id, matched_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byText = new Map<string, number>();
  const byList = new Map<readonly MatchReason[], number>();
  for (const l of links) {
    let id = byList.get(l.reasons);
    if (id === undefined) {
      const text = JSON.stringify(l.reasons);
      id = byText.get(text);
      if (id === undefined) {
        id = byText.size + 1;
        byText.set(text, id);
        reason.run(id, text);
      }
      byList.set(l.reasons, id);
    }
    link.run(l.paperId, l.systemCodeKey, l.method, l.score, id, at);
  }
  db.prepare(
    "INSERT INTO meta(key, value) VALUES ('match_stale', '0') ON CONFLICT(key) DO UPDATE SET value = '0'",
  ).run();
  db.prepare(
    "INSERT INTO meta(key, value) VALUES ('matched_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(at);
}

/** The options of the last match run, if any. */
export function loadStoredMatchConfig(db: Db): MatchConfig | null {
  const raw = getMeta(db, 'match_config');
  if (!raw) return null;
  try {
    return JSON.parse(raw) as MatchConfig;
  } catch {
    return null;
  }
}

/** Marks the stored matches as out of date (the next report re-matches). */
export function markMatchStale(db: Db): void {
  markDataChanged(db);
}

/** Every stored review candidate, by paper row then rank. */
export function loadReviewRows(db: Db): ReviewRow[] {
  return db
    .prepare(
      `SELECT r.paper_row_id AS paperId, r.system_code_key AS systemCodeKey, r.rank, r.score, r.reasons_json AS reasonsJson,
              s.code, s.unit_id AS unitId, s.applicant, s.procedure, s.received_date AS receivedDate, s.returned_date AS returnedDate, s.status
       FROM review_candidates r JOIN (${LATEST_SYSTEM_SQL}) s ON s.code_key = r.system_code_key
       ORDER BY r.paper_row_id, r.rank`,
    )
    .all() as ReviewRow[];
}

/** Every decision, oldest first. */
export function loadDecisions(db: Db): Decision[] {
  return db
    .prepare(
      `SELECT id, content_key AS contentKey, base_name AS baseName, sheet, row_number AS rowNumber, occurrence, decision, system_code AS systemCode,
              system_code_key AS systemCodeKey, note, decided_at AS decidedAt, overrode FROM decisions ORDER BY id`,
    )
    .all() as Decision[];
}

/** Records a decision, replacing an earlier one on the same row (base name, content key, occurrence). */
export function upsertDecision(db: Db, d: Omit<Decision, 'id'>): number {
  const run = () => {
    db.prepare(
      `INSERT INTO decisions(content_key, base_name, sheet, row_number, occurrence, decision, system_code, system_code_key, note, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(base_name, content_key, occurrence) DO UPDATE SET sheet = excluded.sheet, row_number = excluded.row_number,
         decision = excluded.decision, system_code = excluded.system_code, system_code_key = excluded.system_code_key, note = excluded.note,
         decided_at = excluded.decided_at`,
    ).run(
      d.contentKey,
      d.baseName,
      d.sheet,
      d.rowNumber,
      d.occurrence,
      d.decision,
      d.systemCode,
      d.systemCodeKey,
      d.note,
      d.decidedAt,
    );
    db.prepare('UPDATE decisions SET overrode = ? WHERE base_name = ? AND content_key = ? AND occurrence = ?').run(
      d.overrode ?? null,
      d.baseName,
      d.contentKey,
      d.occurrence,
    );
    markMatchStale(db);
    const row = db
      .prepare('SELECT id FROM decisions WHERE base_name = ? AND content_key = ? AND occurrence = ?')
      .get(d.baseName, d.contentKey, d.occurrence) as { id: number };
    return row.id;
  };
  return db.transaction(run).immediate();
}

/** One snapshot of a system dossier (it may appear in several exports). */
export interface SystemSnapshotRow {
  file: string;
  sheet: string | null;
  rowNumber: number;
  asOf: string;
  code: string;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  status: string | null;
  returnedDate: string | null;
  unitId: number | null;
}

/** Every active snapshot of a dossier, latest as-of first. */
export function loadSystemSnapshots(db: Db, codeKey: string): SystemSnapshotRow[] {
  return db
    .prepare(
      `SELECT i.path AS file, s.sheet, s.row_number AS rowNumber, s.as_of AS asOf, s.code, s.applicant, s.procedure, s.received_date AS receivedDate,
              s.status, s.returned_date AS returnedDate, s.unit_id AS unitId
       FROM system_rows s JOIN imports i ON i.id = s.import_id AND i.status = 'active' WHERE s.code_key = ?
       ORDER BY s.as_of DESC, s.import_id DESC, s.row_number DESC`,
    )
    .all(codeKey) as SystemSnapshotRow[];
}

/** The raw cells of a paper row as read (field → text). */
export function loadPaperRaw(db: Db, paperId: number): Record<string, string> {
  const row = db.prepare('SELECT raw_json AS rawJson FROM paper_rows WHERE id = ?').get(paperId) as
    | { rawJson: string }
    | undefined;
  if (!row) return {};
  try {
    return JSON.parse(row.rawJson) as Record<string, string>;
  } catch {
    return {};
  }
}

/** The extra links (transfer, resubmission, batch) of one dossier, by paper row. */
export function loadExtraLinksOf(
  db: Db,
  systemCodeKey: string,
): Array<{ paperId: number; shape: string; evidence: string }> {
  return db
    .prepare(
      'SELECT paper_row_id AS paperId, shape, evidence FROM match_extra WHERE system_code_key = ? ORDER BY paper_row_id',
    )
    .all(systemCodeKey) as Array<{ paperId: number; shape: string; evidence: string }>;
}

/** The code as the system writes it in a dossier's latest state; undefined when no dossier has the key. */
export function latestSystemCode(db: Db, codeKey: string): string | undefined {
  return db
    .prepare('SELECT code FROM system_rows WHERE code_key = ? ORDER BY as_of DESC LIMIT 1')
    .pluck()
    .get(codeKey) as string | undefined;
}

/** The code-tier link of a paper row: its dossier's code key (`k`), if any. */
export function codeLinkOfRow(db: Db, paperId: number): { k: string } | undefined {
  return db
    .prepare("SELECT system_code_key AS k FROM matches WHERE paper_row_id = ? AND method = 'code'")
    .get(paperId) as { k: string } | undefined;
}

/** The code-tier link of a dossier to a paper row other than `exceptPaperId`, if any. */
export function codeLinkOfDossier(db: Db, systemCodeKey: string, exceptPaperId: number): { id: number } | undefined {
  return db
    .prepare(
      "SELECT paper_row_id AS id FROM matches WHERE system_code_key = ? AND method = 'code' AND paper_row_id <> ?",
    )
    .get(systemCodeKey, exceptPaperId) as { id: number } | undefined;
}
