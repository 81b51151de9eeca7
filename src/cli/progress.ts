/**
 * A one-line progress bar on stderr (rows, rows/s, ETA) for long phases, drawn only when stderr
 * is a terminal and --quiet is off; redrawn at most every 100 ms and cleared when the phase ends.
 */
import path from 'node:path';
import type { ImportProgress } from '../audit/import-progress.js';
import type { Ctx } from './context.js';
import { PROGRESS_LABELS } from '../i18n/index.js';

function seconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '…';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/** Returns an onProgress callback for imports, or undefined when nothing is to be drawn. */
export function importProgressBar(
  c: Ctx,
  startedAt: () => number = Date.now,
): ((e: ImportProgress) => void) | undefined {
  if (c.opts.quiet || !c.io.stderrIsTTY) return undefined;
  const label = PROGRESS_LABELS[c.opts.lang];
  let start = 0;
  let file = '';
  return (e) => {
    if (e.file !== file) {
      file = e.file;
      start = startedAt();
    }
    if (e.done) {
      c.io.stderr('\r\u001b[2K');
      return;
    }
    const elapsed = Math.max(0.001, (startedAt() - start) / 1000);
    const rate = e.rows / elapsed;
    const share = e.totalBytes ? Math.min(1, e.bytesRead / e.totalBytes) : null;
    const width = 24;
    const bar =
      share === null
        ? ''
        : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}% `;
    const eta = share && share > 0 ? elapsed * (1 / share - 1) : NaN;
    c.io.stderr(
      `\r\u001b[2K${path.basename(e.file)} ${bar}${e.rows.toLocaleString('en-US')} ${label.rows} · ` +
        `${Math.round(rate).toLocaleString('en-US')} ${label.rows}/s · ${label.eta} ${seconds(eta)}`,
    );
  };
}

/**
 * Returns a (done, total) callback drawing a long phase (the report reading every row and writing
 * the findings; matching's scored comparison), or undefined when nothing is to be drawn; the line is cleared when done
 * reaches total.
 */
export function phaseProgressBar(
  c: Ctx,
  phase: 'read' | 'write' | 'match',
  startedAt: () => number = Date.now,
): ((done: number, total: number) => void) | undefined {
  if (c.opts.quiet || !c.io.stderrIsTTY) return undefined;
  const label = PROGRESS_LABELS[c.opts.lang];
  const start = startedAt();
  return (done, total) => {
    if (done >= total) {
      c.io.stderr('\r\u001b[2K');
      return;
    }
    const elapsed = Math.max(0.001, (startedAt() - start) / 1000);
    const share = total > 0 ? done / total : 0;
    const width = 24;
    const eta = share > 0 ? elapsed * (1 / share - 1) : NaN;
    c.io.stderr(
      `\r\u001b[2K${label[phase]} [${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ` +
        `${Math.round(share * 100)}% ${done.toLocaleString('en-US')} ${label.rows} · ` +
        `${Math.round(done / elapsed).toLocaleString('en-US')} ${label.rows}/s · ${label.eta} ${seconds(eta)}`,
    );
  };
}
