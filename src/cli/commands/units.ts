/** `units import FILE.csv` and `units list`. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { addUnitAlias, importUnits, listUnits, readUnitsFile } from '../../audit/units.js';
import { periodText } from '../../core/unit-timeline.js';
import { addCommand, type CommandEnv } from '../command.js';
import { helpTexts, UNITS_TEXT } from '../../i18n/index.js';

/** Registers the `units` command group. */
export function registerUnits(program: Command, { lang, ctx }: CommandEnv): void {
  const t = helpTexts(lang);
  const units = addCommand(program, { name: 'units', description: t.units });
  addCommand(units, {
    name: 'import',
    description: t.unitsImport,
    arguments: [['<file>', t.unitsFileArg]],
  }).action((file: string) => {
    const c = ctx();
    const entries = readUnitsFile(file);
    const db = c.openDb();
    try {
      const r = importUnits(db, entries, c.now(), file);
      c.info(c.msg.unitsImported(r.added, r.updated, r.aliases));
    } finally {
      db.close();
    }
  });
  addCommand(units, {
    name: 'alias',
    description: t.unitsAlias,
    arguments: [['<name>', t.unitsAliasName]],
    options: [{ flags: '--to <unit>', description: t.unitsAliasTo, required: true }],
  }).action((name: string, o: { to: string }) => {
    const c = ctx();
    const db = c.openDb();
    try {
      const r = addUnitAlias(db, name, o.to);
      c.info(UNITS_TEXT[c.opts.lang].aliasAdded(r.alias, r.unit, r.merged));
    } finally {
      db.close();
    }
  });
  addCommand(units, {
    name: 'list',
    description: t.unitsList,
    options: [['--format <format>', 'table | json', 'table']],
  }).action((o: { format: string }) => {
    const c = ctx();
    const db = c.openDb();
    try {
      const list = listUnits(db);
      if (o.format === 'json') {
        c.data(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const u8 = UNITS_TEXT[c.opts.lang];
      const table = new Table({
        head: u8.listHead.map((h) => c.chalk.bold(h)),
        style: { head: [], border: [] },
        colAligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right'],
      });
      for (const u of list) {
        const name = u.official ? u.name : `${u.name} ${c.chalk.yellow(u8.newUnit)}`;
        table.push([
          u.code ?? '',
          name,
          periodText(u),
          u.successor ?? '',
          u.aliases.join(' | '),
          u.paperRows,
          u.systemDossiers,
        ]);
      }
      c.data(`${table.toString()}\n`);
    } finally {
      db.close();
    }
  });
}
