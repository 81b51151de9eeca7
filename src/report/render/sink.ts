/**
 * Text written to a file in large chunks as it is produced: created 0600 under a temporary name
 * beside the target and renamed when complete, so a failure never leaves half a report under the
 * wanted name and a report of any size is never one string in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Bytes gathered before one write. */
const CHUNK = 1 << 20;

/**
 * Encodes small pieces of text straight into a 1 MB buffer (UTF-8) and hands each full buffer on:
 * no joined string, no per-piece Buffer. `out` must use the bytes before it returns.
 */
export function chunked(out: (chunk: Buffer) => void): { write: (s: string) => void; end: () => void } {
  const buf = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = () => {
    if (used > 0) out(buf.subarray(0, used));
    used = 0;
  };
  return {
    write: (s) => {
      // At most 3 bytes per UTF-16 unit.
      if (used + s.length * 3 > CHUNK) flush();
      if (s.length * 3 > CHUNK) out(Buffer.from(s, 'utf8'));
      else used += buf.write(s, used, 'utf8');
    },
    end: flush,
  };
}

/**
 * Opens a new temporary file beside `file` to write it under: a name no one can guess
 * (pid + random), created exclusively (O_EXCL) without following a link (O_NOFOLLOW), mode 0600.
 * A symbolic link planted at the temporary name or at `file` is never written through: the
 * finished file is renamed over `file`, which replaces a link instead of following it. The folder
 * is made first unless `makeFolder` is false (then a missing folder fails with ENOENT).
 */
export function openPartFile(file: string, makeFolder = true): { part: string; fd: number } {
  if (makeFolder) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const part = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.part`,
  );
  const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(part, O_CREAT | O_EXCL | O_WRONLY | (O_NOFOLLOW ?? 0), 0o600);
  // Under any umask the file is the owner's only, before a byte of it is written.
  fs.fchmodSync(fd, 0o600);
  return { part, fd };
}

/**
 * A write error without a path (a full disk reports ENOSPC on the descriptor) named after the file
 * being written, so the command says which report failed and exits as for a disk error.
 */
export function namedWriteError(e: unknown, file: string): unknown {
  const err = e as { code?: unknown; path?: unknown } | null;
  if (err && typeof err === 'object' && typeof err.code === 'string' && typeof err.path !== 'string') {
    try {
      err.path = file;
    } catch {
      // a frozen error: leave it
    }
  }
  return e;
}

/**
 * Writes `file` (0600) from what `produce` writes, atomically: under a temporary name beside it
 * ({@link openPartFile}), renamed over it when complete. A failure (a full disk) removes the
 * temporary file and leaves an earlier `file` exactly as it was.
 */
export function writeTextFile(file: string, produce: (write: (s: string) => void) => void): void {
  writeAtomically(file, (fd) => {
    const sink = chunked((chunk) => {
      for (let at = 0; at < chunk.length; ) at += fs.writeSync(fd, chunk, at, chunk.length - at);
    });
    produce(sink.write);
    sink.end();
  });
}

/** Writes `content` to `file` (0600) as {@link writeTextFile} does: atomically, never through a link. */
export function writePrivateFileAtomically(file: string, content: string | Buffer): void {
  writeAtomically(file, (fd) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
  });
}

/** Runs `write` on a new temporary file beside `file`, then syncs and renames it over `file`; on failure removes it. */
function writeAtomically(file: string, write: (fd: number) => void): void {
  const { part, fd } = openPartFile(file);
  try {
    write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(part, file);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(part, { force: true });
    throw namedWriteError(e, file);
  }
}
