/** `import system FILE...` and `import paper FILE... --unit NAME`. */
import type { Command } from 'commander';
import { importProgressBar } from '../progress.js';
import {
  type ImportBatchResult,
  importFiles,
  type ImportResult,
  loadProfile,
  readThreadSetting,
} from '../../audit/import.js';
import { displayDate, formatError, helpTexts, ruleLabel, skipLabel } from '../../i18n/index.js';
import { loadHeaderRules, loadStatusTable } from '../../audit/context.js';
import type { SkipReason, SourceKind } from '../../types.js';
import { addCommand, type CommandEnv } from '../command.js';
import { parseDateOption, type Ctx } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** Prints what was read from one file: per sheet, skipped rows by reason, data-quality issues. */
export function printImportResult(c: Ctx, r: ImportResult): void {
  const skipped = r.rowsSkipped;
  if (r.outcome === 'unchanged') {
    c.info(c.msg.unchanged(r.file));
    return;
  }
  c.info(
    r.outcome === 'replaced'
      ? c.msg.replaced(r.file, r.rowsImported, skipped, r.replacedImportId ?? 0)
      : c.msg.imported(r.file, r.rowsImported, skipped),
  );
  if (r.unit) c.info(c.msg.unit(r.unit));
  for (const s of r.sheets) {
    if (s.ignored) {
      c.info(c.msg.sheetIgnored(s.sheet ?? 'CSV', c.msg.ignoredWhy[s.ignored] ?? s.ignored));
      continue;
    }
    if (r.format === 'json') c.info(c.msg.jsonSheet(s.imported));
    else
      c.info(
        s.sheet === null
          ? c.msg.csvSheet(s.headerRow ?? 0, s.imported, r.encoding, r.delimiter ?? ',')
          : c.msg.sheet(s.sheet, s.headerRow ?? 0, s.imported),
      );
    if (s.legacy)
      c.info(
        c.msg.legacy(
          Object.entries(s.legacy)
            .map(([enc, n]) => `${n} × ${enc.toUpperCase()}`)
            .join(', '),
        ),
      );
    const parts = Object.entries(s.skipped).map(([k, n]) => `${n} ${skipLabel(k as SkipReason, c.opts.lang)}`);
    if (parts.length > 0) c.info(c.msg.skipped(parts.join(', ')));
  }
  if (r.asOf && r.asOfSource) c.info(c.msg.asOf(displayDate(r.asOf), c.msg.asOfSource[r.asOfSource] ?? r.asOfSource));
  const dq = Object.entries(r.issues).map(([rule, n]) => `${n} × ${ruleLabel(rule, c.opts.lang)}`);
  if (dq.length > 0) c.info(c.msg.dq(dq.join('; ')));
  for (const w of r.warnings) {
    if (w.code === 'AS_OF_FROM_DATA') c.warn(c.msg.asOfWarning(r.file, displayDate(String(w.params.asOf))));
    if (w.code === 'UNITS_CREATED') c.warn(c.msg.unitsCreated(r.file, (w.params.units as string[]).join(', ')));
    if (w.code === 'STATUS_UNKNOWN') {
      const labels = w.params.labels as Array<{ label: string; count: number }>;
      c.warn(
        c.msg.statusUnknown(
          r.file,
          labels.map((l) => `"${l.label}" (${l.count})`).join(', '),
          Number(w.params.total) - labels.length,
        ),
      );
    }
  }
}

/** Prints a batch and returns its exit code: 3 when any file was refused. */
export function reportBatch(c: Ctx, batch: ImportBatchResult): number {
  for (const r of batch.results) printImportResult(c, r);
  for (const f of batch.failures) {
    c.warn(c.msg.failed(formatError(f.error, c.opts.lang)));
    if (c.opts.debug && f.error.stack) c.warn(f.error.stack);
  }
  return batch.failures.length > 0 ? EXIT.INPUT : EXIT.OK;
}

interface ImportCliOptions {
  sheet?: string;
  asOf?: string;
  unit?: string;
  profile?: string;
  synonyms?: string;
  force?: boolean;
  newUnit?: boolean;
  statuses?: string;
}

/** Registers the `import` command group. */
export function registerImport(program: Command, { lang, ctx, setExit }: CommandEnv): void {
  const t = helpTexts(lang);
  const imp = addCommand(program, { name: 'import', description: t.import });
  const run = async (kind: SourceKind, files: string[], o: ImportCliOptions) => {
    const c = ctx();
    const asOf = parseDateOption(o.asOf, '--as-of');
    const profile = o.profile ? loadProfile(o.profile) : null;
    const headerRules = loadHeaderRules(o.synonyms ?? c.io.env.MOTCUA_AUDIT_SYNONYMS);
    const statusTable = kind === 'system' ? loadStatusTable(o.statuses ?? c.io.env.MOTCUA_AUDIT_STATUSES) : undefined;
    const db = c.openDb();
    try {
      const batch = await importFiles(db, files, {
        kind,
        force: o.force === true,
        newUnit: o.newUnit === true,
        sheet: o.sheet ?? null,
        asOf,
        unit: o.unit ?? null,
        profile,
        headerRules,
        ...(statusTable ? { statusTable } : {}),
        now: () => c.now(),
        onProgress: importProgressBar(c),
        readThread: readThreadSetting(c.io.env.MOTCUA_AUDIT_READ_THREAD),
      });
      setExit(reportBatch(c, batch));
    } finally {
      db.close();
    }
  };
  addCommand(imp, {
    name: 'system',
    description: t.importSystem,
    arguments: [['<files...>', t.filesArg]],
    options: [
      ['--sheet <name>', t.sheet],
      ['--as-of <date>', t.asOf],
      ['--profile <file>', t.profile],
      ['--synonyms <file>', t.synonyms],
      ['--force', t.forceKind],
      ['--statuses <file>', t.statuses],
    ],
  }).action((files: string[], o: ImportCliOptions) => run('system', files, o));
  addCommand(imp, {
    name: 'paper',
    description: t.importPaper,
    arguments: [['<files...>', t.filesArg]],
    options: [
      ['--unit <name>', t.unit],
      ['--sheet <name>', t.sheet],
      ['--profile <file>', t.profile],
      ['--synonyms <file>', t.synonyms],
      ['--new-unit', t.newUnit],
      ['--force', t.forceKind],
    ],
  }).action((files: string[], o: ImportCliOptions) => run('paper', files, o));
}
