/** `report [--format table|json|csv|xlsx] [--out FILE] [--unit NAME] [--from DATE] [--to DATE]`. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { buildAuditReport } from '../../audit.js';
import { AuditError } from '../../errors.js';
import { renderFindingsCsv } from '../../report/csv.js';
import { loadStatusTable } from '../../tables.js';
import { renderTable } from '../../report/terminal.js';
import { writeXlsxReport } from '../../report/xlsx.js';
import { parseDateOption, type Ctx } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Texts } from '../help-texts.js';

interface ReportCliOptions {
  format: string;
  out?: string;
  unit?: string;
  from?: string;
  to?: string;
  failOn?: string;
  showPersonalData?: boolean;
  statuses?: string;
}

const FORMATS = ['table', 'json', 'csv', 'xlsx'];

/** Parses `--fail-on never-closed=N` into its threshold. */
export function parseFailOn(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^never-closed=(\d+)$/.exec(value.trim());
  if (!m) throw new AuditError('USAGE', `--fail-on: expected never-closed=N, got "${value}"`, {}, { option: '--fail-on', value });
  return Number(m[1]);
}

/** Registers `report`. */
export function registerReport(program: Command, ctx: () => Ctx, t: Texts, setExit: (code: number) => void): void {
  program
    .command('report')
    .description(t.report)
    .option('--format <format>', t.format, 'table')
    .option('--out <file>', t.out)
    .option('--unit <name>', t.reportUnit)
    .option('--from <date>', t.from)
    .option('--to <date>', t.to)
    .option('--fail-on <rule>', t.failOn)
    .option('--show-personal-data', t.showPersonal)
    .option('--statuses <file>', t.statuses)
    .action(async (o: ReportCliOptions) => {
      const c = ctx();
      if (!FORMATS.includes(o.format)) throw new AuditError('USAGE', `--format: one of ${FORMATS.join(', ')}`, {}, { option: '--format', value: o.format });
      if (o.format === 'xlsx' && !o.out) throw new AuditError('USAGE', '--format xlsx needs --out FILE.xlsx', {}, { option: '--out' });
      const filters = { unit: o.unit ?? null, from: parseDateOption(o.from, '--from'), to: parseDateOption(o.to, '--to') };
      const failOn = parseFailOn(o.failOn);
      const db = c.openDb({ mustExist: true });
      let report;
      try {
        const statusTable = loadStatusTable(o.statuses ?? c.io.env.MOTCUA_AUDIT_STATUSES);
        const built = buildAuditReport(db, { filters, statusTable, now: () => c.now() });
        report = built.report;
        if (built.matchedNow) c.warn(c.msg.matchedAuto);
      } finally {
        db.close();
      }
      const showPersonalData = o.showPersonalData === true;
      let text: string | null = null;
      if (o.format === 'table') text = renderTable(report, c.opts.lang, c.chalk);
      else if (o.format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
      else if (o.format === 'csv') text = renderFindingsCsv(report, { showPersonalData });
      if (o.format === 'xlsx') {
        await writeXlsxReport(report, o.out!, { lang: c.opts.lang, showPersonalData });
        fs.chmodSync(o.out!, 0o600);
        c.info(c.msg.wrote(o.out!));
      } else if (o.out) {
        c.writePrivateFile(o.out, text!);
        c.info(c.msg.wrote(o.out));
      } else {
        c.data(text!);
      }
      if (failOn !== null && report.totals.neverClosedElectronically > failOn) {
        c.warn(c.msg.failOn(report.totals.neverClosedElectronically, failOn));
        setExit(EXIT.FINDINGS);
      }
    });
}
