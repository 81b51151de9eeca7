/** `explain FINDING_ID [--format text|json]`: the full story of one register row or dossier. */
import {
  displayLocalDateTime,
  CATEGORY_LABELS,
  displayDate,
  type Lang,
  matchTexts,
  reasonText,
  usageError,
} from '../../i18n/index.js';
import type { Command } from 'commander';
import { explainFinding, type Explanation } from '../../audit/explain.js';
import { addCommand, type CommandEnv } from '../command.js';

/** The explanation as text, one section per part of the story. */
export function renderExplanation(e: Explanation, lang: Lang): string {
  const m = matchTexts(lang);
  const T = m.explainTitle;
  const out: string[] = [];
  const band = (b: string) => (b === 'match' ? '≥' : b === 'review' ? '~' : '<');
  out.push(
    `${e.id} — ${e.unit}${e.category ? ` — ${T.category}: ${CATEGORY_LABELS[lang][e.category] ?? e.category}` : ''}`,
  );
  if (e.paper) {
    out.push(
      '',
      `${T.paper}: ${e.paper.file}` +
        (e.paper.sheet ? ` / ${e.paper.sheet}` : '') +
        ` / ${m.cols.row} ${e.paper.row}  (${e.paper.ref})`,
    );
    out.push(
      `  ${m.cols.code}: ${e.paper.code ?? T.none}`,
      `  ${m.cols.applicant}: ${e.paper.applicant ?? T.none}`,
      `  ${m.cols.procedure}: ${e.paper.procedure ?? T.none}`,
    );
    out.push(`  ${m.cols.received}: ${displayDate(e.paper.receivedDate) || T.none}`);
    out.push(
      `  ${T.raw}: ${
        Object.entries(e.paper.cells)
          .map(([k, v]) => `${k}="${v}"`)
          .join(', ') || T.none
      }`,
    );
  }
  out.push('', `${e.kind === 'paper' ? T.system : T.snapshots}:`);
  if (e.system.length === 0) out.push(`  ${T.none}`);
  for (const s of e.system)
    out.push(
      `  ${s.code} — ${s.file}${s.sheet ? ` / ${s.sheet}` : ''} / ${m.cols.row} ${s.rowNumber} — ` +
        `${displayDate(s.asOf)}: ${s.status ?? ''} — ${s.applicant ?? ''} — ${s.procedure ?? ''} — ` +
        `${displayDate(s.receivedDate)}`,
    );
  out.push(
    '',
    `${T.candidates} (${m.outcome.thresholds(e.thresholds.upper, e.thresholds.lower, e.thresholds.windowDays)}):`,
  );
  if (e.candidates.length === 0) out.push(`  ${T.none}`);
  for (const c of e.candidates) {
    const where = c.linked === 'this' ? m.outcome.linkedHere : c.linked === 'none' ? '' : m.outcome.takenBy(c.linked);
    out.push(
      `  ${band(c.band)} ${c.score.toFixed(4)}  ${c.ref} — ${c.applicant ?? ''} — ${c.procedure ?? ''} — ` +
        `${displayDate(c.receivedDate)}${where ? `  [${where}]` : ''}`,
    );
    out.push(`      ${c.reasons.map((r) => reasonText(r, lang)).join('; ')}`);
  }
  out.push('', `${T.outcome}:`);
  if (e.match) {
    const text =
      e.match.method === 'code'
        ? m.outcome.code(e.match.other)
        : e.match.method === 'fuzzy'
          ? m.outcome.fuzzy(e.match.other, e.match.score)
          : m.outcome.manual(e.match.other);
    out.push(`  ${text}`, `  ${e.match.reasons.map((r) => reasonText(r, lang)).join('; ')}`);
  } else if (e.kind === 'system' && !e.shape) out.push(`  ${m.outcome.systemOnly}`);
  else if (e.decision?.decision === 'no-match' && e.decision.applied) out.push(`  ${m.outcome.noMatchDecision}`);
  else out.push(`  ${e.inReview ? m.outcome.review : m.outcome.none}`);
  if (e.shape) {
    // Why this row shares its dossier with other rows, or stands for several.
    const ev = (x: string) => (x.startsWith('date:') ? `${m.evidence.date} ${x.slice(5)}` : (m.evidence[x] ?? x));
    out.push(
      '',
      `${m.shapeTitle}: ${m.shapes[e.shape.shape] ?? e.shape.shape} (${e.shape.shape})` +
        (e.shape.superseded ? ` — ${m.superseded}` : ''),
    );
    if (e.shape.evidence.length > 0)
      out.push(`  ${e.shape.evidence.map(ev).join('; ')}  [${e.shape.evidence.join(' ')}]`);
    out.push(
      `  ${m.dossiers}: ${e.shape.dossiers.join(', ')}`,
      `  ${m.related}: ${e.shape.related.join(', ') || T.none}`,
    );
  }
  if (e.decision) {
    const d = e.decision;
    out.push(
      '',
      `${T.decision}: ${d.decision === 'match' ? m.isMatch(d.systemCode ?? '') : m.isNoMatch} — ` +
        `${displayLocalDateTime(d.decidedAt)}${d.note ? ` — "${d.note}"` : ''} — ` +
        `${d.applied ? m.status.applied : m.status.conflict}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Registers `explain`. */
export function registerExplain(program: Command, { lang, ctx }: CommandEnv): void {
  const mt = matchTexts(lang);
  addCommand(program, {
    name: 'explain',
    description: mt.explain,
    arguments: [['<finding-id>', mt.findingId]],
    options: [['--format <format>', mt.explainFormat, 'text']],
  }).action((id: string, o: { format: string }) => {
    const c = ctx();
    if (o.format !== 'text' && o.format !== 'json')
      throw usageError('oneOf', { option: '--format', choices: 'text, json', value: o.format });
    const db = c.openDb({ mustExist: true });
    try {
      const e = explainFinding(db, id, { now: () => c.now() });
      c.data(o.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : renderExplanation(e, c.opts.lang));
    } finally {
      db.close();
    }
  });
}
