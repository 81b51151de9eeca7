/**
 * Text written to a file in large chunks as it is produced: created 0600 under a temporary name
 * beside the target and renamed when complete, so a failure never leaves half a report under the
 * wanted name and a report of any size is never one string in memory.
 */
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

/** Writes `file` (0600) from what `produce` writes, atomically (temporary name, then rename). */
export function writeTextFile(file: string, produce: (write: (s: string) => void) => void): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const part = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  const fd = fs.openSync(part, 'w', 0o600);
  try {
    const sink = chunked((chunk) => {
      for (let at = 0; at < chunk.length; ) at += fs.writeSync(fd, chunk, at, chunk.length - at);
    });
    produce(sink.write);
    sink.end();
    fs.closeSync(fd);
    fs.renameSync(part, file);
    fs.chmodSync(file, 0o600);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(part, { force: true });
    throw e;
  }
}
