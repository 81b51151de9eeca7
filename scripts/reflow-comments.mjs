#!/usr/bin/env node
// Rewraps comment lines over 120 characters (Biome's formatter leaves comments as written), in the code files of
// scripts/lint-source.mjs (or the files and folders given). Only comments change, never code or strings:
//   - `// text` on its own line: cut at the last space that fits; the rest starts the next `//` line of the same
//     paragraph (same indentation and prefix), or a new line when the paragraph ends there;
//   - ` * text` in a /* */ or /** */ comment: the same, with ` * ` lines; a one-line `/** text */` over 120
//     becomes a three-line comment first;
//   - a `// comment` after code, on a line over 120 only because of the comment: moved onto its own line above.
// Lines that cannot be cut (no space before column 120: a URL) are left for scripts/check-line-length.mjs.
// Idempotent: a second run changes nothing. Usage: node scripts/reflow-comments.mjs [--check] [file|folder ...]
import fs from 'node:fs';
import path from 'node:path';
import { codeFiles, comments, lineStarts, literals, MAX_LINE, parse, ROOT, width } from './lint-source.mjs';

// A line that starts a list item, a tag or a directive is never joined to the line before it.
const STARTS_ITEM = /^(?:[-*•+]\s|\d+[.)]\s|@|\||```)/;
const DIRECTIVE = /^(?:biome-ignore|@ts-|eslint|prettier-ignore|#region|#endregion|\/)/;

/** Where to cut `text` so that `prefix + head` fits: the index of a space, or -1. */
function cutAt(prefix, text) {
  const room = MAX_LINE - width(prefix);
  for (let k = text.lastIndexOf(' '); k > 0; k = text.lastIndexOf(' ', k - 1)) {
    const head = text.slice(0, k).trimEnd();
    const rest = text.slice(k + 1).trimStart();
    if (head === '' || rest === '') continue;
    if (width(head) > room) continue;
    if (STARTS_ITEM.test(rest)) continue;
    return k;
  }
  return -1;
}

/** The parts of a comment line: { prefix, text, suffix } (suffix: a closing `*` + `/`), or null. */
function lineParts(line, kind) {
  if (kind === '//') {
    const m = /^(\s*\/\/+ ?)(.*)$/.exec(line);
    return m ? { prefix: m[1], text: m[2], suffix: '' } : null;
  }
  const m = /^(\s*(?:\/\*\*?|\*)?(?: +|$))(.*?)(\s*\*\/)?$/.exec(line);
  if (!m) return null;
  return { prefix: m[1], text: m[2], suffix: m[3] ?? '' };
}

/**
 * One fix to the first long comment line at or after line `from`: the new text and the line to look at next, or
 * null when there is nothing left to fix.
 */
function fixOne(file, text, from) {
  const lines = text.split('\n');
  const starts = lineStarts(text);
  let sf = null;
  let found = null;
  for (let i = from; i < lines.length; i++) {
    if (width(lines[i]) <= MAX_LINE) continue;
    sf ??= parse(file, text);
    found = { i, cs: comments(sf), lits: literals(sf) };
    break;
  }
  if (!found) return null;
  const { i, cs, lits } = found;
  const line = lines[i];
  const lineStart = starts[i];
  const lineEnd = lineStart + line.length;
  const indent = /^\s*/.exec(line)[0];
  const skip = { text, next: i + 1 };
  // The comment that holds the part of the line past column 120.
  let over = lineStart;
  for (let k = 0; k < MAX_LINE; k++) over += line.codePointAt(over - lineStart) > 0xffff ? 2 : 1;
  const c = cs.find((x) => x.pos <= over && over < x.end);
  if (!c) return skip;
  const insideLiteral = (off) => lits.some((l) => l.pos < off && off < l.end);
  const startsLine = c.pos === lineStart + indent.length;
  const body = text.slice(c.pos, c.end);
  const replace = (newLines, count = 1) => {
    const out = [...lines.slice(0, i), ...newLines, ...lines.slice(i + count)];
    return { text: out.join('\n'), next: i };
  };

  if (!c.multi) {
    if (!startsLine) {
      // A comment after code: onto its own line above the code (the code itself stays as it is).
      const code = text.slice(lineStart, c.pos).trimEnd();
      if (width(code) > MAX_LINE || insideLiteral(lineStart) || c.end !== lineEnd) return skip;
      return replace([indent + body, code]);
    }
    const p = lineParts(line, '//');
    if (!p || DIRECTIVE.test(p.text)) return skip;
    const k = cutAt(p.prefix, p.text);
    if (k < 0) return skip;
    const head = p.prefix + p.text.slice(0, k).trimEnd();
    const rest = p.text.slice(k + 1).trimStart();
    const next = lines[i + 1];
    const np = next === undefined ? null : lineParts(next, '//');
    const nextComment = np && cs.find((x) => x.pos === starts[i + 1] + np.prefix.indexOf('/'));
    if (np && nextComment && !nextComment.multi && np.prefix === p.prefix && np.text.trim() !== '') {
      if (!STARTS_ITEM.test(np.text) && !DIRECTIVE.test(np.text) && !/^\s/.test(np.text)) {
        return replace([head, `${p.prefix}${rest} ${np.text}`], 2);
      }
    }
    return replace([head, p.prefix + rest]);
  }

  // A /* */ or /** */ comment.
  if (!body.includes('\n')) {
    // One line: made a three-line comment when it is alone on its line.
    if (!startsLine || c.end !== lineEnd) return skip;
    const open = body.startsWith('/**') ? '/**' : '/*';
    const inner = body.slice(open.length, -2).trim();
    if (inner === '') return skip;
    return replace([indent + open, `${indent} * ${inner}`, `${indent} */`]);
  }
  const firstLine = c.pos >= lineStart;
  if (firstLine && !startsLine) return skip;
  const p = lineParts(line, '/*');
  if (!p || p.text === '' || DIRECTIVE.test(p.text)) return skip;
  const k = cutAt(p.prefix, p.text);
  if (k < 0) return skip;
  const head = p.prefix + p.text.slice(0, k).trimEnd();
  const rest = p.text.slice(k + 1).trimStart();
  // Continuation lines: ` * ` under the opening `/**`, or the same prefix as this line.
  const commentIndent = /^\s*/.exec(text.slice(starts[text.slice(0, c.pos).split('\n').length - 1], c.pos))[0];
  const contPrefix = firstLine || !p.prefix.includes('*') ? `${commentIndent} * ` : p.prefix;
  if (p.suffix) return replace([head, contPrefix + rest + p.suffix]);
  const next = lines[i + 1];
  const nextStart = starts[i + 1];
  if (next !== undefined && nextStart < c.end) {
    const np = lineParts(next, '/*');
    if (np && np.prefix === contPrefix && np.text !== '' && !STARTS_ITEM.test(np.text) && !/^\s/.test(np.text)) {
      return replace([head, `${contPrefix}${rest} ${np.text}${np.suffix}`], 2);
    }
  }
  return replace([head, contPrefix + rest]);
}

export function reflow(file, text) {
  let out = text;
  let from = 0;
  for (let guard = 0; guard < 10000; guard++) {
    const r = fixOne(file, out, from);
    if (!r) break;
    out = r.text;
    from = r.next;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const files = codeFiles(args.filter((a) => a !== '--check'));
  const changed = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const out = reflow(file, text);
    if (out === text) continue;
    changed.push(path.relative(ROOT, file));
    if (!check) fs.writeFileSync(file, out);
  }
  for (const f of changed) console.log(`${check ? 'would rewrap' : 'rewrapped'} comments: ${f}`);
  if (check && changed.length > 0) process.exit(1);
  if (changed.length === 0) console.log('comments: nothing to rewrap');
}
