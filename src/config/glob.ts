/**
 * A small, safe glob for the audit config: `*` (any run of characters within one name), `?` (one
 * character) and `**` (any number of folders), relative to the config folder and never outside
 * it. Node 20 has no fs.glob, and a dependency is not worth three wildcards.
 *
 * Safe means: no absolute patterns and no `..`; symbolic links to folders are not followed by
 * `**` (no loops); hidden entries (".x") are skipped unless the pattern names them; Excel's
 * owner files ("~$Book.xlsx", present while someone has the workbook open) are never matched;
 * the walk stops at a fixed depth and entry count. Names are compared in Unicode NFC, so a
 * folder copied from a Mac (NFD) still matches a pattern typed in NFC.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Why a pattern was refused. */
export type PatternProblem = 'empty' | 'absolute' | 'parent';

/** Deepest folder `**` descends into, below the fixed part of the pattern. */
export const MAX_GLOB_DEPTH = 32;
/** Most folder entries one pattern may look at. */
export const MAX_GLOB_ENTRIES = 200_000;

/** Checks that a pattern is relative and stays inside its base folder; null when fine. */
export function checkPattern(pattern: string): PatternProblem | null {
  if (pattern.trim() === '') return 'empty';
  if (path.isAbsolute(pattern) || path.win32.isAbsolute(pattern) || pattern.startsWith('~')) return 'absolute';
  if (splitPattern(pattern).includes('..')) return 'parent';
  return null;
}

function splitPattern(pattern: string): string[] {
  return pattern
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
}

/** A regular expression for one name segment ("*.xlsx", "so-?.csv"); other characters are literal. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (const ch of segment.normalize('NFC')) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

interface WalkState {
  seen: number;
  out: Set<string>;
}

function readDir(dir: string, state: WalkState): fs.Dirent[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  state.seen += entries.length;
  if (state.seen > MAX_GLOB_ENTRIES) throw new Error(`glob: more than ${MAX_GLOB_ENTRIES} entries under ${dir}`);
  return entries;
}

function isDir(full: string, entry: fs.Dirent, followLinks: boolean): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink() || !followLinks) return false;
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

function isFile(full: string, entry: fs.Dirent): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

function visible(name: string, segment: string): boolean {
  return !name.startsWith('.') || segment.startsWith('.');
}

function walk(dir: string, segments: readonly string[], i: number, depth: number, state: WalkState): void {
  const seg = segments[i]!;
  const last = i === segments.length - 1;
  if (seg === '**') {
    if (last) return; // "dir/**" names folders, not files: add "/*" to take the files
    walk(dir, segments, i + 1, depth, state);
    if (depth >= MAX_GLOB_DEPTH) return;
    for (const e of readDir(dir, state)) {
      const full = path.join(dir, e.name);
      if (e.name.startsWith('.') || !isDir(full, e, false)) continue;
      walk(full, segments, i, depth + 1, state);
    }
    return;
  }
  const re = segmentRegExp(seg);
  for (const e of readDir(dir, state)) {
    const name = e.name.normalize('NFC');
    if (!visible(name, seg) || !re.test(name)) continue;
    const full = path.join(dir, e.name);
    if (last) {
      if (!name.startsWith('~$') && isFile(full, e)) state.out.add(full);
    } else if (isDir(full, e, true)) {
      walk(full, segments, i + 1, depth, state);
    }
  }
}

/**
 * The files a pattern names under `baseDir`, as absolute paths sorted by code point. Throws a
 * plain Error for a refused pattern (the config layer checks patterns first and says why).
 */
export function expandPattern(baseDir: string, pattern: string): string[] {
  const problem = checkPattern(pattern);
  if (problem) throw new Error(`glob: refused pattern (${problem}): ${pattern}`);
  const segments = splitPattern(pattern);
  const state: WalkState = { seen: 0, out: new Set() };
  walk(path.resolve(baseDir), segments, 0, 0, state);
  return [...state.out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
