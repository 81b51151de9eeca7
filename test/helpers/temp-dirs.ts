/**
 * Temporary folders of the tests: each test file's are removed after it (test/helpers/setup.ts).
 * Kept apart from the CLI helper so that the setup file loads no source module (a test's vi.mock
 * of a source module must come before anything imports it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const madeDirs: string[] = [];

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'motcua-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** Removes every folder tempDir made (once per test file, after all its tests). */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
