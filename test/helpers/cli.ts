/** Runs the CLI in-process with captured output, a fixed clock and a temporary database. */
import fs from 'node:fs';
import os from 'node:os';
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

/** A fresh temporary folder, removed by the caller's afterAll/afterEach if wanted. */
export function tempDir(prefix = 'motcua-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Path of a bundled fixture. */
export function fixture(...parts: string[]): string {
  return path.join(fileURLToPath(new URL('../../fixtures', import.meta.url)), ...parts);
}
