/**
 * The reports folder of scheduled runs: one sub-folder per run, `YYYY-MM-DD_HHmmss-<run id>`
 * (local time of the run clock), whose files are created once and never overwritten; a stable
 * `latest.json` replaced atomically; and the retention of the newest `keep` run folders. Only
 * folders named like run folders are ever removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chunked, namedWriteError } from '../report/render/sink.js';

const RUN_FOLDER = /^(\d{4}-\d{2}-\d{2}_\d{6})-(\d+)(?:-(\d+))?$/;

/** The folder mode that goes with a file mode: search (x) wherever read (r) is allowed. */
export function dirModeOf(mode: number): number {
  return (mode | ((mode & 0o444) >> 2)) & 0o777;
}

/** `YYYY-MM-DD_HHmmss-<id>` in the machine's local time. */
export function runFolderName(at: Date, runId: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}_${p(at.getHours())}${p(at.getMinutes())}` +
    `${p(at.getSeconds())}-${runId}`
  );
}

/** Creates the run's folder (never reusing one: a clash gets "-2", "-3"…); returns its absolute path. */
export function createRunFolder(reportsDir: string, name: string, fileMode: number): string {
  const mode = dirModeOf(fileMode);
  fs.mkdirSync(reportsDir, { recursive: true, mode });
  for (let n = 1; ; n++) {
    const dir = path.join(reportsDir, n === 1 ? name : `${name}-${n}`);
    try {
      fs.mkdirSync(dir, { mode });
      fs.chmodSync(dir, mode);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw e;
    }
  }
}

/** What a run file holds: text, bytes, or a producer that writes the text piece by piece (a report of any size). */
export type FileContent = string | Buffer | ((write: (s: string) => void) => void);

/** Writes a new file with `mode`; fails if it exists (EEXIST): run outputs are never overwritten. */
export function writeNewFile(file: string, content: FileContent, mode: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    if (typeof content === 'function') {
      const sink = chunked((chunk) => {
        for (let at = 0; at < chunk.length; ) at += fs.writeSync(fd, chunk, at, chunk.length - at);
      });
      content(sink.write);
      sink.end();
    } else {
      fs.writeFileSync(fd, content);
    }
    fs.fchmodSync(fd, mode);
  } catch (e) {
    // A write error (ENOSPC) carries no path: name the file, so the run says which one failed.
    throw namedWriteError(e, file);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `file` atomically (write beside, then rename), so a reader never sees half of it. */
export function replaceFileAtomically(file: string, content: FileContent, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  writeNewFile(tmp, content, mode);
  fs.renameSync(tmp, file);
}

/** Run folders in `reportsDir`, newest first (by time stamp, then run id, then suffix). */
export function listRunFolders(reportsDir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(reportsDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const keyed = entries
    .filter((e) => e.isDirectory() && RUN_FOLDER.test(e.name))
    .map((e) => {
      const m = RUN_FOLDER.exec(e.name)!;
      return { name: e.name, stamp: m[1]!, id: Number(m[2]), n: Number(m[3] ?? 1) };
    });
  keyed.sort((a, b) => (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : b.id - a.id || b.n - a.n));
  return keyed.map((k) => k.name);
}

/** Removes all but the newest `keep` run folders; returns the names removed. */
export function pruneRunFolders(reportsDir: string, keep: number): string[] {
  const old = listRunFolders(reportsDir).slice(keep);
  for (const name of old) fs.rmSync(path.join(reportsDir, name), { recursive: true, force: true });
  return old;
}

/**
 * What a run killed while writing its reports leaves in `reportsDir`, removed: its run folder
 * (some files missing, one perhaps cut short, a `.part` file of the workbook being written)
 * and a `latest.json.<pid>.tmp`. A folder goes when it holds a `.part` file or when `interrupted`
 * says its run (the id in its name) never finished; folders of runs this database does not know
 * are left alone. Call under the run lock. Returns the names removed.
 */
export function removeIncompleteRunFolders(reportsDir: string, interrupted: (runId: number) => boolean): string[] {
  const removed: string[] = [];
  for (const name of listRunFolders(reportsDir)) {
    const dir = path.join(reportsDir, name);
    let part = false;
    try {
      part = fs.readdirSync(dir).some((f) => f.endsWith('.part'));
    } catch {
      continue;
    }
    if (!part && !interrupted(Number(RUN_FOLDER.exec(name)![2]))) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(name);
  }
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(reportsDir);
  } catch {
    return removed;
  }
  for (const name of entries.filter((n) => /^latest\.json\.\d+\.tmp$/.test(n))) {
    fs.rmSync(path.join(reportsDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
