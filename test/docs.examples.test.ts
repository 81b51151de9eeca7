/**
 * The manual against the tool: the ```console examples of README.md and docs/ are run through the real CLI
 * and must print what the page shows; every command and flag of docs/commands.md exists in the CLI's help;
 * every relative link leads to a file (and heading); the README stays a front page.
 *
 * A console block is run when its first line starts with `$ motcua-audit`. Each `$ motcua-audit …` line is one
 * CLI run; the lines under it, up to the next `$` line or the end of the block, are what it prints (standard
 * output then standard error, or the other way round). A trailing `# exit N` / `# mã thoát N` comment gives the
 * exit code it must end with (else 0). The blocks of one page run in order, in a fresh folder of their own
 * (holding `fixtures` as a link to the repository's fixtures, and the default database), with the clock fixed
 * and the time zone Vietnam's, so the output does not depend on the machine's TZ.
 *
 * MOTCUA_DOCS_UPDATE=1 rewrites the blocks' outputs from the CLI (after a deliberate change of the demo data).
 */
// Local times in the examples are Vietnam's, whatever TZ the suite runs under (Node applies TZ when it is set).
process.env.TZ = 'Asia/Ho_Chi_Minh';

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = path.join(ROOT, 'docs');
const UPDATE = process.env.MOTCUA_DOCS_UPDATE === '1';

const docPages = (): string[] =>
  fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(DOCS, f));
const allPages = (): string[] => [path.join(ROOT, 'README.md'), ...docPages()];

// ---------------------------------------------------------------- Markdown helpers

interface Fence {
  lang: string;
  /** Line index of the opening fence. */
  start: number;
  /** Line index of the closing fence. */
  end: number;
  body: string[];
}

/** Fenced code blocks of a page (``` or ````, with their info string). */
function fences(lines: string[]): Fence[] {
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(open[1])) j++;
    out.push({ lang: open[2], start: i, end: j, body: lines.slice(i + 1, j) });
    i = j;
  }
  return out;
}

/** Splits a command line as a POSIX shell would for plain words, "double" and 'single' quotes; drops a comment. */
function shellWords(line: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed quote in: ${line}`);
      cur += line.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return { words, comment: line.slice(i + 1).trim() };
}

interface Example {
  /** Line index of the `$` line. */
  line: number;
  args: string[];
  exitCode: number;
  /** Line indexes [from, to) of the shown output. */
  from: number;
  to: number;
  expected: string;
}

/** The runs of every console block of a page that starts with `$ motcua-audit`. */
function examples(lines: string[]): Example[] {
  const out: Example[] = [];
  for (const f of fences(lines)) {
    if (f.lang !== 'console' || !f.body[0]?.startsWith('$ motcua-audit')) continue;
    for (let k = 0; k < f.body.length; k++) {
      if (!f.body[k].startsWith('$ ')) continue;
      let m = k + 1;
      while (m < f.body.length && !f.body[m].startsWith('$ ')) m++;
      const { words, comment } = shellWords(f.body[k].slice(2));
      if (words[0] !== 'motcua-audit') throw new Error(`line ${f.start + k + 2}: only motcua-audit commands run here`);
      const code = /(?:exit|mã thoát)\s+(\d+)/.exec(comment);
      out.push({
        line: f.start + 1 + k,
        args: words.slice(1),
        exitCode: code ? Number(code[1]) : 0,
        from: f.start + 2 + k,
        to: f.start + 1 + m,
        expected: f.body.slice(k + 1, m).join('\n'),
      });
      k = m - 1;
    }
  }
  return out;
}

/** Only what must be normalised: trailing spaces and the run's own folder. */
function normalise(text: string, dir: string): string {
  return text
    .split(dir)
    .join('.')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** GitHub's heading anchors of a page. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const lines = text.split('\n');
  const inFence = new Set<number>();
  for (const f of fences(lines)) for (let i = f.start; i <= f.end; i++) inFence.add(i);
  lines.forEach((l, i) => {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l);
    if (!h || inFence.has(i)) return;
    const base = h[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  });
  return out;
}

/** Page text without its fenced blocks (links inside code are not links). */
function prose(text: string): string {
  const lines = text.split('\n');
  const drop = new Set<number>();
  for (const f of fences(lines)) for (let i = f.start; i <= f.end; i++) drop.add(i);
  return lines
    .filter((_, i) => !drop.has(i))
    .join('\n')
    .replace(/`[^`\n]*`/g, '');
}

// ---------------------------------------------------------------- the examples

describe('the console examples print what the docs show', () => {
  const pages = allPages().filter((p) => examples(fs.readFileSync(p, 'utf8').split('\n')).length > 0);

  it('the user guide has examples to check', () => {
    expect(pages.map((p) => path.relative(ROOT, p))).toContain(path.join('docs', 'huong-dan-su-dung.md'));
  });

  for (const page of pages) {
    it(path.relative(ROOT, page), async () => {
      const lines = fs.readFileSync(page, 'utf8').split('\n');
      const runs = examples(lines);
      const dir = tempDir('motcua-docs-');
      fs.symlinkSync(path.join(ROOT, 'fixtures'), path.join(dir, 'fixtures'), 'dir');
      const before = process.cwd();
      const problems: string[] = [];
      const wrongExit: string[] = [];
      const replacements: { from: number; to: number; text: string[] }[] = [];
      process.chdir(dir);
      try {
        for (const ex of runs) {
          const r = await cli(ex.args);
          const out = normalise(r.stdout, dir);
          const err = normalise(r.stderr, dir);
          const joined = [out, err].filter(Boolean).join('\n');
          const other = [err, out].filter(Boolean).join('\n');
          const where = `${path.relative(ROOT, page)}:${ex.line + 1} motcua-audit ${ex.args.join(' ')}`;
          if (r.code !== ex.exitCode) wrongExit.push(`${where}: exit ${r.code}, the page says ${ex.exitCode}\n${err}`);
          const expected = normalise(ex.expected, dir);
          if (expected !== joined && expected !== other) {
            problems.push(`${where}: prints\n${joined}\n--- the page shows\n${expected}`);
            replacements.push({ from: ex.from, to: ex.to, text: joined ? joined.split('\n') : [] });
          }
        }
      } finally {
        process.chdir(before);
      }
      if (UPDATE && replacements.length > 0) {
        const next = [...lines];
        for (const rep of replacements.sort((a, b) => b.from - a.from)) {
          next.splice(rep.from, rep.to - rep.from, ...rep.text);
        }
        fs.writeFileSync(page, next.join('\n'));
      }
      // An exit code is never rewritten: a command that now fails must be looked at by a person.
      expect(wrongExit, wrongExit.join('\n\n')).toEqual([]);
      if (!UPDATE) expect(problems, problems.join('\n\n')).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------- commands.md against --help

describe('docs/commands.md names only what the CLI has', () => {
  const text = fs.readFileSync(path.join(DOCS, 'commands.md'), 'utf8');

  /** The command paths of the command index: its rows' first cells, `units import FILE` → units import. */
  function indexedCommands(): { path: string[]; flags: string[] }[] {
    const start = text.indexOf('## Command index');
    const section = text.slice(start, text.indexOf('\n## ', start + 1));
    const out: { path: string[]; flags: string[] }[] = [];
    for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const cell = row.slice(1, row.indexOf(' | ', 2));
      for (const span of cell.match(/`[^`]+`/g) ?? []) {
        const words = span.slice(1, -1).split(' ');
        const cmd: string[] = [];
        for (const w of words) {
          if (!/^[a-z]+$/.test(w)) break;
          cmd.push(w);
        }
        out.push({ path: cmd, flags: span.match(/--[a-z][a-z-]*/g) ?? [] });
      }
    }
    return out;
  }

  it('every command of the index exists and has the flags it lists', async () => {
    const commands = indexedCommands();
    expect(commands.length).toBeGreaterThan(15);
    const problems: string[] = [];
    for (const c of commands) {
      const r = await cli([...c.path, '--help']);
      const usage = r.stdout.split('\n')[0];
      if (r.code !== 0 || !usage.includes(`motcua-audit ${c.path.join(' ')} `)) {
        problems.push(`${c.path.join(' ')}: no such command (${usage})`);
        continue;
      }
      for (const f of c.flags) if (!r.stdout.includes(f)) problems.push(`${c.path.join(' ')}: no flag ${f}`);
    }
    expect(problems).toEqual([]);
  });

  it('every flag the page names is a flag of some command', async () => {
    const helps: string[] = [(await cli(['--help'])).stdout];
    for (const c of indexedCommands()) helps.push((await cli([...c.path, '--help'])).stdout);
    const known = new Set(helps.join('\n').match(/--[a-z][a-z-]*/g));
    // Flags of other programs quoted by the page: LibreOffice's conversion command.
    const foreign = new Set(['--headless', '--convert-to']);
    const named = new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g));
    const unknown = [...named].filter((f) => !known.has(f) && !foreign.has(f));
    expect(unknown).toEqual([]);
  });

  it('every environment variable of the page is read by the code', () => {
    const src: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) src.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(ROOT, 'src'));
    const code = src.join('\n');
    const vars = new Set(text.match(/MOTCUA_AUDIT_[A-Z_]+/g));
    expect(vars.size).toBeGreaterThan(5);
    expect([...vars].filter((v) => !code.includes(v))).toEqual([]);
    // …and every one the code reads is documented.
    expect([...new Set(code.match(/MOTCUA_AUDIT_[A-Z_]+/g))].filter((v) => !vars.has(v))).toEqual([]);
  });
});

// ---------------------------------------------------------------- links and shape

describe('the manual holds together', () => {
  it('every relative link leads to a file, and to a heading of it', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const page of allPages()) {
      const body = prose(fs.readFileSync(page, 'utf8'));
      for (const m of body.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue;
        checked++;
        const [file, anchor] = target.split('#');
        const resolved = file ? path.resolve(path.dirname(page), decodeURIComponent(file)) : page;
        const where = `${path.relative(ROOT, page)}: (${target})`;
        if (!fs.existsSync(resolved)) {
          problems.push(`${where}: no such file`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith('.md')) {
          if (!anchors(fs.readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor)))
            problems.push(`${where}: no such heading`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('the README is a front page of at most 400 lines', () => {
    const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
    expect(lines.length).toBeLessThanOrEqual(400);
  });

  it('docs/ has at least five pages, the Vietnamese user guide among them', () => {
    const pages = docPages().map((p) => path.basename(p));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages).toContain('huong-dan-su-dung.md');
  });

  it('no commit hash in the manual', () => {
    for (const page of allPages()) {
      const hashes = prose(fs.readFileSync(page, 'utf8')).match(/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b/g);
      expect(hashes ?? [], path.relative(ROOT, page)).toEqual([]);
    }
  });
});
