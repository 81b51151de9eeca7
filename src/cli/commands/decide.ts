/** `decide PAPER_REF (--match SYSTEM_CODE | --no-match) [--note TEXT]`: the auditor's decision on one register row. */
import type { Command } from 'commander';
import { decide } from '../../audit/decisions.js';
import { matchTexts } from '../../i18n/index.js';
import { addCommand, type CommandEnv } from '../command.js';

/** Registers `decide`. */
export function registerDecide(program: Command, { lang, ctx }: CommandEnv): void {
  const mt = matchTexts(lang);
  addCommand(program, {
    name: 'decide',
    description: mt.decide,
    arguments: [['<paper-ref>', mt.paperRef]],
    options: [
      ['--match <system-code>', mt.decideMatch],
      ['--no-match', mt.decideNoMatch],
      ['--note <text>', mt.note],
      ['--force', mt.decideForce],
    ],
  }).action((ref: string, o: { match?: string | boolean; note?: string; force?: boolean }) => {
    const c = ctx();
    const m = matchTexts(c.opts.lang);
    // commander folds --match and --no-match into one option: a string, false, or absent.
    const code = typeof o.match === 'string' ? o.match : null;
    const db = c.openDb({ mustExist: true });
    try {
      const d = decide(db, {
        ref,
        match: code,
        noMatch: o.match === false,
        note: o.note ?? null,
        force: o.force === true,
        now: () => c.now(),
      });
      c.info(m.decided(d.paperRef, d.decision === 'match' ? m.isMatch(d.systemCode ?? '') : m.isNoMatch));
      if (d.overrode) c.warn(m.overrode(d.overrode));
    } finally {
      db.close();
    }
  });
}
