/**
 * .xls (Excel 97-2003) and .ods registers are read by converting them to .xlsx with LibreOffice
 * (`soffice --headless --convert-to xlsx`) when it is installed: no JavaScript reader of these
 * formats is both maintained and free of known advisories. Without LibreOffice the file is refused
 * with a message saying to save it as .xlsx.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuditError } from '../../errors.js';

/** The LibreOffice executable on the PATH (or MOTCUA_AUDIT_SOFFICE), or null. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.MOTCUA_AUDIT_SOFFICE !== undefined) return env.MOTCUA_AUDIT_SOFFICE === '' ? null : env.MOTCUA_AUDIT_SOFFICE;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Converts `file` (.xls or .ods) to .xlsx in a private temporary folder and returns the new path
 * and a clean-up function. Throws INGEST_UNSUPPORTED without LibreOffice, INGEST_UNREADABLE when
 * the conversion fails.
 */
export function convertToXlsx(file: string, displayName: string): { xlsx: string; cleanup: () => void } {
  const ext = path.extname(file).toLowerCase();
  const soffice = findSoffice();
  if (!soffice) {
    throw new AuditError(
      'INGEST_UNSUPPORTED',
      `${displayName}: ${ext} files need LibreOffice to be read; open it and save it as .xlsx`,
      { file: displayName, hint: 'save as .xlsx' },
      { ext },
    );
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-convert-'));
  const cleanup = () => fs.rmSync(work, { recursive: true, force: true });
  const input = path.join(work, `input${ext}`);
  fs.copyFileSync(file, input);
  const r = spawnSync(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx',
      '--outdir',
      work,
      input,
    ],
    { timeout: 120_000, encoding: 'utf8' },
  );
  const xlsx = path.join(work, 'input.xlsx');
  if (r.status !== 0 || !fs.existsSync(xlsx)) {
    cleanup();
    throw new AuditError(
      'INGEST_UNREADABLE',
      `${displayName}: LibreOffice could not convert this ${ext} file`,
      { file: displayName },
      { detail: (r.stderr || r.error?.message || '').split('\n')[0] },
    );
  }
  return { xlsx, cleanup };
}
