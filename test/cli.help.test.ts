/** Help speaks the user's language, down to the extras commander appends to option descriptions. */
import { describe, expect, it } from 'vitest';
import { localizeOptionExtras } from '../src/cli/help-texts.js';
import { cli } from './helpers/cli.js';

describe('localizeOptionExtras', () => {
  it.each([
    ['ngôn ngữ (choices: "vi", "en", default: "vi")', 'vi', 'ngôn ngữ (chọn: "vi", "en", mặc định: "vi")'],
    ['không in thông tin (default: false)', 'vi', 'không in thông tin'],
    ['định dạng (default: "table")', 'vi', 'định dạng (mặc định: "table")'],
    ['quiet (default: false)', 'en', 'quiet'],
    ['format (default: "table")', 'en', 'format (default: "table")'],
    ['no extras at all', 'vi', 'no extras at all'],
    ['a (parenthesis) inside', 'vi', 'a (parenthesis) inside'],
  ] as const)('%s [%s]', (input, lang, expected) => {
    expect(localizeOptionExtras(input, lang)).toBe(expected);
  });
});

describe('help text', () => {
  it('Vietnamese help has no English commander extras', async () => {
    for (const args of [['--help'], ['report', '--help'], ['import', 'paper', '--help'], ['run', '--help']]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Tuỳ chọn:');
      expect(r.stdout).not.toMatch(/\((?:default|choices):/);
    }
  });
  it('English help keeps commander defaults', async () => {
    const r = await cli(['--lang', 'en', 'report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Options:');
    expect(r.stdout).toContain('(default: "table")');
  });
});
