/** Tier 1: the normalized dossier code. One-to-one: when several paper rows carry the same code, the row whose received date is nearest the system's wins; the others fall through. */
import { daysBetween } from '../normalize/dates.js';
import type { MatchLink, MatchTier, PaperCandidate } from './types.js';

function dateDistance(a: string | null, b: string | null): number {
  return a && b ? Math.abs(daysBetween(a, b)) : Number.POSITIVE_INFINITY;
}

/** Links paper rows to system dossiers with the same code key. */
export const matchByCode: MatchTier = (paper, system) => {
  const byCode = new Map<string, PaperCandidate[]>();
  for (const p of paper) {
    if (p.codeKey === null) continue;
    const list = byCode.get(p.codeKey);
    if (list) list.push(p);
    else byCode.set(p.codeKey, [p]);
  }
  const links: MatchLink[] = [];
  for (const s of system) {
    const candidates = byCode.get(s.codeKey);
    if (!candidates) continue;
    const best = [...candidates].sort((a, b) => dateDistance(a.receivedDate, s.receivedDate) - dateDistance(b.receivedDate, s.receivedDate) || a.id - b.id)[0]!;
    links.push({ paperId: best.id, systemCodeKey: s.codeKey, method: 'code', score: 1, reasons: [{ field: 'code', agreement: 'exact', weight: 1 }] });
  }
  return links;
};
