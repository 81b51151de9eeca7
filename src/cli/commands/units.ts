/** `units import FILE.csv` and `units list`. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { listUnits } from '../../audit.js';
import { periodText } from '../../store/unit-timeline.js';
import { importUnits, readUnitsFile } from '../../store/units.js';
import { addUnitAlias } from '../../store/unit-check.js';
import type { CommandEnv } from '../command.js';
import { helpTexts } from '../../i18n/index.js';

/** Registers the `units` command group. */
export function registerUnits(program: Command, { lang, ctx }: CommandEnv): void {
  const t = helpTexts(lang);
  const units = program.command('units').description(t.units);
  units
    .command('import')
    .description(t.unitsImport)
    .argument('<file>', t.unitsFileArg)
    .action((file: string) => {
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
  units
    .command('alias')
    .description(t.unitsAlias)
    .argument('<name>', t.unitsAliasName)
    .requiredOption('--to <unit>', t.unitsAliasTo)
    .action((name: string, o: { to: string }) => {
      const c = ctx();
      const db = c.openDb();
      try {
        const r = addUnitAlias(db, name, o.to);
        c.info(c.opts.lang === 'vi' ? `✔ "${r.alias}" từ nay là tên gọi khác của ${r.unit}${r.merged ? `; đã gộp ${r.merged} đơn vị tạo từ tên này vào ${r.unit}` : ''}` : `✔ "${r.alias}" is now another name of ${r.unit}${r.merged ? `; ${r.merged} unit(s) created from this name merged into ${r.unit}` : ''}`);
      } finally {
        db.close();
      }
    });
  units
    .command('list')
    .description(t.unitsList)
    .option('--format <format>', 'table | json', 'table')
    .action((o: { format: string }) => {
      const c = ctx();
      const db = c.openDb();
      try {
        const list = listUnits(db);
        if (o.format === 'json') {
          c.data(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        const vi = c.opts.lang === 'vi';
        const table = new Table({
          head: (vi ? ['Mã đơn vị', 'Tên đơn vị', 'Hiệu lực', 'Đơn vị kế thừa', 'Tên gọi khác', 'Dòng sổ', 'Hồ sơ HT'] : ['Code', 'Name', 'Valid', 'Successor', 'Aliases', 'Paper rows', 'System dossiers']).map((h) => c.chalk.bold(h)),
          style: { head: [], border: [] },
          colAligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right'],
        });
        for (const u of list) {
          const name = u.official ? u.name : `${u.name} ${c.chalk.yellow(vi ? '(mới, ngoài danh mục)' : '(new, not in unit list)')}`;
          table.push([u.code ?? '', name, periodText(u), u.successor ?? '', u.aliases.join(' | '), u.paperRows, u.systemDossiers]);
        }
        c.data(`${table.toString()}\n`);
      } finally {
        db.close();
      }
    });
}
