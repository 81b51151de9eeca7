/**
 * SQL only through prepared statements: every SQL call in src/ (`prepare`, `exec` and `pragma`
 * on a database) is scanned, and any value spliced into its text (a template `${…}` or a `+`
 * concatenation) must be on the short list below, each a constant of the code, never a value
 * read from a file, an option or the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/**
 * file → spliced expressions allowed there, each with why it is safe. Besides these, a
 * SCREAMING_SNAKE constant declared in the same file as a literal without `${` (a constant SQL
 * fragment) is allowed.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  'store/db.ts': {
    'v + 1': 'an integer loop counter; PRAGMA user_version takes no parameter',
    detected:
      'a schema version found among our own migrations (an integer 1..SCHEMA_VERSION); PRAGMA user_version ' +
      'takes no parameter',
  },
  'store/units.ts': { table: 'a table name from a fixed list in the same function' },
  'store/unit-check.ts': { table: 'a table name from a fixed list in the same function' },
  'store/report-reads.ts': {
    LATEST_SYSTEM_SQL:
      'the constant SQL of store/row-reads.ts (a literal without ${ there), shared so both read the same latest state',
  },
  'store/match-store.ts': {
    LATEST_SYSTEM_SQL:
      'the same constant SQL of store/row-reads.ts, so review candidates show the same latest state as the report',
  },
  'store/import-writer.ts': {
    table: "a table name typed as the literal union 'paper_rows' | 'system_rows'",
    'i.name.replace(/"/g, \'""\')': 'an index name read from sqlite_master (our own schema), quoted as an identifier',
  },
};

/** True when `name` is a constant declared in `src` as a plain literal (no interpolation). */
function isConstantFragment(src: string, name: string): boolean {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) return false;
  const m = new RegExp(`const ${name}\\s*=\\s*(['"\`])`).exec(src);
  if (!m) return false;
  const start = m.index + m[0].length;
  const end = src.indexOf(m[1]!, start);
  return end > start && !src.slice(start, end).includes('${');
}

function sourceFiles(d: string): string[] {
  return fs
    .readdirSync(d, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : [],
    );
}

/** The text of the first argument of a call whose '(' is at `open`, honouring strings and templates. */
function firstArgument(src: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      else if (quote === '`' && ch === '$' && src[i + 1] === '{') {
        // Skip the template expression, tracking braces.
        let b = 0;
        for (i++; i < src.length; i++) {
          if (src[i] === '{') b++;
          else if (src[i] === '}' && --b === 0) break;
        }
      }
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return src.slice(open + 1, i);
    else if (ch === ',' && depth === 1) return src.slice(open + 1, i);
  }
  return src.slice(open + 1);
}

/** Every SQL call site: its file, line, the spliced expressions and whether it concatenates. */
function sqlCalls(): Array<{
  file: string;
  line: number;
  spliced: string[];
  concatenated: boolean;
  arg: string;
  src: string;
}> {
  const out: Array<{ file: string; line: number; spliced: string[]; concatenated: boolean; arg: string; src: string }> =
    [];
  // prepare/pragma on anything; exec only on a database handle (RegExp#exec is not SQL).
  const CALL = /(?:\.(prepare|pragma)|\b(?:db|this\.db|h|handle|database)\.(exec))\s*\(/g;
  for (const f of sourceFiles(SRC)) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(CALL)) {
      const open = m.index! + m[0].length - 1;
      const arg = firstArgument(src, open).trim();
      const spliced = [...arg.matchAll(/\$\{([^}]*)\}/g)].map((x) => x[1]!.trim());
      const concatenated = /['"`]\s*\+|\+\s*['"`]/.test(arg);
      out.push({
        file: path.relative(SRC, f).split(path.sep).join('/'),
        line: src.slice(0, m.index).split('\n').length,
        spliced,
        concatenated,
        arg,
        src,
      });
    }
  }
  return out;
}

describe('SQL only through prepared statements', () => {
  const calls = sqlCalls();

  it('finds the SQL of the store (the scan works)', () => {
    expect(calls.length).toBeGreaterThan(40);
    expect(calls.some((c) => c.file.startsWith('store/import') && c.arg.includes('INSERT INTO paper_rows'))).toBe(true);
  });

  it('no value is spliced into SQL text except the listed constants', () => {
    const offending = calls.flatMap((c) => [
      ...c.spliced
        .filter((e) => ALLOWED[c.file]?.[e] === undefined && !isConstantFragment(c.src, e))
        .map((e) => `${c.file}:${c.line}: \${${e}} — pass it as a ? parameter`),
      ...(c.concatenated ? [`${c.file}:${c.line}: SQL built with + — use one literal and ? parameters`] : []),
    ]);
    expect(offending).toEqual([]);
  });

  it('the allowed list has no stale entries', () => {
    for (const [file, exprs] of Object.entries(ALLOWED)) {
      for (const e of Object.keys(exprs))
        expect(
          calls.some((c) => c.file === file && c.spliced.includes(e)),
          `${file}: ${e}`,
        ).toBe(true);
    }
  });

  it('the scanner catches what it must', () => {
    // Guard against a scanner that silently finds nothing: feed it a bad call through the same functions.
    const bad = "db.prepare(`SELECT * FROM units WHERE name = '${name}'`).all(); db.prepare('SELECT ' + col).get();";
    const args = [...bad.matchAll(/\.prepare\s*\(/g)].map((m) => firstArgument(bad, m.index! + m[0].length - 1));
    expect(args[0]).toContain('${name}');
    expect(/['"`]\s*\+|\+\s*['"`]/.test(args[1]!)).toBe(true);
    expect(isConstantFragment('const FRAG = `SELECT 1`;', 'FRAG')).toBe(true);
    expect(isConstantFragment('const FRAG = `SELECT ${x}`;', 'FRAG')).toBe(false);
    expect(isConstantFragment('let FRAG = input;', 'FRAG')).toBe(false);
  });
});
