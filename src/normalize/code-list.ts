/**
 * A code cell that lists several dossiers: one receipt for a batch ("Số lượng hồ sơ: 3 (kèm theo
 * danh sách)"). Codes are separated by a comma, a semicolon, a line break or "và", and a run of
 * sequence numbers is written as a range ("000.00.19.H53-250107-0012 đến 0014"); a bare sequence
 * number after a full code ("…-0012, 0013") takes that code's unit and date.
 */
import { normalizeCode, parseCode } from './codes.js';

/** A cell that may list several codes (checked before the split: most cells have one code). */
const LIST_HINT = /[,;\n\r&]|\s(?:và|va|đến|den|tới|toi)\s|->|→|~/i;
const SEPARATORS = /\s*(?:[,;\n\r&]|\s(?:và|va)\s)\s*/i;
const RANGE = /^(.*?)\s*(?:đến|den|tới|toi|->|→|~)\s*(.*)$/i;
const SEQ_ONLY = /^\d{1,5}$/;
/** A whole code among codes separated by spaces only. */
const SPACED_CODE = /^['‘’`]?[0-9A-Za-z.]+-\d{6}-\d{3,5}$/;
/** A range longer than this is a typo, not a batch. */
const MAX_RANGE = 50;

/** Splits a code into its unit-and-date prefix and its sequence number, when well formed. */
function prefixOf(code: string): { prefix: string; seq: string } | null {
  const parsed = parseCode(code);
  if (!parsed) return null;
  return { prefix: code.slice(0, code.length - parsed.seq.length), seq: parsed.seq };
}

/**
 * The codes a cell lists, normalized (see {@link normalizeCode}), in order and without repeats;
 * null when the cell holds one code or none (the caller keeps the cell as one code). The first
 * code must be well formed, so a local receipt number such as "25/STP, quyển 2" is not split.
 */
export function splitCodeCell(text: string | null): string[] | null {
  if (text === null) return null;
  if (!LIST_HINT.test(text)) {
    // Codes on separate lines of a cell read as one line: separated by spaces only.
    const parts = text
      .replace(/\s*-\s*/g, '-')
      .trim()
      .split(/\s+/);
    if (parts.length < 2 || !parts.every((p) => SPACED_CODE.test(p))) return null;
    text = parts.join(',');
  }
  const out: string[] = [];
  let last: { prefix: string; seq: string } | null = null;
  for (const part of text.split(SEPARATORS)) {
    if (part.trim() === '') continue;
    const range = RANGE.exec(part);
    const left = normalizeCode(range ? range[1] : part);
    if (left === null) continue;
    const full = SEQ_ONLY.test(left) && last ? `${last.prefix}${left.padStart(last.seq.length, '0')}` : left;
    const head = prefixOf(full);
    if (out.length === 0 && !head) return null;
    if (range && head) {
      const right = normalizeCode(range[2]);
      const to = right === null ? null : SEQ_ONLY.test(right) ? Number(right) : Number(prefixOf(right)?.seq ?? NaN);
      const from = Number(head.seq);
      if (to !== null && Number.isInteger(to) && to >= from && to - from < MAX_RANGE) {
        for (let n = from; n <= to; n++) out.push(`${head.prefix}${String(n).padStart(head.seq.length, '0')}`);
        last = head;
        continue;
      }
    }
    out.push(full);
    if (head) last = head;
  }
  const distinct = [...new Set(out)];
  return distinct.length >= 2 ? distinct : null;
}
