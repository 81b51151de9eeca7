/**
 * The Fellegi-Sunter score of a (paper row, system dossier) pair: each field's agreement level
 * adds log2(m/u) bits, the prior adds log2(λ/(1−λ)), and the total W maps to a posterior
 * probability 1/(1+2^−W) in 0..1. Names use frequency-based u (a common name in the unit weighs
 * less), procedures a Winkler-style interpolation of the weight by their similarity.
 */
import type { MatchReason } from '../types.js';
import { compareCodes, compareDates, compareDigits, extractDigitIds } from './compare.js';
import { levelWeight, type MatchConfig } from './config.js';
import { comparePrepared, nameBlockKey, prepareName, type PreparedName } from './names.js';
import { compareProcedures, prepareProcedure, ProcedureIdf, type PreparedProcedure, type ProcedureComparison } from './procedures.js';
import type { PaperCandidate, SystemCandidate } from './types.js';

/** A paper row prepared once for many comparisons. */
export interface PreparedPaper {
  src: PaperCandidate;
  name: PreparedName;
  nameKey: string | null;
  procedure: PreparedProcedure;
  digits: string[];
}

/** A system dossier prepared once for many comparisons. */
export interface PreparedSystem {
  src: SystemCandidate;
  name: PreparedName;
  nameKey: string | null;
  procedure: PreparedProcedure;
  digits: string[];
}

/** What scoring needs beyond the pair: options and statistics of the whole data set. */
export interface ScoreContext {
  config: MatchConfig;
  idf: ProcedureIdf;
  /** Per unit: number of system dossiers, and per name key how many carry it. */
  unitSize: Map<number, number>;
  nameCount: Map<string, number>;
  /** Procedure comparisons already made (a unit has a few dozen procedures; pairs repeat). */
  procedureCache: Map<string, ProcedureComparison>;
}

/** Prepares a paper row. */
export function preparePaper(p: PaperCandidate, config: MatchConfig): PreparedPaper {
  const name = prepareName(p.applicant);
  return { src: p, name, nameKey: nameBlockKey(name), procedure: prepareProcedure(p.procedure, config.abbreviations), digits: p.digits ?? extractDigitIds(p.contact ?? null) };
}

/** Prepares a system dossier. */
export function prepareSystem(s: SystemCandidate, config: MatchConfig): PreparedSystem {
  const name = prepareName(s.applicant);
  return { src: s, name, nameKey: nameBlockKey(name), procedure: prepareProcedure(s.procedure, config.abbreviations), digits: s.digits ?? extractDigitIds(s.contact ?? null) };
}

const nameCountKey = (unitId: number | null, key: string) => `${unitId ?? ''}|${key}`;

/** Statistics over every system dossier (not only the unmatched ones), so scores do not depend on tier order. */
export function buildScoreContext(system: readonly PreparedSystem[], paper: readonly PreparedPaper[], config: MatchConfig): ScoreContext {
  const unitSize = new Map<number, number>();
  const nameCount = new Map<string, number>();
  // A name is counted once per received day: the same person filing twice a day is one person.
  const seen = new Set<string>();
  for (const s of system) {
    if (s.src.unitId !== null) unitSize.set(s.src.unitId, (unitSize.get(s.src.unitId) ?? 0) + 1);
    if (!s.nameKey) continue;
    const k = nameCountKey(s.src.unitId, s.nameKey);
    const day = `${k}|${s.src.receivedDate ?? ''}`;
    if (seen.has(day)) continue;
    seen.add(day);
    nameCount.set(k, (nameCount.get(k) ?? 0) + 1);
  }
  const idf = new ProcedureIdf([...system.map((s) => s.procedure), ...paper.map((p) => p.procedure)].filter((x) => x.words.length > 0));
  return { config, idf, unitSize, nameCount, procedureCache: new Map() };
}

/** A scored pair. */
export interface ScoredPair {
  paperId: number;
  systemCodeKey: string;
  /** Total weight in bits, prior included. */
  weight: number;
  /** 0..1 posterior probability of a match. */
  score: number;
  reasons: MatchReason[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Procedure weight: piecewise linear in similarity between the levels' weights (Winkler 1990). */
function procedureWeight(similarity: number, c: MatchConfig): number {
  const anchors: Array<[number, number]> = [
    [0.3, levelWeight(c, 'procedure', 'differs')],
    [0.5, levelWeight(c, 'procedure', 'partial')],
    [0.75, levelWeight(c, 'procedure', 'similar')],
    [0.95, levelWeight(c, 'procedure', 'equal')],
  ];
  if (similarity <= anchors[0]![0]) return anchors[0]![1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    const [x0, y0] = anchors[i - 1]!;
    if (similarity <= x1) return y0 + ((similarity - x0) / (x1 - x0)) * (y1 - y0);
  }
  return anchors[anchors.length - 1]![1];
}

const FREQUENCY_LEVELS = new Set(['exact', 'folded-equal', 'tone-differs', 'reordered']);

/** Scores one pair. Reasons list every field (missing ones with weight 0) and the prior. */
export function scorePair(p: PreparedPaper, s: PreparedSystem, ctx: ScoreContext): ScoredPair {
  const c = ctx.config;
  const reasons: MatchReason[] = [];

  const name = comparePrepared(p.name, s.name);
  let nameWeight = levelWeight(c, 'applicant', name.agreement);
  if (c.nameFrequency && FREQUENCY_LEVELS.has(name.agreement) && s.nameKey && s.src.unitId !== null) {
    // u of a common name: the share of the unit's dossiers carrying it, besides this one.
    const others = (ctx.nameCount.get(nameCountKey(s.src.unitId, s.nameKey)) ?? 1) - 1;
    // Small units (or tests) would make any repeated name look common: count at least 100 dossiers.
    const size = Math.max(ctx.unitSize.get(s.src.unitId) ?? 1, 100);
    const level = c.levels.applicant[name.agreement]!;
    if (others / size > level.u) nameWeight = Math.log2(level.m / (others / size));
  }
  reasons.push({ field: 'applicant', agreement: name.agreement, weight: round2(nameWeight) });

  const procKey = `${p.procedure.sequence.join(' ')}\u0000${s.procedure.sequence.join(' ')}`;
  let proc = ctx.procedureCache.get(procKey);
  if (!proc) ctx.procedureCache.set(procKey, (proc = compareProcedures(p.procedure, s.procedure, ctx.idf)));
  reasons.push({ field: 'procedure', agreement: proc.agreement, weight: round2(proc.agreement === 'missing' ? 0 : procedureWeight(proc.similarity, c)) });

  const date = compareDates(p.src.receivedDate, s.src.receivedDate, c.windowDays);
  reasons.push({ field: 'receivedDate', agreement: date.agreement, weight: round2(levelWeight(c, 'receivedDate', date.agreement)) });

  const code = compareCodes(p.src.codeKey, s.src.codeKey);
  reasons.push({ field: 'code', agreement: code, weight: round2(levelWeight(c, 'code', code)) });
  // Only a contested code link (the applicant differs) reaches this tier with the exact code.
  if (code === 'exact') reasons.push({ field: 'verification', agreement: 'contested', weight: 0 });

  const digits = compareDigits(p.digits, s.digits, c.digits);
  if (digits !== 'missing') reasons.push({ field: 'digits', agreement: digits, weight: round2(levelWeight(c, 'digits', digits)) });

  reasons.push({ field: 'prior', agreement: 'base-rate', weight: round2(Math.log2(c.prior / (1 - c.prior))) });
  const weight = round2(reasons.reduce((sum, r) => sum + r.weight, 0));
  return { paperId: p.src.id, systemCodeKey: s.src.codeKey, weight, score: weightToScore(weight), reasons };
}

/** The 0..1 score of a total weight in bits, rounded to 4 decimals. */
export function weightToScore(weight: number): number {
  return Math.round((1 / (1 + 2 ** -weight)) * 10000) / 10000;
}
