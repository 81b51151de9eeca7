/**
 * src/i18n: usage errors raised as a code with parameters and written once per language, commander's
 * own errors written by their code, and every command registered the same way (groups keep their
 * default subcommand).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAuditError } from '../src/errors.js';
import { commanderErrorText, formatError, usageError } from '../src/i18n/index.js';
import { cli, tempDir } from './helpers/cli.js';

describe('usage errors: a code and its parameters, one sentence per language', () => {
  it.each([
    [
      usageError('notADate', { option: '--from', value: '40/40/2025' }),
      '--from: không phải ngày: 40/40/2025 (viết NN/TT/NNNN)',
      '--from: not a date: 40/40/2025 (use DD/MM/YYYY)',
    ],
    [
      usageError('oneOf', { option: '--format', choices: 'table, csv', value: 'pdf' }),
      '--format: chọn một trong table, csv',
      '--format: one of table, csv',
    ],
    [
      usageError('fromAfterTo', { option: '--from', value: '01/06/2025', to: '01/01/2025' }),
      '--from 01/06/2025 sau --to 01/01/2025: khoảng thời gian rỗng; hãy đổi chỗ hai ngày',
      '--from 01/06/2025 is after --to 01/01/2025',
    ],
    [
      usageError('importId', { value: 'abc' }),
      'imports remove: cần mã một lần nhập (xem imports list), nhận được "abc"',
      'imports remove: expected an import id, got "abc"',
    ],
  ])('%#', (e, vi, en) => {
    expect(isAuditError(e) && e.code).toBe('USAGE');
    expect(e.message).toBe(en);
    expect(formatError(e, 'vi')).toBe(vi);
    expect(formatError(e, 'en')).toBe(en);
  });

  it('a value that looks like another usage sentence is not translated twice', () => {
    const e = usageError('notANumber', { option: '--upper', value: 'x: one of a, b' });
    expect(formatError(e, 'vi')).toBe('--upper: không phải số: x: one of a, b');
  });
});

describe("commander's errors, by their code", () => {
  it.each([
    [
      'commander.unknownOption',
      "error: unknown option '--formt'\n(Did you mean --format?)\n",
      "lỗi: không có tuỳ chọn '--formt'\n(Có phải ý bạn là --format?)\n",
    ],
    ['commander.missingArgument', "error: missing required argument 'file'\n", "lỗi: thiếu tham số bắt buộc 'file'\n"],
    [
      'commander.excessArguments',
      "error: too many arguments for 'list'. Expected 0 arguments but got 1.\n",
      "lỗi: thừa tham số cho lệnh 'list' (cần 0, có 1).\n",
    ],
    [
      'commander.invalidArgument',
      "error: option '--lang <lang>' argument 'xx' is invalid. Allowed choices are vi, en.\n",
      "lỗi: giá trị 'xx' của tuỳ chọn '--lang <lang>' không hợp lệ. Chọn một trong: vi, en.\n",
    ],
  ])('%s', (code, en, vi) => {
    expect(commanderErrorText(en, code, 'vi')).toBe(vi);
    expect(commanderErrorText(en, code, 'en')).toBe(en);
  });

  it('a sentence of one code is not rewritten by the pattern of another', () => {
    const text = "error: missing required argument 'x' (Did you mean y?)\n";
    expect(commanderErrorText(text, 'commander.missingArgument', 'vi')).toBe(
      "lỗi: thiếu tham số bắt buộc 'x' (Did you mean y?)\n",
    );
  });
});

describe('every command registered the same way', () => {
  it('command groups keep their default subcommand (list), and an extra word is an extra argument of it', async () => {
    const db = path.join(tempDir(), 'none.sqlite');
    for (const group of ['decisions', 'runs', 'imports']) {
      const r = await cli(['--db', db, group, 'foo']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("lỗi: thừa tham số cho lệnh 'list' (cần 0, có 1).\n");
    }
    const en = await cli(['--db', db, '--lang', 'en', 'runs', 'foo']);
    expect(en.stderr).toBe("error: too many arguments for 'list'. Expected 0 arguments but got 1.\n");
  });

  it('the help of every command is in the language asked for, whichever command is registered first', async () => {
    for (const [lang, usage, options] of [
      ['vi', 'Cách dùng:', 'Tuỳ chọn:'],
      ['en', 'Usage:', 'Options:'],
    ] as const) {
      for (const args of [
        ['match'],
        ['review'],
        ['decide'],
        ['explain'],
        ['decisions', 'list'],
        ['report'],
        ['run'],
        ['runs', 'list'],
        ['diff'],
        ['doctor'],
        ['imports', 'list'],
        ['units', 'alias'],
        ['inspect'],
        ['import', 'paper'],
      ]) {
        const r = await cli(['--lang', lang, ...args, '--help']);
        expect(r.code).toBe(0);
        expect(r.stdout.startsWith(usage)).toBe(true);
        expect(r.stdout).toContain(options);
      }
    }
    expect((await cli(['--lang', 'en', 'match', '--help'])).stdout).toContain(
      'match threshold: pairs scoring at least this are linked',
    );
    expect((await cli(['match', '--help'])).stdout).toContain(
      'ngưỡng khớp: cặp có điểm từ ngưỡng này trở lên được ghép',
    );
  });
});
