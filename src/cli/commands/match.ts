/**
 * `match [--upper N] [--lower N] [--window-days N] [--prior P] [--weights FILE.json]`: links paper rows to system
 * dossiers.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { runMatch } from '../../audit/match.js';
import { phaseProgressBar } from '../progress.js';
import { AuditError } from '../../errors.js';
import { helpTexts, matchTexts, MSG_RELIABILITY, usageError } from '../../i18n/index.js';
import { type MatchConfigInput, matchThreadSetting } from '../../audit/match.js';
import { addCommand, type CommandEnv } from '../command.js';

interface MatchCliOptions {
  upper?: string;
  lower?: string;
  windowDays?: string;
  prior?: string;
  weights?: string;
}

function numberOption(value: string | undefined, option: string, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw usageError('notANumber', { option, value });
  }
  return n;
}

/** The matcher options given on the command line (a --weights file first, flags over it). */
export function matchOptionsFromCli(o: MatchCliOptions): MatchConfigInput {
  let input: MatchConfigInput = {};
  if (o.weights) {
    let text: string;
    try {
      text = fs.readFileSync(o.weights, 'utf8');
    } catch (e) {
      throw new AuditError(
        'INGEST_NOT_FOUND',
        `${o.weights}: cannot read the file`,
        { file: o.weights },
        {},
        { cause: e },
      );
    }
    try {
      input = JSON.parse(text) as MatchConfigInput;
    } catch (e) {
      throw new AuditError('CONFIG_INVALID', `${o.weights}: not valid JSON`, { file: o.weights }, {}, { cause: e });
    }
  }
  const flags: MatchConfigInput = {
    upper: numberOption(o.upper, '--upper'),
    lower: numberOption(o.lower, '--lower'),
    windowDays: numberOption(o.windowDays, '--window-days', true),
    prior: numberOption(o.prior, '--prior'),
  };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) (input as Record<string, unknown>)[k] = v;
  return input;
}

/** Registers `match`. */
export function registerMatch(program: Command, { lang, ctx }: CommandEnv): void {
  const t = helpTexts(lang);
  const mt = matchTexts(lang);
  addCommand(program, {
    name: 'match',
    description: t.match,
    options: [
      ['--upper <score>', mt.upper],
      ['--lower <score>', mt.lower],
      ['--window-days <days>', mt.windowDays],
      ['--prior <p>', mt.prior],
      ['--weights <file>', mt.weights],
    ],
  }).action((o: MatchCliOptions) => {
    const c = ctx();
    const m = matchTexts(c.opts.lang);
    const config = matchOptionsFromCli(o);
    const db = c.openDb({ mustExist: true });
    try {
      const s = runMatch(db, {
        now: () => c.now(),
        config,
        onProgress: phaseProgressBar(c, 'match'),
        thread: matchThreadSetting(c.io.env.MOTCUA_AUDIT_MATCH_THREAD),
      });
      if (s.notStored) c.warn(MSG_RELIABILITY[c.opts.lang].matchNotStored);
      c.info(c.msg.matched(s.matched.code, s.matched.fuzzy, s.matched.manual, s.unmatchedPaper, s.unmatchedSystem));
      if (s.extra.transfer + s.extra.resubmission + s.extra.batch > 0)
        c.info(m.extraLinks(s.extra.transfer, s.extra.resubmission, s.extra.batch));
      c.info(m.reviewCount(s.review));
      if (s.decisions.length > 0) {
        const applied = s.decisions.filter((d) => d.status === 'applied').length;
        c.info(m.decisionsApplied(applied, s.decisions.length - applied));
      }
    } finally {
      db.close();
    }
  });
}
