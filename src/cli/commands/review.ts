/** `review [--unit NAME] [--format table|csv]`: the candidate pairs in the review band. */
import Table from 'cli-table3';
import type { Command } from 'commander';
import { listReview, type ReviewListItem } from '../../audit/decisions.js';
import { displayDate, type Lang, matchTexts, reasonText, usageError } from '../../i18n/index.js';
import { maskName, neutralizeFormula } from '../../audit/report-output.js';
import { addCommand, type CommandEnv } from '../command.js';

const csvField = (v: unknown) => {
  const s = neutralizeFormula(v === null || v === undefined ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The review list as CSV (UTF-8 with BOM): one line per candidate pair. A file meant for people, as
 * the reports: applicants' names become initials unless `showPersonalData`, and no cell starts
 * with a formula character.
 */
export function renderReviewCsv(items: readonly ReviewListItem[], lang: Lang, showPersonalData = false): string {
  const name = showPersonalData ? (s: string | null) => s : maskName;
  const k = matchTexts(lang).cols;
  const header = [
    k.unit,
    k.finding,
    k.paper,
    `${k.code} (${k.paper})`,
    `${k.applicant} (${k.paper})`,
    `${k.procedure} (${k.paper})`,
    `${k.received} (${k.paper})`,
    k.code,
    k.applicant,
    k.procedure,
    k.received,
    k.rank,
    k.score,
    k.reasons,
  ];
  const lines = [header.map(csvField).join(',')];
  for (const i of items) {
    lines.push(
      [
        i.unit,
        i.findingId,
        i.paperRef,
        i.paper.code,
        name(i.paper.applicant),
        i.paper.procedure,
        displayDate(i.paper.receivedDate),
        i.system.code,
        name(i.system.applicant),
        i.system.procedure,
        displayDate(i.system.receivedDate),
        i.rank,
        i.score,
        i.reasons.map((r) => reasonText(r, lang)).join('; '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The review list as a terminal table. */
export function renderReviewTable(items: readonly ReviewListItem[], lang: Lang): string {
  const m = matchTexts(lang);
  if (items.length === 0) return `${m.noReview}\n`;
  const k = m.cols;
  const table = new Table({
    head: [k.unit, k.paper, k.applicant, k.procedure, k.received, k.system, k.score, k.reasons],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [16, 26, 24, 26, 12, 28, 7, 34],
  });
  for (const i of items) {
    table.push([
      i.unit,
      `${i.findingId}\n${i.paperRef}`,
      `${i.paper.applicant ?? ''}\n→ ${i.system.applicant ?? ''}`,
      `${i.paper.procedure ?? ''}\n→ ${i.system.procedure ?? ''}`,
      `${displayDate(i.paper.receivedDate)}\n→ ${displayDate(i.system.receivedDate)}`,
      i.system.code,
      i.score.toFixed(2),
      i.reasons
        .filter((r) => r.field !== 'prior')
        .map((r) => reasonText(r, lang))
        .join('\n'),
    ]);
  }
  return `${table.toString()}\n`;
}

/** Registers `review`. */
export function registerReview(program: Command, { lang, ctx }: CommandEnv): void {
  const mt = matchTexts(lang);
  addCommand(program, {
    name: 'review',
    description: mt.review,
    options: [
      ['--unit <name>', mt.reviewUnit],
      ['--format <format>', mt.reviewFormat, 'table'],
      ['--show-personal-data', mt.reviewShowPersonal],
    ],
  }).action((o: { unit?: string; format: string; showPersonalData?: boolean }) => {
    const c = ctx();
    if (o.format !== 'table' && o.format !== 'csv')
      throw usageError('oneOf', { option: '--format', choices: 'table, csv', value: o.format });
    const db = c.openDb({ mustExist: true });
    try {
      const { items, matchedNow } = listReview(db, { unit: o.unit ?? null, now: () => c.now() });
      if (matchedNow) c.warn(c.msg.matchedAuto);
      c.data(
        o.format === 'csv'
          ? renderReviewCsv(items, c.opts.lang, o.showPersonalData === true)
          : renderReviewTable(items, c.opts.lang),
      );
    } finally {
      db.close();
    }
  });
}
