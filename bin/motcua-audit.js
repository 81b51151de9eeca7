#!/usr/bin/env node
// Entry point: only wiring. The CLI lives in dist/cli/main.js (built from src/ by `npm run build`).
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    process.stderr.write('motcua-audit: not built yet; run "npm run build" first\n');
    process.exit(70);
  }
  throw e;
}
process.exitCode = await main(process.argv);
