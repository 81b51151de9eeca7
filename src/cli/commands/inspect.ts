/** `inspect FILE`: what the tool detects in a file, so a user can write a profile in a minute. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { inspectFile } from '../../ingest/inspect.js';
import { loadProfile } from '../../ingest/profile.js';
import { displayDate, fieldLabel, ruleLabel, skipLabel, helpTexts } from '../../i18n/index.js';
import { loadHeaderRules } from '../../tables.js';
import type { SkipReason } from '../../types.js';
import type { CommandEnv } from '../command.js';

/** Registers `inspect`. */
export function registerInspect(program: Command, { lang, ctx }: CommandEnv): void {
  const t = helpTexts(lang);
  program
    .command('inspect')
    .description(t.inspect)
    .argument('<file>', t.fileArg)
    .option('--format <format>', 'table | json', 'table')
    .option('--profile <file>', t.profile)
    .option('--synonyms <file>', t.synonyms)
    .action(async (file: string, o: { format: string; profile?: string; synonyms?: string }) => {
      const c = ctx();
      const result = await inspectFile(file, {
        rules: loadHeaderRules(o.synonyms ?? c.io.env.MOTCUA_AUDIT_SYNONYMS),
        profile: o.profile ? loadProfile(o.profile) : null,
      });
      if (o.format === 'json') {
        c.data(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const vi = c.opts.lang === 'vi';
      const b = c.chalk.bold;
      const lines: string[] = [];
      const enc = result.format === 'csv'
        ? `${result.encoding}, ${vi ? 'phân cách' : 'separator'} "${result.delimiter === '\t' ? 'tab' : result.delimiter}"`
        : result.format === 'json' ? 'JSON' : `xlsx${result.date1904 ? ', 1904' : ''}`;
      lines.push(`${b(result.file)} (${enc})`);
      for (const s of result.sheets) {
        lines.push('');
        lines.push(b(`${s.sheet === null ? (result.format === 'json' ? 'JSON' : 'CSV') : `sheet "${s.sheet}"`}${s.hidden ? (vi ? ' (ẩn)' : ' (hidden)') : ''}: ${s.rows} ${vi ? 'dòng có dữ liệu' : 'non-empty rows'}`));
        if (s.legacy) lines.push(`  ${vi ? 'phông cũ đã chuyển' : 'legacy fonts converted'}: ${Object.entries(s.legacy).map(([k, n]) => `${n} × ${k.toUpperCase()}`).join(', ')}`);
        if (!s.headerRows) {
          lines.push(`  ${vi ? 'không tìm thấy dòng tiêu đề cột: sheet này sẽ bị bỏ qua (hoặc dùng --profile)' : 'no header row found: this sheet would be skipped (or use --profile)'}`);
          continue;
        }
        for (const tl of s.titleLines) lines.push(`  ${vi ? 'tiêu đề' : 'title'}: ${tl}`);
        lines.push(`  ${vi ? 'dòng tiêu đề cột' : 'header row(s)'}: ${s.headerRows.join(', ')}; ${vi ? 'hồ sơ' : 'dossiers'}: ${s.dossiers}; ${vi ? 'bỏ qua' : 'skipped'}: ${Object.entries(s.skipped).map(([k, n]) => `${n} ${skipLabel(k as SkipReason, c.opts.lang)}`).join(', ') || '0'}`);
        const cols = new Table({ head: (vi ? ['Cột', 'Tiêu đề', 'Trường', 'Vì có chữ'] : ['Column', 'Header', 'Field', 'Matched words']).map((h) => b(h)), style: { head: [], border: [], compact: true } });
        for (const col of s.columns) {
          const unused = c.chalk.dim(col.named === null ? (vi ? '(không dùng)' : '(unused)') : vi ? `${col.named} (đã có cột trước, không dùng)` : `${col.named} (an earlier column has it: unused)`);
          const field = col.field === null ? unused : col.field === 'applicant' && s.splitApplicant ? `${fieldLabel('applicant', c.opts.lang)} + ${fieldLabel('address', c.opts.lang)}` : fieldLabel(col.field, c.opts.lang);
          cols.push([col.column, col.label.replace(/\s+/g, ' ').slice(0, 60), field, col.words]);
        }
        lines.push(cols.toString());
        if (s.samples.length > 0) {
          const sample = new Table({
            head: (vi ? ['Dòng', 'Mã hồ sơ', 'Người nộp', 'Thủ tục', 'Ngày nhận', 'Ngày trả', 'Lỗi'] : ['Row', 'Code', 'Applicant', 'Procedure', 'Received', 'Returned', 'Issues']).map((h) => b(h)),
            style: { head: [], border: [], compact: true },
          });
          for (const r of s.samples) sample.push([r.rowNumber, r.code ?? '', (r.applicant ?? '').slice(0, 30), (r.procedure ?? '').slice(0, 40), displayDate(r.receivedDate), displayDate(r.returnedDate), r.issues.map((i) => ruleLabel(i.rule, c.opts.lang)).join(', ')]);
          lines.push(sample.toString());
        }
      }
      c.data(`${lines.join('\n')}\n`);
    });
}
