/** Runs the CLI in-process with captured output, a fixed clock and a temporary database. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fixed "now" for reproducible reports. */
export const FIXED_NOW = '2025-07-20T03:00:00.000Z';

/** Runs `motcua-audit ...args` in-process. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'motcua-audit', ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { MOTCUA_AUDIT_NOW: FIXED_NOW, ...env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

export { tempDir } from './temp-dirs.js';

/** Path of a bundled fixture. */
export function fixture(...parts: string[]): string {
  return path.join(fileURLToPath(new URL('../../fixtures', import.meta.url)), ...parts);
}

/**
 * The demo province's unit list, both system exports and five paper registers imported into `db` (one import step per
 * register, as the README shows).
 */
export async function importDemo(db: string): Promise<void> {
  const D = (...p: string[]) => fixture('demo', ...p);
  const steps: string[][] = [
    ['units', 'import', D('units.csv')],
    ['import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'), D('system', 'xuat-hs-6thang-2025.csv')],
    ['import', 'paper', D('paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx'), '--unit', 'Sở Tư pháp'],
    ['import', 'paper', D('paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu'],
    ['import', 'paper', D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx'), '--unit', 'UBND thị xã Trảng Bàng'],
    ['import', 'paper', D('paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'), '--unit', 'UBND xã Phước Thạnh'],
    ['import', 'paper', D('paper', 'so-tttt', 'so-theo-doi-2025.csv'), '--unit', 'Sở Thông tin và Truyền thông'],
  ];
  for (const s of steps) {
    const r = await cli(['--db', db, ...s]);
    if (r.code !== 0) throw new Error(`${s.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
}
