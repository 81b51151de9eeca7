/**
 * Rows and dossiers that are not one-to-one, as the report sees them: for each paper row that
 * shares its dossier with other rows (transfer, resubmission) or stands for several dossiers
 * (batch), its shape, the other rows, its dossiers and the paper return that decides its
 * category (a supplement cycle's last row's). Pure.
 */
import type { LinkShape } from '../../match/shapes.js';
import type { ShapeLinkRow } from '../../core/report-rows.js';

/** The shape of one paper row. */
export interface RowShape {
  shape: LinkShape;
  /** Paper row ids of the other rows of the same dossier(s), ascending. */
  related: number[];
  /** Its dossiers' code keys: the one-to-one link's first (else the extra link's), then the others. */
  dossiers: string[];
  /** The evidence of its extra link(s) (empty for the row that holds the one-to-one link). */
  evidence: string[];
  /** True when it holds no one-to-one link (its system side comes from `dossiers[0]`). */
  extraOnly: boolean;
  /** An earlier row of a supplement cycle: it takes the category of the cycle's last row. */
  superseded: boolean;
  /** The return that decides the category: the cycle's last row's for a resubmission, else the row's own. */
  returned: { onPaper: boolean; date: string | null };
}

/** The shape of every row that takes part in an extra link, by paper row id. */
export function buildRowShapes(links: readonly ShapeLinkRow[]): Map<number, RowShape> {
  const byRow = new Map<number, ShapeLinkRow[]>();
  const byDossier = new Map<string, ShapeLinkRow[]>();
  for (const l of links) {
    (byRow.get(l.paperId) ?? byRow.set(l.paperId, []).get(l.paperId)!).push(l);
    (byDossier.get(l.codeKey) ?? byDossier.set(l.codeKey, []).get(l.codeKey)!).push(l);
  }
  const out = new Map<number, RowShape>();
  for (const [paperId, own] of byRow) {
    const sorted = [...own].sort(
      (a, b) => Number(b.shape === 'one') - Number(a.shape === 'one') || (a.codeKey < b.codeKey ? -1 : 1),
    );
    const first = sorted[0]!;
    const dossiers = sorted.map((l) => l.codeKey);
    const others = new Set<number>();
    for (const k of dossiers) for (const l of byDossier.get(k) ?? []) if (l.paperId !== paperId) others.add(l.paperId);
    const evidence = [...new Set(own.flatMap((l) => l.evidence))];
    let shape: LinkShape;
    if (dossiers.length > 1) shape = 'batch';
    else {
      const rows = byDossier.get(first.codeKey) ?? [];
      const mine = own.find((l) => l.shape !== 'one')?.shape as LinkShape | undefined;
      if (mine && mine !== 'batch') shape = mine;
      else if (rows.some((l) => l.unitId === first.unitId && l.paperId !== paperId && l.shape === 'resubmission'))
        shape = 'resubmission';
      else if (rows.some((l) => l.unitId !== first.unitId)) shape = 'transfer';
      else if (rows.some((l) => l.paperId !== paperId && l.shape === 'batch')) shape = 'batch';
      else shape = 'resubmission';
    }
    let returned = { onPaper: first.returnedOnPaper === 1, date: first.returnedDate };
    let superseded = false;
    if (shape === 'resubmission') {
      // The cycle: this dossier's rows in this unit; its last row (latest received, then highest id) decides.
      const cycle = (byDossier.get(first.codeKey) ?? []).filter((l) => l.unitId === first.unitId);
      const last = cycle.reduce((a, b) =>
        (b.receivedDate ?? '') > (a.receivedDate ?? '') ||
        ((b.receivedDate ?? '') === (a.receivedDate ?? '') && b.paperId > a.paperId)
          ? b
          : a,
      );
      superseded = last.paperId !== paperId;
      returned = { onPaper: last.returnedOnPaper === 1, date: last.returnedDate };
    }
    out.set(paperId, {
      shape,
      related: [...others].sort((a, b) => a - b),
      dossiers,
      evidence,
      extraOnly: first.shape !== 'one',
      superseded,
      returned,
    });
  }
  return out;
}
