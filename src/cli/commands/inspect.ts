/** `inspect FILE`: what the tool detects in a file, so a user can write a profile in a minute. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { inspectFile, loadProfile } from '../../audit/inspect.js';
import { displayDate, fieldLabel, helpTexts, INSPECT_TEXT, ruleLabel, skipLabel } from '../../i18n/index.js';
import { loadHeaderRules } from '../../audit/context.js';
import type { SkipReason } from '../../types.js';
import { addCommand, type CommandEnv } from '../command.js';

/** Registers `inspect`. */
export function registerInspect(program: Command, { lang, ctx }: CommandEnv): void {
  const t = helpTexts(lang);
  addCommand(program, {
    name: 'inspect',
    description: t.inspect,
    arguments: [['<file>', t.fileArg]],
    options: [
      ['--format <format>', 'table | json', 'table'],
      ['--profile <file>', t.profile],
      ['--synonyms <file>', t.synonyms],
    ],
  }).action(async (file: string, o: { format: string; profile?: string; synonyms?: string }) => {
    const c = ctx();
    const result = await inspectFile(file, {
      rules: loadHeaderRules(o.synonyms ?? c.io.env.MOTCUA_AUDIT_SYNONYMS),
      profile: o.profile ? loadProfile(o.profile) : null,
    });
    if (o.format === 'json') {
      c.data(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const w = INSPECT_TEXT[c.opts.lang];
    const b = c.chalk.bold;
    const lines: string[] = [];
    const enc =
      result.format === 'csv'
        ? `${result.encoding}, ${w.separator} "${result.delimiter === '\t' ? 'tab' : result.delimiter}"`
        : result.format === 'json'
          ? 'JSON'
          : `xlsx${result.date1904 ? ', 1904' : ''}`;
    lines.push(`${b(result.file)} (${enc})`);
    for (const s of result.sheets) {
      lines.push('');
      lines.push(
        b(
          `${s.sheet === null ? (result.format === 'json' ? 'JSON' : 'CSV') : `sheet "${s.sheet}"`}` +
            `${s.hidden ? w.hidden : ''}: ${s.rows} ${w.rows}`,
        ),
      );
      if (s.legacy)
        lines.push(
          `  ${w.legacy}: ${Object.entries(s.legacy)
            .map(([k, n]) => `${n} × ${k.toUpperCase()}`)
            .join(', ')}`,
        );
      if (!s.headerRows) {
        lines.push(`  ${w.noHeader}`);
        continue;
      }
      for (const tl of s.titleLines) lines.push(`  ${w.title}: ${tl}`);
      lines.push(
        `  ${w.headerRows}: ${s.headerRows.join(', ')}; ${w.dossiers}: ${s.dossiers}; ${w.skipped}: ${
          Object.entries(s.skipped)
            .map(([k, n]) => `${n} ${skipLabel(k as SkipReason, c.opts.lang)}`)
            .join(', ') || '0'
        }`,
      );
      const cols = new Table({ head: w.columnsHead.map((h) => b(h)), style: { head: [], border: [], compact: true } });
      for (const col of s.columns) {
        const unused = c.chalk.dim(col.named === null ? w.unused : w.namedEarlier(col.named));
        const field =
          col.field === null
            ? unused
            : col.field === 'applicant' && s.splitApplicant
              ? `${fieldLabel('applicant', c.opts.lang)} + ${fieldLabel('address', c.opts.lang)}`
              : fieldLabel(col.field, c.opts.lang);
        cols.push([col.column, col.label.replace(/\s+/g, ' ').slice(0, 60), field, col.words]);
      }
      lines.push(cols.toString());
      if (s.samples.length > 0) {
        const sample = new Table({
          head: w.samplesHead.map((h) => b(h)),
          style: { head: [], border: [], compact: true },
        });
        for (const r of s.samples)
          sample.push([
            r.rowNumber,
            r.code ?? '',
            (r.applicant ?? '').slice(0, 30),
            (r.procedure ?? '').slice(0, 40),
            displayDate(r.receivedDate),
            displayDate(r.returnedDate),
            r.issues.map((i) => ruleLabel(i.rule, c.opts.lang)).join(', '),
          ]);
        lines.push(sample.toString());
      }
    }
    c.data(`${lines.join('\n')}\n`);
  });
}
