/**
 * Options of the matcher, with defaults and their justification. Every probability here is a
 * Fellegi-Sunter pair (m = how often the level is seen between a paper row and its true
 * dossier; u = how often it is seen between a paper row and another dossier of the same block),
 * so a level's weight is log2(m/u) bits: positive when the level is evidence for a match.
 */
import { AuditError } from '../errors.js';
import { DEFAULT_PROCEDURE_ABBREVIATIONS } from './compare/procedures.js';
import type { LevelProbability, ScoredField, MatchConfig } from '../core/match-records.js';
export type { LevelProbability, ScoredField, MatchConfig } from '../core/match-records.js';

/**
 * The defaults. A score is the posterior probability of a match given the field comparisons
 * (independence assumed). The prior 0.07 is one true dossier among ~12 blocked candidates, the
 * number measured per unmatched row on province-like data (`npm run eval`). `upper` 0.8 links a
 * pair only when it is at least four times likelier the same dossier than not; `lower` 0.5
 * sends to review every pair at least as likely a match as not.
 */
export const DEFAULT_MATCH_CONFIG: MatchConfig = {
  upper: 0.8,
  lower: 0.5,
  windowDays: 3,
  prior: 0.07,
  nameFrequency: true,
  digits: 9,
  maxNameBlock: 30,
  maxReviewCandidates: 5,
  levels: {
    // Two different applicants of one unit and week share a full folded name ~1.5‰ of the time
    // (Nguyễn ~38 %, Văn/Thị ~30 %, ~100 common given names); registers drop a middle name in ~5 % of rows.
    applicant: {
      exact: { m: 0.6, u: 0.0015 },
      'folded-equal': { m: 0.2, u: 0.0015 },
      'tone-differs': { m: 0.02, u: 0.002 },
      reordered: { m: 0.01, u: 0.0001 },
      'middle-dropped': { m: 0.05, u: 0.0003 },
      typo: { m: 0.07, u: 0.002 },
      contained: { m: 0.02, u: 0.001 },
      partial: { m: 0.01, u: 0.01 },
      differs: { m: 0.04, u: 0.9925 },
    },
    // A unit runs a few dozen procedures, a handful of them most of the time.
    procedure: {
      equal: { m: 0.55, u: 0.1 },
      similar: { m: 0.3, u: 0.1 },
      partial: { m: 0.1, u: 0.25 },
      differs: { m: 0.05, u: 0.55 },
    },
    // Candidates come from a ±3-day window (7 days) and its swapped twin: one in ~16 shares the day.
    receivedDate: {
      'same-day': { m: 0.78, u: 0.06 },
      'one-day': { m: 0.14, u: 0.12 },
      'within-window': { m: 0.04, u: 0.24 },
      'day-month-swap': { m: 0.025, u: 0.05 },
      // A mistyped day ("15" for "25") lands within a month; beyond, it is rarely the same dossier.
      far: { m: 0.03, u: 0.3 },
      'very-far': { m: 0.005, u: 0.6 },
    },
    // Only rows without an exact code reach the scored tier; a code one slip away is evidence.
    code: {
      exact: { m: 0.5, u: 0.0001 },
      'one-slip': { m: 0.06, u: 0.012 },
      'two-slips': { m: 0.02, u: 0.02 },
      differs: { m: 0.01, u: 0.25 },
    },
    digits: {
      'last-digits-equal': { m: 0.9, u: 0.001 },
      differs: { m: 0.05, u: 0.95 },
    },
  },
  abbreviations: { ...DEFAULT_PROCEDURE_ABBREVIATIONS },
};

/** Partial options as a user gives them (a JSON file, CLI flags). */
export interface MatchConfigInput {
  upper?: number;
  lower?: number;
  windowDays?: number;
  prior?: number;
  nameFrequency?: boolean;
  digits?: number;
  maxNameBlock?: number;
  maxReviewCandidates?: number;
  levels?: Partial<Record<ScoredField, Record<string, Partial<LevelProbability>>>>;
  abbreviations?: Record<string, string>;
}

function bad(what: string, value: unknown): never {
  throw new AuditError(
    'CONFIG_INVALID',
    `match option ${what}: invalid value ${JSON.stringify(value)}`,
    {},
    { option: what, value },
  );
}

const isProb = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1;

/** Merges user options over the defaults and validates them. */
export function resolveMatchConfig(
  input: MatchConfigInput = {},
  base: MatchConfig = DEFAULT_MATCH_CONFIG,
): MatchConfig {
  const c: MatchConfig = { ...base, levels: structuredClone(base.levels), abbreviations: { ...base.abbreviations } };
  for (const k of ['upper', 'lower', 'prior'] as const) if (input[k] !== undefined) c[k] = input[k]!;
  for (const k of ['windowDays', 'digits', 'maxNameBlock', 'maxReviewCandidates'] as const)
    if (input[k] !== undefined) c[k] = input[k]!;
  if (input.nameFrequency !== undefined) c.nameFrequency = input.nameFrequency;
  if (!isProb(c.upper) || c.upper < 0.5) bad('upper', c.upper);
  if (!isProb(c.lower) || c.lower > c.upper) bad('lower', c.lower);
  if (!isProb(c.prior)) bad('prior', c.prior);
  if (!Number.isInteger(c.windowDays) || c.windowDays < 0 || c.windowDays > 31) bad('windowDays', c.windowDays);
  if (!Number.isInteger(c.digits) || c.digits < 4 || c.digits > 12) bad('digits', c.digits);
  if (!Number.isInteger(c.maxNameBlock) || c.maxNameBlock < 0) bad('maxNameBlock', c.maxNameBlock);
  if (!Number.isInteger(c.maxReviewCandidates) || c.maxReviewCandidates < 0)
    bad('maxReviewCandidates', c.maxReviewCandidates);
  for (const [field, levels] of Object.entries(input.levels ?? {})) {
    const target = c.levels[field as ScoredField];
    if (!target) bad(`levels.${field}`, levels);
    for (const [level, p] of Object.entries(levels ?? {})) {
      if (!target[level]) bad(`levels.${field}.${level}`, p);
      const merged = { ...target[level]!, ...p };
      if (!isProb(merged.m) || !isProb(merged.u)) bad(`levels.${field}.${level}`, p);
      target[level] = merged;
    }
  }
  for (const [k, v] of Object.entries(input.abbreviations ?? {})) {
    if (typeof v !== 'string') bad(`abbreviations.${k}`, v);
    c.abbreviations[k] = v;
  }
  return c;
}

/** The weight in bits of one level (0 for a level not in the table, such as `missing`). */
export function levelWeight(c: MatchConfig, field: ScoredField, level: string): number {
  const p = c.levels[field][level];
  return p ? Math.log2(p.m / p.u) : 0;
}
