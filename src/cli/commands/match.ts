/** `match`: links paper rows to system dossiers. */
import type { Command } from 'commander';
import { runMatch } from '../../audit.js';
import type { Ctx } from '../context.js';
import type { Texts } from '../help-texts.js';

/** Registers `match`. */
export function registerMatch(program: Command, ctx: () => Ctx, t: Texts): void {
  program
    .command('match')
    .description(t.match)
    .action(() => {
      const c = ctx();
      const db = c.openDb({ mustExist: true });
      try {
        const s = runMatch(db, { now: () => c.now() });
        c.info(c.msg.matched(s.matched.code, s.matched.fuzzy, s.matched.manual, s.unmatchedPaper, s.unmatchedSystem));
      } finally {
        db.close();
      }
    });
}
