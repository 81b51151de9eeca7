#!/usr/bin/env node
// Fails, listing file:line, when a line of the code (src/, test/, scripts/, fixtures/*.mjs, bin/) is over 120
// characters. `npm run format` wraps code (Biome), comments (scripts/reflow-comments.mjs) and string literals
// (scripts/split-long-strings.mjs); what is left is for a person. Four kinds of line are allowed, no others:
//   - a line that is one URL (alone, or alone in a comment): a URL cannot be cut;
//   - a line inside a template literal written over several lines: its text is output as written (SQL, help);
//   - a line that is one regular expression literal (after `=`, `(` or alone): a regex cannot be cut either;
//   - a line past column 120 inside the SQL text of prepare/exec/pragma: the house rule wants SQL as one literal
//     with ? parameters (test/security.sql.test.ts), so it is not split.
// Usage: node scripts/check-line-length.mjs [file|folder ...]
import fs from 'node:fs';
import path from 'node:path';
import { codeFiles, isSqlText, lineStarts, literals, MAX_LINE, parse, ROOT, ts, width } from './lint-source.mjs';

const REGEX_LINE =
  /^(?:(?:const|let|var)\s+\w+\s*=\s*|\w+:\s*|return\s+)?\/(?![/*])(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\[])+\/[dgimsuyv]*[;,)]*$/;
const URL_LINE = /^(?:\/\/+|\/?\*+)?\s*<?https?:\/\/\S+?>?\s*(?:\*\/)?$/;

/**
 * Offsets allowed past column 120, as [start, end) pairs: multi-line template literals (their text is output as
 * written) and the SQL text of prepare/exec/pragma.
 */
function allowedRanges(sf) {
  const out = [];
  for (const l of literals(sf)) {
    const k = l.node.kind;
    const template = k === ts.SyntaxKind.NoSubstitutionTemplateLiteral || k === ts.SyntaxKind.TemplateExpression;
    if ((template && sf.text.slice(l.pos, l.end).includes('\n')) || isSqlText(l.node)) out.push([l.pos, l.end]);
  }
  return out;
}

/** Offset of the code point `n` of the line starting at `start`. */
function offsetOfCodePoint(text, start, n) {
  let i = start;
  for (let k = 0; k < n && i < text.length; k++) i += text.codePointAt(i) > 0xffff ? 2 : 1;
  return i;
}

export function longLines(file, text = fs.readFileSync(file, 'utf8')) {
  const lines = text.split('\n');
  const long = [];
  for (let i = 0; i < lines.length; i++) if (width(lines[i]) > MAX_LINE) long.push(i);
  if (long.length === 0) return [];
  const starts = lineStarts(text);
  const allowed = allowedRanges(parse(file, text));
  const out = [];
  for (const i of long) {
    const line = lines[i];
    if (URL_LINE.test(line.trim()) || REGEX_LINE.test(line.trim())) continue;
    const over = offsetOfCodePoint(text, starts[i], MAX_LINE);
    const end = starts[i] + line.length;
    if (allowed.some(([a, b]) => a < over && (over < b || /^[,;)\]]*$/.test(text.slice(b, end))))) continue;
    out.push({ line: i + 1, width: width(line) });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let count = 0;
  for (const file of codeFiles(process.argv.slice(2))) {
    for (const l of longLines(file)) {
      console.log(`${path.relative(ROOT, file)}:${l.line}: ${l.width} characters (max ${MAX_LINE})`);
      count++;
    }
  }
  if (count > 0) {
    console.log(
      `${count} line(s) over ${MAX_LINE} characters: npm run format wraps code, comments and strings; the rest ` +
        `by hand.`,
    );
    process.exit(1);
  }
  console.log(`line length: no line over ${MAX_LINE} characters`);
}
