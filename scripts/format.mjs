#!/usr/bin/env node
// `npm run format`: Biome's formatter, then the two things it leaves as written, each followed by Biome again:
// string literals past column 120 (scripts/split-long-strings.mjs, repeated while it still finds one: a split can
// move a literal to a new line) and comments past column 120 (scripts/reflow-comments.mjs).
// Usage: node scripts/format.mjs [file|folder ...] (default: the whole tree of biome.jsonc).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { reflow } from './reflow-comments.mjs';
import { codeFiles, ROOT } from './lint-source.mjs';
import { splitLongStrings } from './split-long-strings.mjs';

const args = process.argv.slice(2);
const biome = path.join(ROOT, 'node_modules', '.bin', 'biome');
const format = (files) =>
  execFileSync(biome, ['format', '--write', '--no-errors-on-unmatched', ...files], { cwd: ROOT, stdio: 'inherit' });

/** Applies `fix` to every code file; the files it changed. */
function apply(fix, files) {
  const changed = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const out = fix(file, text);
    if (out !== text) {
      fs.writeFileSync(file, out);
      changed.push(file);
    }
  }
  return changed;
}

const started = Date.now();
format(args);
let files = codeFiles(args);
const split = new Set();
for (let round = 0; round < 6; round++) {
  const changed = apply(splitLongStrings, files);
  if (changed.length === 0) break;
  for (const f of changed) split.add(f);
  format(changed);
  files = changed;
}
const rewrapped = apply(reflow, codeFiles(args));
if (rewrapped.length > 0) format(rewrapped);
const rel = (f) => path.relative(ROOT, f);
for (const f of split) console.log(`long strings split: ${rel(f)}`);
for (const f of rewrapped) console.log(`comments rewrapped: ${rel(f)}`);
console.log(`format: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
