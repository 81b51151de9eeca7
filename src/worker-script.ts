/** Where a worker thread's compiled script is. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script `file` (relative to the build's root, e.g. `match/match-worker.js`), or null
 * when none is at hand: from the build, the script beside this module's; from the TypeScript sources
 * (tests), the build's copy, when there is one.
 */
export function workerScriptPath(file: string): string | null {
  for (const url of [new URL(`./${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url)]) {
    if (fs.existsSync(url)) return fileURLToPath(url);
  }
  return null;
}
