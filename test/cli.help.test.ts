/** Help speaks the user's language, down to the extras commander appends to option descriptions. */
import { describe, expect, it } from 'vitest';
import { localizeOptionExtras } from '../src/i18n/index.js';
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
      expect(r.stdout).not.toContain('[options]');
    }
  });
  it('English help keeps commander defaults', async () => {
    const r = await cli(['--lang', 'en', 'report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Options:');
    expect(r.stdout).toContain('(default: "table")');
  });
});

describe("usage errors speak the user's language, one line", () => {
  it.each([
    [['report', '--bogus'], "không có tuỳ chọn '--bogus'", "unknown option '--bogus'"],
    [['reprt'], "không có lệnh 'reprt'", "unknown command 'reprt'"],
    [['import', 'paper'], "thiếu tham số bắt buộc 'files'", "missing required argument 'files'"],
    [['report', '--format'], 'cần một giá trị', 'argument missing'],
    [['run'], "thiếu tuỳ chọn bắt buộc '--config <file>'", "required option '--config <file>' not specified"],
    [['explain', 'a', 'b'], "thừa tham số cho lệnh 'explain' (cần 1, có 2)", 'too many arguments'],
    [['review', '--format', 'pdf'], '--format: chọn một trong table, csv', '--format: one of table, csv'],
    [['report', '--from', '32/13/2025'], '--from: không phải ngày: 32/13/2025', '--from: not a date: 32/13/2025'],
    [['report', '--fail-on', 'lots'], '--fail-on: cần dạng never-closed=N', '--fail-on: expected never-closed=N'],
    [['match', '--upper', 'abc'], '--upper: không phải số: abc', '--upper: not a number: abc'],
  ])('%j', async (args, vi, en) => {
    const v = await cli([...args]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(vi);
    expect(v.stderr).toMatch(/^lỗi: /);
    expect(v.stderr).not.toMatch(/\berror\b|\bexpected\b|\bunknown\b|\bmissing\b/);
    const e = await cli(['--lang', 'en', ...args]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(en);
  });
});
