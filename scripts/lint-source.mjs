// Shared by scripts/reflow-comments.mjs, scripts/check-line-length.mjs and scripts/split-long-strings.mjs:
// the code files of the repository, and where their comments, strings and template literals are
// (from TypeScript's own parser, so a `//` inside a string or a template is never taken for a comment).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MAX_LINE = 120;

const CODE = /\.(ts|mts|cts|mjs|cjs|js)$/;
// Folders walked whole, folders of which only the files at the top count, single files.
const DEEP = ['src', 'test', 'scripts'];
const SHALLOW = ['fixtures', 'bin'];
const FILES = ['vitest.config.ts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'generated']);

function walk(dir, deep, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (deep && !SKIP_DIRS.has(e.name)) walk(p, deep, out);
    } else if (e.isFile() && CODE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
}

/** The code files (absolute paths), sorted; `args` (files or folders) narrows the list when given. */
export function codeFiles(args = []) {
  const out = [];
  if (args.length > 0) {
    for (const a of args) {
      const p = path.resolve(a);
      if (fs.statSync(p).isDirectory()) walk(p, true, out);
      else out.push(p);
    }
  } else {
    for (const d of DEEP) walk(path.join(ROOT, d), true, out);
    for (const d of SHALLOW) walk(path.join(ROOT, d), false, out);
    for (const f of FILES) if (fs.existsSync(path.join(ROOT, f))) out.push(path.join(ROOT, f));
  }
  return [...new Set(out)].sort();
}

export function parse(file, text) {
  const kind = /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/** Offsets at which each line starts. */
export function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Width of a line as people count it: code points (Vietnamese letters are one each once precomposed). */
export const width = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Every comment of the file: { pos, end, multi } (from the leading and trailing trivia of every token). */
export function comments(sf) {
  const text = sf.text;
  const seen = new Map();
  const add = (ranges) => {
    for (const r of ranges ?? []) {
      if (!seen.has(r.pos))
        seen.set(r.pos, { pos: r.pos, end: r.end, multi: r.kind === ts.SyntaxKind.MultiLineCommentTrivia });
    }
  };
  const visit = (node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(sf);
    if (children.length === 0) {
      add(ts.getLeadingCommentRanges(text, node.pos));
      add(ts.getTrailingCommentRanges(text, node.end));
    }
    for (const c of children) visit(c);
  };
  visit(sf);
  add(ts.getLeadingCommentRanges(text, sf.endOfFileToken.pos));
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/** String literals, template literals (with their substitutions) and regular expressions: { pos, end, node }. */
export function literals(sf) {
  const out = [];
  const visit = (node) => {
    const k = node.kind;
    if (
      k === ts.SyntaxKind.StringLiteral ||
      k === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      k === ts.SyntaxKind.TemplateExpression ||
      k === ts.SyntaxKind.RegularExpressionLiteral
    ) {
      out.push({ pos: node.getStart(sf), end: node.end, node });
      if (k !== ts.SyntaxKind.TemplateExpression) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.sort((a, b) => a.pos - b.pos);
}

/**
 * Whether `node` is the SQL text of a `.prepare(...)`, `.pragma(...)` or `.exec(...)` call: the house rule
 * (test/security.sql.test.ts) wants it one literal, so it is never split and may run past column 120.
 */
export function isSqlText(node) {
  const p = node.parent;
  if (!p || p.kind !== ts.SyntaxKind.CallExpression || p.arguments[0] !== node) return false;
  const callee = p.expression;
  return ts.isPropertyAccessExpression(callee) && ['prepare', 'pragma', 'exec'].includes(callee.name.text);
}

export { ts };
