/**
 * The config's "match" object: the matcher's own options (`MatchConfigInput` of
 * src/match/config.ts), passed to `runMatch` as they are. A key the matcher does not know is a
 * config error, so a typo never silently falls back to a default; values are checked by the
 * matcher's own validation, and its complaint is reported under the config field it concerns.
 */
import { isAuditError } from '../errors.js';
import { resolveMatchConfig, type MatchConfigInput } from '../match/config.js';
import type { Expectation } from '../i18n/index.js';

/** The matcher options a config may hold. */
export type ConfigMatchOptions = MatchConfigInput;

/** Every option of MatchConfigInput (the compiler keeps this list in step with the matcher). */
const KEYS = {
  upper: true,
  lower: true,
  windowDays: true,
  prior: true,
  nameFrequency: true,
  digits: true,
  maxNameBlock: true,
  maxReviewCandidates: true,
  levels: true,
  abbreviations: true,
} satisfies Record<keyof MatchConfigInput, true>;

/** The option names, in the matcher's order. */
export const MATCH_OPTION_KEYS: readonly string[] = Object.keys(KEYS);

/** Validates option values with the matcher: null when fine, else the field (under "match.") and what was wrong. */
export function checkMatchOptions(input: MatchConfigInput): { field: string; expect: Expectation } | null {
  try {
    resolveMatchConfig(input);
    return null;
  } catch (e) {
    if (!isAuditError(e)) throw e;
    const option = String(e.params.option ?? '');
    return {
      field: option ? `match.${option}` : 'match',
      expect: { kind: 'invalid-value', detail: JSON.stringify(e.params.value ?? null) },
    };
  }
}
