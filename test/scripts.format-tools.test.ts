// scripts/split-long-strings.mjs, scripts/reflow-comments.mjs and scripts/check-line-length.mjs (npm run format,
// npm run lint): they change literals and comments only, values stay the same, and a second run changes nothing.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a JavaScript module of the scripts folder, without types.
import { longLines } from '../scripts/check-line-length.mjs';
// @ts-expect-error: a JavaScript module of the scripts folder, without types.
import { reflow } from '../scripts/reflow-comments.mjs';
// @ts-expect-error: a JavaScript module of the scripts folder, without types.
import { splitLongStrings } from '../scripts/split-long-strings.mjs';

const words = (n: number, w = 'chữ') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
const value = (code: string): unknown => new Function('x', 'c', `return ${code};`)(7, true);
const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('split-long-strings', () => {
  const long = words(40);
  it.each([
    ['a string argument', `f('${long}')`, (t: string) => /^f\(('[^']*' \+ )+'[^']*'\)$/.test(t)],
    ['a template with substitutions', `f(\`${long} \${x} ${long} \${c ? 'a' : 'b'}\`)`, null],
    ['escapes are never cut', `f('${'\\u0003\\n\\\\\\x41 '.repeat(40)}')`, null],
    ['letters outside the BMP are never cut', `f('${'𝐀 '.repeat(80)}')`, null],
    ['a template inside a substitution', `f(\`${long} \${\`\${x} ${words(5)}\`} ${long}\`)`, null],
    ['a template that is one ? : between strings', `f(\`\${c ? '${long}' : 'b'}\`)`, null],
    ['an operand of ??', `f(null ?? '${long}')`, (t: string) => t.includes("?? ('")],
  ])('%s: the same value, shorter literals', (_name, expr, shape) => {
    const text = `${expr};\n`;
    const out = splitLongStrings('x.ts', text);
    expect(out).not.toBe(text);
    const [a, b] = [text, out].map((t) =>
      t
        .trim()
        .replace(/;$/, '')
        .replace(/^f\(/, '(')
        .replace(/^\((.*)\)$/s, '$1'),
    );
    expect(value(b!)).toEqual(value(a!));
    if (shape) expect(shape(out.trim().replace(/;$/, ''))).toBe(true);
  });

  it.each([
    ['an import path', `import x from '${words(40, 'p')}';`],
    ['a type', `type T = '${long}';`],
    ['a property name', `const o = { '${long}': 1 };`],
    ['a case label', `switch (x) { case '${long}': break; }`],
    ['a tagged template', `tag\`${long}\`;`],
    ['an as const operand', `const v = '${long}' as const;`],
    ['an enum member', `enum E { A = '${long}' }`],
    ['a directive', `'${long}';`],
    ['a regular expression', `const r = /${words(40, 'r')}/;`],
    ['a literal of one line that is not long', `f('${words(10)}');`],
    ['the SQL text of prepare (test/security.sql.test.ts wants one literal)', `db.prepare('${long}').run();`],
    ['a template written over several lines', `f(\`${long}\n${long}\`);`],
  ])('leaves %s as it is', (_name, code) => {
    expect(splitLongStrings('x.ts', `${code}\n`)).toBe(`${code}\n`);
  });
});

describe('reflow-comments', () => {
  const para = `  // ${words(30)}\n  // ${words(3, 'tiếp')}\n  const a = '// ${words(30)}';\n`;
  it('rewraps a // paragraph over 120 characters into the next line, code and strings untouched, idempotent', () => {
    const out = reflow('x.ts', para);
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('  // ')).every((l) => [...l].length <= 120)).toBe(true);
    expect(out.replace(/\n {2}\/\/ /g, ' ')).toBe(para.replace(/\n {2}\/\/ /g, ' '));
    expect(lines.at(-2)).toBe(`  const a = '// ${words(30)}';`);
    expect(reflow('x.ts', out)).toBe(out);
  });

  it('makes a one-line /** */ over 120 a block, and wraps its * lines', () => {
    const out = reflow('x.ts', `  /** ${words(40)} */\n  function f() {}\n`);
    expect(out.startsWith('  /**\n   * chữ0 ')).toBe(true);
    expect(out.endsWith('\n   */\n  function f() {}\n')).toBe(true);
    expect(widest(out)).toBeLessThanOrEqual(120);
    expect(out.replace(/\s*\n\s*\*\s*/g, ' ')).toContain(words(40));
    expect(reflow('x.ts', out)).toBe(out);
  });

  it('moves a comment after code onto its own line, and leaves a comment of one URL and template text alone', () => {
    const code = `const a = f(1, 2); // ${words(25)}\n`;
    expect(reflow('x.ts', code).split('\n')[0]).toMatch(/^\/\/ chữ0 /);
    expect(reflow('x.ts', code)).toContain('\nconst a = f(1, 2);\n');
    const url = `// https://example.org/${'a'.repeat(130)}\nconst t = \`\n// ${words(40)}\n\`;\n`;
    expect(reflow('x.ts', url)).toBe(url);
  });
});

describe('check-line-length', () => {
  it(
    'lists the lines over 120 characters, except one URL, ' + 'a regex, SQL text or the text of a multi-line template',
    () => {
      const text = [
        `const a = [${words(40)}];`,
        `// https://example.org/${'a'.repeat(130)}`,
        `const r =`,
        `  /^(${words(40).replace(/ /g, '|')})$/;`,
        'const t = `',
        words(40),
        '`;',
        `const s = '${words(40)}';`,
        `db.prepare('SELECT ${words(40)}').run();`,
      ].join('\n');
      expect(longLines('x.ts', text).map((l: { line: number }) => l.line)).toEqual([1, 8]);
    },
  );
});
