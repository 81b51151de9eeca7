/**
 * The files a run must consider: every file the config's patterns name, each with its kind,
 * unit and the config field that named it. A file named by two entries that disagree (system
 * and paper, or two units) is a config error; the same file named twice alike counts once.
 * Paper registers are taken oldest first (by modification time), so when two versions of a
 * register arrive together the newer one is imported last and is the one that stays.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditConfig } from '../config/audit-config.js';
import { configError } from '../config/audit-config.js';
import { expandPattern } from '../config/glob.js';
import type { SourceKind } from '../types.js';

/** One file to import. */
export interface RunInput {
  /** The config field that named it: "system[0]", "paper[2].path". */
  source: string;
  kind: SourceKind;
  /** Paper: the unit of the entry. */
  unit: string | null;
  /** Absolute path. */
  file: string;
}

/** The files of a run, and the patterns that named none. */
export interface CollectedInputs {
  inputs: RunInput[];
  empty: Array<{ source: string; pattern: string }>;
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Expands every pattern of the config (relative to its folder). */
export function collectInputs(config: AuditConfig): CollectedInputs {
  const entries: Array<{ source: string; kind: SourceKind; unit: string | null; pattern: string }> = [
    ...config.system.map((pattern, i) => ({ source: `system[${i}]`, kind: 'system' as const, unit: null, pattern })),
    ...config.paper.map((p, i) => ({
      source: `paper[${i}].path`,
      kind: 'paper' as const,
      unit: p.unit,
      pattern: p.path,
    })),
  ];
  const byFile = new Map<string, RunInput>();
  const empty: CollectedInputs['empty'] = [];
  for (const e of entries) {
    const files = expandPattern(config.dir, e.pattern);
    if (files.length === 0) empty.push({ source: e.source, pattern: e.pattern });
    for (const file of files) {
      const seen = byFile.get(file);
      if (!seen) {
        byFile.set(file, { source: e.source, kind: e.kind, unit: e.unit, file });
      } else if (seen.kind !== e.kind || seen.unit !== e.unit) {
        throw configError(config.file, e.source, {
          kind: 'also-matched',
          file: path.relative(config.dir, file),
          other: seen.source,
        });
      }
    }
  }
  const all = [...byFile.values()];
  const byPath = (a: RunInput, b: RunInput) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const system = all.filter((i) => i.kind === 'system').sort(byPath);
  const paper = all
    .filter((i) => i.kind === 'paper')
    .map((i) => ({ i, t: mtime(i.file) }))
    .sort((a, b) => a.t - b.t || byPath(a.i, b.i))
    .map((x) => x.i);
  return { inputs: [...system, ...paper], empty };
}

/** SHA-256 of a file's bytes, or null when it cannot be read (the import then says why). */
export function hashFile(file: string): string | null {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}
