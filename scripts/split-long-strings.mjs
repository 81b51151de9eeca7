#!/usr/bin/env node
// Splits string and template literals that run past column 120 into a concatenation of shorter literals of the
// same value ('a b' -> 'a ' + 'b'; `a ${x} b` -> `a ${x} ` + `b`), then lets Biome lay the concatenation out.
// Biome's formatter never cuts a literal; this does it only where the value and its type stay the same:
//   - literals written on one line, in an expression (never an import path, a type, a property name, a directive,
//     a tagged template, an `as const` operand, a literal of a `case`, nor the SQL text of prepare/exec/pragma,
//     which test/security.sql.test.ts wants as one literal), cut between characters of their own text
//     (never inside an escape sequence or a `${...}`), preferably after a space;
//   - a `${c ? 'a' : 'b'}` of a template becomes `+ (c ? 'a' : 'b') +` (Biome breaks that, never a `${...}`), and
//     nothing inside a `${...}` is split;
//   - the literal is wrapped in parentheses unless it stands where a `+` needs none (an argument, an element, an
//     initializer, a returned value, a branch of `? :`, an operand of `+`).
// Idempotent: run after `biome format --write` by `npm run format`; a second run changes nothing.
// Usage: node scripts/split-long-strings.mjs [--check] [file|folder ...]
import fs from 'node:fs';
import path from 'node:path';
import { codeFiles, isSqlText, lineStarts, literals, MAX_LINE, parse, ROOT, ts, width } from './lint-source.mjs';

const K = ts.SyntaxKind;
const SHORTEST_PIECE = 20;

/** Whether `node` (a literal) may become `a + b` (or `(a + b)` when `paren` is returned). */
function placement(node) {
  const p = node.parent;
  if (!p) return null;
  switch (p.kind) {
    case K.CallExpression:
    case K.NewExpression: {
      if (p.expression === node) return null;
      const callee = p.expression;
      if (callee.kind === K.ImportKeyword || isSqlText(node)) return null;
      if (ts.isIdentifier(callee) && callee.text === 'require') return null;
      return 'bare';
    }
    case K.ArrayLiteralExpression:
    case K.ReturnStatement:
    case K.ParenthesizedExpression:
    case K.TemplateSpan:
      return 'bare';
    case K.VariableDeclaration:
    case K.PropertyDeclaration:
      return p.initializer === node ? 'bare' : null;
    case K.PropertyAssignment:
      return p.initializer === node ? 'bare' : null;
    case K.ArrowFunction:
      return p.body === node ? 'bare' : null;
    case K.ConditionalExpression:
      return p.whenTrue === node || p.whenFalse === node ? 'bare' : null;
    case K.BinaryExpression: {
      const op = p.operatorToken.kind;
      if (op === K.PlusToken) return 'bare';
      if (op === K.EqualsToken || op === K.PlusEqualsToken) return p.right === node ? 'bare' : null;
      if (op === K.QuestionQuestionToken || op === K.BarBarToken || op === K.AmpersandAmpersandToken) return 'paren';
      return null;
    }
    default:
      return null;
  }
}

/**
 * The pieces of a literal's source, each one atomic: a character (or an escape sequence) of its text, or a whole
 * `${...}` of a template. `{ s, text }`: `text` false for a substitution (never cut next to inside it).
 */
function atoms(src, node) {
  const quote = src[0];
  const out = [];
  let i = 1;
  const end = src.length - 1;
  const template = node.kind !== K.StringLiteral;
  while (i < end) {
    const c = src[i];
    if (c === '\\') {
      let j = i + 2;
      const e = src[i + 1];
      if (e === 'u' && src[i + 2] === '{') j = src.indexOf('}', i) + 1;
      else if (e === 'u') j = i + 6;
      else if (e === 'x') j = i + 4;
      else if (e === '\r' && src[i + 2] === '\n') j = i + 3;
      else if (e.codePointAt(0) > 0xffff) j = i + 3;
      out.push({ s: src.slice(i, j), text: true });
      i = j;
    } else if (template && c === '$' && src[i + 1] === '{') {
      const j = matchBrace(src, i + 1);
      out.push({ s: src.slice(i, j + 1), text: false });
      i = j + 1;
    } else {
      const n = c.codePointAt(0) > 0xffff ? 2 : 1;
      out.push({ s: src.slice(i, i + n), text: true });
      i += n;
    }
  }
  return { quote, out };
}

/** The index of the `}` closing the `{` at `open` in a template's source (strings and nested templates skipped). */
function matchBrace(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"') {
      for (i++; src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '`') {
      for (i++; src[i] !== '`'; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '$' && src[i + 1] === '{') i = matchBrace(src, i + 1);
      }
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced ${ in a template literal');
}

/** Cuts the atoms into pieces of at most `room` characters (quotes included), after a space where one fits. */
function cut(list, room) {
  const pieces = [];
  let start = 0;
  while (start < list.length) {
    let w = 2;
    let end = start;
    let lastSpace = -1;
    while (end < list.length && (w + width(list[end].s) <= room || end === start)) {
      w += width(list[end].s);
      if (list[end].text && list[end].s === ' ' && end + 1 < list.length && list[end + 1].text) lastSpace = end + 1;
      end++;
    }
    // Prefer a cut after a space; else as far as the room goes (any boundary between two atoms is one).
    if (end < list.length && lastSpace > start && lastSpace - start >= SHORTEST_PIECE) end = lastSpace;
    pieces.push(list.slice(start, end));
    start = end;
  }
  return pieces;
}

const isStringLiteral = (n) =>
  n.kind === K.StringLiteral || n.kind === K.NoSubstitutionTemplateLiteral || n.kind === K.TemplateExpression;

/**
 * A template with a `${c ? 'a' : 'b'}` (a `? :` between two string literals) over 40 characters:
 * `head${c ? 'a' : 'b'}tail` -> `head` + (c ? 'a' : 'b') + `tail`, the same string, which Biome can break over lines
 * (it never breaks inside a `${...}`). Null for any other literal.
 */
function unwrap(node, text) {
  if (node.kind !== K.TemplateExpression) return null;
  const parts = [];
  let pending = text.slice(node.head.getStart(), node.head.end).slice(0, -2); // the head without its `${`
  let done = false;
  for (const span of node.templateSpans) {
    const e = span.expression;
    const lit = text.slice(span.literal.getStart(), span.literal.end);
    const exprText = text.slice(e.getStart(), e.end);
    if (
      e.kind === K.ConditionalExpression &&
      isStringLiteral(e.whenTrue) &&
      isStringLiteral(e.whenFalse) &&
      width(exprText) > 2 * SHORTEST_PIECE
    ) {
      if (pending !== '`') parts.push(`${pending}\``);
      parts.push(`(${exprText})`);
      pending = `\`${lit.slice(1)}`; // the text after the `}` (a `}...${` or `}...\``), reopened with a backquote
      if (pending.endsWith('${')) pending = pending.slice(0, -2);
      else pending = pending.slice(0, -1);
      done = true;
    } else pending += `\${${exprText}}${lit.slice(1, lit.endsWith('${') ? -2 : -1)}`;
  }
  if (!done) return null;
  if (pending !== '`') parts.push(`${pending}\``);
  return parts.length === 1 ? parts[0] : parts.join(' + ');
}

/** Whether `node` lies in a `${...}` of a template: Biome never breaks there, so no cut there helps. */
function inSubstitution(node) {
  for (let p = node.parent; p && !ts.isStatement(p); p = p.parent) if (p.kind === K.TemplateSpan) return true;
  return false;
}

/** One pass over a file: the new text, or the same text when nothing was split. */
export function splitLongStrings(file, text) {
  const lines = text.split('\n');
  const starts = lineStarts(text);
  const longLines = [];
  for (let i = 0; i < lines.length; i++) if (width(lines[i]) > MAX_LINE) longLines.push(i);
  if (longLines.length === 0) return text;
  const sf = parse(file, text);
  const edits = [];
  const taken = [];
  const all = literals(sf);
  for (const i of longLines) {
    const line = lines[i];
    const a = starts[i];
    const b = a + line.length;
    const indent = /^\s*/.exec(line)[0].length;
    const room = Math.max(MAX_LINE - indent - 8, 2 * SHORTEST_PIECE);
    // The widest literal of the line that can be split (one per line and pass: Biome lays it out, then again).
    let best = null;
    for (const l of all) {
      if (l.pos < a || l.end > b || l.node.kind === K.RegularExpressionLiteral) continue;
      const src = text.slice(l.pos, l.end);
      if (width(src) < 2 * SHORTEST_PIECE || (best && width(src) <= best.width)) continue;
      if (taken.some(([x, y]) => x < l.end && l.pos < y) || inSubstitution(l.node)) continue;
      const how = placement(l.node);
      if (!how) continue;
      const unwrapped = unwrap(l.node, text);
      if (unwrapped) {
        best = { pos: l.pos, end: l.end, width: width(src), text: how === 'paren' ? `(${unwrapped})` : unwrapped };
        continue;
      }
      const { quote, out } = atoms(src, l.node);
      let pieces = cut(out, room);
      // A literal that fits the room on a line too long for other reasons: cut in two halves.
      if (pieces.length < 2) pieces = cut(out, Math.max(Math.ceil(width(src) / 2) + 1, SHORTEST_PIECE));
      if (pieces.length < 2) continue;
      // A first piece of a few characters before a long `${...}`: cut inside the substitution's literals instead.
      if (width(pieces[0].map((x) => x.s).join('')) < 8) continue;
      const joined = pieces.map((p) => quote + p.map((x) => x.s).join('') + quote).join(' + ');
      best = { pos: l.pos, end: l.end, width: width(src), text: how === 'paren' ? `(${joined})` : joined };
    }
    if (best) {
      edits.push(best);
      taken.push([best.pos, best.end]);
    }
  }
  if (edits.length === 0) return text;
  edits.sort((x, y) => y.pos - x.pos);
  let out = text;
  for (const e of edits) out = out.slice(0, e.pos) + e.text + out.slice(e.end);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const changed = [];
  for (const file of codeFiles(args.filter((a) => a !== '--check'))) {
    const text = fs.readFileSync(file, 'utf8');
    const out = splitLongStrings(file, text);
    if (out === text) continue;
    changed.push(path.relative(ROOT, file));
    if (!check) fs.writeFileSync(file, out);
  }
  for (const f of changed) console.log(`${check ? 'would split' : 'split'} long strings: ${f}`);
  if (check && changed.length > 0) process.exit(1);
  if (changed.length === 0) console.log('strings: nothing to split');
}
