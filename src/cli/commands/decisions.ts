/** `decisions list`, `decisions export FILE.csv`, `decisions import FILE.csv`. */
import fs from 'node:fs';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { exportDecisionsCsv, importDecisionsCsv, listDecisions } from '../../audit/decisions.js';
import { AuditError } from '../../errors.js';
import { displayLocalDateTime, matchTexts } from '../../i18n/index.js';
import { addCommand, type CommandEnv } from '../command.js';

/** Registers the `decisions` command group. */
export function registerDecisions(program: Command, { lang, ctx }: CommandEnv): void {
  const mt = matchTexts(lang);
  const group = addCommand(program, { name: 'decisions', description: mt.decisions });
  addCommand(group, {
    name: 'list',
    isDefault: true,
    description: mt.decisionsList,
    options: [['--format <format>', 'table | json', 'table']],
  }).action((o: { format: string }) => {
    const c = ctx();
    const m = matchTexts(c.opts.lang);
    const db = c.openDb({ mustExist: true });
    try {
      const items = listDecisions(db);
      if (o.format === 'json') return c.data(`${JSON.stringify(items, null, 2)}\n`);
      if (items.length === 0) return c.data(`${m.noDecisions}\n`);
      const k = m.cols;
      const table = new Table({
        head: [k.paper, k.finding, k.decision, k.code, k.note, k.decidedAt, k.status],
        style: { head: [], border: [] },
        wordWrap: true,
      });
      for (const d of items) {
        table.push([
          d.paperRef ?? `${d.baseName}#${d.sheet ?? ''}#${d.rowNumber ?? ''}`,
          d.findingId ?? '',
          d.decision === 'match' ? m.isMatch('').trim() : m.isNoMatch,
          d.systemCode ?? '',
          [d.note ?? '', d.overrode ? m.overrodeShort(d.overrode) : ''].filter(Boolean).join(' '),
          displayLocalDateTime(d.decidedAt),
          m.status[d.status] ?? d.status,
        ]);
      }
      c.data(`${table.toString()}\n`);
    } finally {
      db.close();
    }
  });
  addCommand(group, {
    name: 'export',
    description: mt.decisionsExport,
    arguments: [['<file>', mt.csvFile]],
  }).action((file: string) => {
    const c = ctx();
    const db = c.openDb({ mustExist: true });
    try {
      const { text, count } = exportDecisionsCsv(db);
      // "-" is standard output (a pipe), as for every other command that writes text.
      if (file === '-') return c.data(text);
      c.writePrivateFile(file, text);
      c.info(matchTexts(c.opts.lang).exported(count, file));
    } finally {
      db.close();
    }
  });
  addCommand(group, {
    name: 'import',
    description: mt.decisionsImport,
    arguments: [['<file>', mt.csvFile]],
  }).action((file: string) => {
    const c = ctx();
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new AuditError('INGEST_NOT_FOUND', `${file}: cannot read the file`, { file }, {}, { cause: e });
    }
    const db = c.openDb({ mustExist: true });
    try {
      c.info(matchTexts(c.opts.lang).imported(importDecisionsCsv(db, text)));
    } catch (e) {
      // The file's name goes with its line: "quyet-dinh.csv (dòng 3): …".
      if (e instanceof AuditError && e.code === 'DECISION_INVALID' && !e.context.file)
        throw new AuditError(e.code, e.message, { ...e.context, file }, e.params, { cause: e });
      throw e;
    } finally {
      db.close();
    }
  });
}
