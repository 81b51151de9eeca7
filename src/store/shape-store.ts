/**
 * Storage of the links that are not one-to-one (src/match/shapes.ts): what the pass reads of the
 * paper rows, the units' names it looks for in notes, the extra links it writes, and, for the
 * report, every row of a dossier that has more than one row or of a row that has several dossiers.
 */
import type { ExtraLink, LinkShape, ShapeRowInfo } from '../core/match-records.js';
import { foldText } from '../normalize/text.js';
import type { Db } from './db.js';
import type { ShapeLinkRow } from '../core/report-rows.js';
export type { ShapeLinkRow } from '../core/report-rows.js';

/** Paper rows with a note, an agency or a code list: what the pass reads beyond the matcher's inputs. */
export function loadShapeInfo(db: Db): Map<number, ShapeRowInfo> {
  const rows = db
    .prepare(
      `SELECT p.id, p.note, p.agency, p.extra_codes, p.returned_on_paper FROM paper_rows p CROSS JOIN imports i ON i.id = p.import_id AND i.status = 'active'
       WHERE p.note IS NOT NULL OR p.agency IS NOT NULL OR p.extra_codes IS NOT NULL`,
    )
    .raw()
    .all() as Array<[number, string | null, string | null, string | null, number]>;
  const out = new Map<number, ShapeRowInfo>();
  for (const [id, note, agency, extra, returned] of rows)
    out.set(id, { note, agency, extraCodeKeys: extra ? extra.split(' ') : [], returned: returned === 1 });
  return out;
}

const UNIT_PREFIX = /^(ubnd|uy ban nhan dan|bptn ?tkq|bo phan (tiep nhan va tra ket qua|mot cua))\s+/;

/** Each unit's name and aliases, folded, without an "UBND"/"Ủy ban nhân dân" prefix. */
export function loadUnitNames(db: Db): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (id: number, text: string) => {
    const f = foldText(text).replace(UNIT_PREFIX, '');
    if (f === '') return;
    const list = out.get(id) ?? [];
    if (!list.includes(f)) list.push(f);
    out.set(id, list);
  };
  for (const u of db.prepare('SELECT id, name FROM units ORDER BY id').all() as Array<{ id: number; name: string }>)
    add(u.id, u.name);
  for (const a of db.prepare('SELECT unit_id AS id, alias FROM unit_aliases ORDER BY alias').all() as Array<{
    id: number;
    alias: string;
  }>)
    add(a.id, a.alias);
  return out;
}

/** Replaces the stored extra links (inside the caller's transaction). */
export function writeExtraLinks(db: Db, links: readonly ExtraLink[]): void {
  db.prepare('DELETE FROM match_extra').run();
  const insert = db.prepare(
    'INSERT INTO match_extra(paper_row_id, system_code_key, shape, evidence) VALUES (?, ?, ?, ?)',
  );
  for (const l of links) insert.run(l.paperId, l.systemCodeKey, l.shape, l.evidence.join(' '));
}

/**
 * Every link (one-to-one or extra) of the dossiers and rows that take part in an extra link; empty
 * when there is none (one indexed query). Ordered by paper row, then dossier.
 */
export function loadShapeLinks(db: Db): ShapeLinkRow[] {
  const any = db.prepare('SELECT 1 FROM match_extra LIMIT 1').get();
  if (!any) return [];
  const rows = db
    .prepare(
      `WITH x AS (SELECT paper_row_id, system_code_key, shape, evidence FROM match_extra),
            involved_d AS (SELECT system_code_key AS k FROM x UNION SELECT m.system_code_key FROM matches m JOIN x ON x.paper_row_id = m.paper_row_id),
            l AS (SELECT paper_row_id, system_code_key, shape, evidence FROM x
                  UNION ALL SELECT m.paper_row_id, m.system_code_key, 'one', '' FROM matches m JOIN involved_d d ON d.k = m.system_code_key)
       SELECT l.paper_row_id, l.system_code_key, l.shape, l.evidence, p.unit_id, p.received_date, p.returned_date, p.returned_on_paper
       FROM l JOIN paper_rows p ON p.id = l.paper_row_id JOIN imports i ON i.id = p.import_id AND i.status = 'active'
       ORDER BY l.paper_row_id, l.system_code_key`,
    )
    .raw()
    .all() as Array<[number, string, LinkShape | 'one', string, number, string | null, string | null, number]>;
  return rows.map(([paperId, codeKey, shape, evidence, unitId, receivedDate, returnedDate, returnedOnPaper]) => ({
    paperId,
    codeKey,
    shape,
    evidence: evidence === '' ? [] : evidence.split(' '),
    unitId,
    receivedDate,
    returnedDate,
    returnedOnPaper,
  }));
}
