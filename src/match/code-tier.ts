/**
 * Tier 1: the normalized dossier code, verified against the row. A code copied onto the wrong
 * row is a known hazard, so each code link is checked on unit, received date and applicant: a
 * link on which all three disagree is not trusted and the row falls through to the scored tier.
 * A link whose applicant disagrees (unit or date agreeing) is `contested`: not decided here but
 * in the scored tier, where the code counts heavily and a row naming the right applicant, or a
 * better dossier for this row, can still win. When several paper rows carry the same code, the
 * best-verified one keeps it (then the nearer date, then the earlier row); the others fall
 * through. The outcome is kept in the reasons.
 */
import type { MatchReason } from '../types.js';
import { compareDates } from './compare/compare.js';
import { levelWeight, type MatchConfig } from './config.js';
import { compareNames, comparePrepared, prepareName, type PreparedName } from './compare/names.js';
import { sessionFor } from './scored-tier.js';
import type { MatchLink, MatchTier, PaperCandidate, SystemCandidate } from './types.js';
import { sharedReasons } from './reasons.js';

/** The outcome of verifying one code link. */
export type VerificationOutcome = 'verified' | 'partly-verified' | 'unverifiable' | 'contested' | 'rejected';

/** A verified (or rejected) code link. */
export interface Verification {
  outcome: VerificationOutcome;
  disagreements: number;
  agreements: number;
  /** The applicant check on its own: a code on a row of another applicant is contested. */
  applicant: 'agree' | 'disagree' | 'missing';
  nameSimilarity: number;
  dateDistance: number;
  reasons: MatchReason[];
}

type Check = 'agree' | 'disagree' | 'missing';

/** Checks a code link on unit, received date and applicant (names already prepared may be given). */
export function verifyCodeLink(
  p: PaperCandidate,
  s: SystemCandidate,
  config: MatchConfig,
  names?: { paper: PreparedName; system: PreparedName },
): Verification {
  const unit: Check = s.unitId === null ? 'missing' : s.unitId === p.unitId ? 'agree' : 'disagree';
  const date = compareDates(p.receivedDate, s.receivedDate, config.windowDays);
  const dateCheck: Check =
    date.agreement === 'missing'
      ? 'missing'
      : date.agreement === 'far' || date.agreement === 'very-far'
        ? 'disagree'
        : 'agree';
  const name = names ? comparePrepared(names.paper, names.system) : compareNames(p.applicant, s.applicant);
  const nameCheck: Check =
    name.agreement === 'missing' ? 'missing' : name.agreement === 'differs' ? 'disagree' : 'agree';
  const checks = [unit, dateCheck, nameCheck];
  const disagreements = checks.filter((c) => c === 'disagree').length;
  const agreements = checks.filter((c) => c === 'agree').length;
  const outcome: VerificationOutcome =
    disagreements === 3
      ? 'rejected'
      : nameCheck === 'disagree'
        ? 'contested'
        : agreements === 0
          ? 'unverifiable'
          : disagreements === 0
            ? 'verified'
            : 'partly-verified';
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    outcome,
    disagreements,
    agreements,
    applicant: nameCheck,
    nameSimilarity: name.similarity,
    dateDistance: date.days === null ? Number.POSITIVE_INFINITY : Math.abs(date.days),
    reasons: [
      { field: 'code', agreement: 'exact', weight: round2(levelWeight(config, 'code', 'exact')) },
      { field: 'unit', agreement: unit, weight: 0 },
      {
        field: 'receivedDate',
        agreement: date.agreement,
        weight: round2(levelWeight(config, 'receivedDate', date.agreement)),
      },
      {
        field: 'applicant',
        agreement: name.agreement,
        weight: round2(levelWeight(config, 'applicant', name.agreement)),
      },
      { field: 'verification', agreement: outcome, weight: 0 },
    ],
  };
}

/** The code tier with its verification. Score 1 by definition; reasons carry the checks. */
export function createCodeTier(config: MatchConfig): MatchTier {
  return (paper, system, all) => {
    // The run's prepared names (prepared once for both tiers), when the run's inputs are known.
    const session = all ? sessionFor(all, config) : null;
    const namesOf = (p: PaperCandidate, s: SystemCandidate) => {
      const ps = session?.systemOf(s.codeKey);
      return session && ps && ps.src === s ? { paper: prepareName(p.applicant), system: ps.name } : undefined;
    };
    // Rows by code: the row itself when its code is on no other row (the usual case), else the list.
    const byCode = new Map<string, PaperCandidate | PaperCandidate[]>();
    for (const p of paper) {
      if (p.codeKey === null) continue;
      const had = byCode.get(p.codeKey);
      if (had === undefined) byCode.set(p.codeKey, p);
      else if (Array.isArray(had)) had.push(p);
      else byCode.set(p.codeKey, [had, p]);
    }
    const links: MatchLink[] = [];
    for (const s of system) {
      const found = byCode.get(s.codeKey);
      if (!found) continue;
      if (!Array.isArray(found)) {
        const v = verifyCodeLink(found, s, config, namesOf(found, s));
        if (v.outcome !== 'rejected' && v.outcome !== 'contested')
          links.push({
            paperId: found.id,
            systemCodeKey: s.codeKey,
            method: 'code',
            score: 1,
            reasons: sharedReasons(v.reasons),
          });
        continue;
      }
      const ranked = found
        .map((p) => ({ p, v: verifyCodeLink(p, s, config, namesOf(p, s)) }))
        .filter((x) => x.v.outcome !== 'rejected')
        .sort(
          (a, b) =>
            a.v.disagreements - b.v.disagreements ||
            b.v.nameSimilarity - a.v.nameSimilarity ||
            a.v.dateDistance - b.v.dateDistance ||
            a.p.id - b.p.id,
        );
      const best = ranked[0];
      // A contested code (the row names another applicant) is settled in the scored tier, where the
      // code weighs heavily but another row with the right applicant, or a better dossier, can win.
      if (best && best.v.outcome !== 'contested')
        links.push({
          paperId: best.p.id,
          systemCodeKey: s.codeKey,
          method: 'code',
          score: 1,
          reasons: sharedReasons(best.v.reasons),
        });
    }
    return links;
  };
}
