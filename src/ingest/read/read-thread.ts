/**
 * Reading a file on a second thread. Parsing a workbook (unzipping, XML, exceljs's row objects) or
 * decoding and splitting a CSV is as much work as everything import does with the rows after it:
 * on the 2-core machines units run, reading on a worker thread while the main thread normalises
 * and inserts the rows takes the import from the sum of the two towards the larger one.
 *
 * The worker (read-worker.ts) runs the very same streaming readers as the main thread would
 * (stream-source.ts) and posts their batches of raw rows; the main thread sees an ordinary
 * StreamSource. At most WINDOW batches are on their way at a time (the worker waits for the main
 * thread to take one before it reads on), so memory stays bounded by a few batches, whatever the
 * file. An error in the worker (an unreadable workbook, a broken CSV quote) reaches the main
 * thread as the same AuditError, with the worker's stack for --debug.
 *
 * Small files are read on the main thread (a worker's start-up costs more than it saves).
 * MOTCUA_AUDIT_READ_THREAD=always|never overrides the choice for `import` (tests run both paths).
 */
import { Worker } from 'node:worker_threads';
import { AuditError, type AuditErrorCode, type ErrorContext } from '../../errors.js';
import type { RawRow } from '../../types.js';
import type { StreamSheet, StreamSource } from './stream-source.js';
import { workerScriptPath } from '../../worker-script.js';

/** Files from this size up are read on a worker thread. */
export const THREAD_MIN_BYTES = 2 * 1024 * 1024;

/** Batches posted by the worker and not yet taken by the main thread, at most. */
export const WINDOW = 8;

/** What the worker is to read. */
export type ReadSpec =
  | { format: 'csv'; file: string; displayName: string; validUtf8: boolean }
  | { format: 'xlsx'; file: string; displayName: string; data: Uint8Array | null; rows?: number };

/** An error as it crosses from the worker. */
export interface PostedError {
  audit: boolean;
  name: string;
  message: string;
  stack?: string;
  code?: string;
  context?: ErrorContext;
  params?: Record<string, unknown>;
}

/** Messages from the worker, in order. */
export type ReaderMessage =
  | { t: 'sheet'; name: string | null; hidden: boolean; date1904: boolean }
  | { t: 'batch'; rows: FlatRows; fonts: Array<[number, Array<string | null>]> | null; bytes: number }
  | { t: 'sheet-end' }
  | { t: 'end'; bytes: number }
  | { t: 'error'; error: PostedError };

/**
 * A batch as it crosses: each row as its number, its cell count and its cells, one flat array (a
 * structured clone of one array of plain values costs about a third less than of a row object and
 * a cells array per row; the worker, which the copy slows, is the busier thread).
 */
export type FlatRows = Array<number | RawRow['cells'][number]>;

/** A batch made flat (worker side). */
export function flattenRows(rows: readonly RawRow[]): FlatRows {
  const out: FlatRows = [];
  for (const r of rows) {
    out.push(r.rowNumber, r.cells.length);
    for (const c of r.cells) out.push(c);
  }
  return out;
}

/** The rows of a flat batch (main side). */
export function unflattenRows(flat: FlatRows): RawRow[] {
  const rows: RawRow[] = [];
  for (let i = 0; i < flat.length; ) {
    const n = flat[i + 1] as number;
    rows.push({ rowNumber: flat[i] as number, cells: flat.slice(i + 2, i + 2 + n) as RawRow['cells'] });
    i += 2 + n;
  }
  return rows;
}

/** Messages to the worker: the file to read, a batch taken, or no more rows wanted (the worker then ends by itself). */
export type ReaderAck = { t: 'read'; spec: ReadSpec } | 'ack' | 'stop';

/** What a reader thread is started with: the kind of file it will read (its readers are loaded meanwhile). */
export interface ReaderWorkerData {
  format: ReadSpec['format'];
}

/**
 * How long a stopped worker is given to end by itself before it is terminated. Terminating a
 * thread interrupts its JavaScript wherever it is: in Node 20, caught between creating a zlib
 * stream and initialising it (which the workbook reader does for every part), the thread's
 * teardown aborts the whole process ("close before init" in node_zlib.cc). So the worker is asked
 * to stop, ends its reading loop at the next batch and exits on its own; terminate() is kept for a
 * thread that does not answer.
 */
export const STOP_GRACE_MS = 10_000;

/** An error made fit to post to the other thread. */
export function postError(e: unknown): PostedError {
  if (e instanceof AuditError) {
    return {
      audit: true,
      name: e.name,
      message: e.message,
      stack: e.stack,
      code: e.code,
      context: e.context,
      params: e.params,
    };
  }
  const err = e as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown } | null;
  return {
    audit: false,
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
    stack: typeof err?.stack === 'string' ? err.stack : undefined,
    code: typeof err?.code === 'string' ? err.code : undefined,
  };
}

/** The error again, on this side. */
export function revive(p: PostedError): Error {
  const e = p.audit
    ? new AuditError(p.code as AuditErrorCode, p.message, p.context ?? {}, p.params ?? {})
    : Object.assign(new Error(p.message), p.code !== undefined ? { code: p.code } : {});
  if (!p.audit) e.name = p.name;
  if (p.stack) e.stack = `${p.stack}\n    (on the reader thread)`;
  return e;
}

/** The compiled worker script, or null when none is at hand (sources run without a build). */
function workerScript(): string | null {
  return workerScriptPath('ingest/read/read-worker.js');
}

/** Where files are read: a worker thread for large files (auto), always, or never. */
export type ReadThreadSetting = 'auto' | 'always' | 'never';

/** The setting named by MOTCUA_AUDIT_READ_THREAD (anything else is auto). */
export function readThreadSetting(value: string | undefined): ReadThreadSetting {
  return value === 'always' || value === 'never' ? value : 'auto';
}

/** Whether a file of this size is read on a worker thread. */
export function readOnThread(size: number, setting: ReadThreadSetting = 'auto'): boolean {
  if (setting === 'never') return false;
  if (setting !== 'always' && size < THREAD_MIN_BYTES) return false;
  return workerScript() !== null;
}

let started = 0;
let running = 0;
let terminated = 0;

/** Reader threads started by this process so far (diagnostics and tests). */
export function readerThreadsStarted(): number {
  return started;
}

/** Reader threads started and not yet exited. */
export function readerThreadsRunning(): number {
  return running;
}

/** Reader threads that had to be terminated, not having ended by themselves when asked. */
export function readerThreadsTerminated(): number {
  return terminated;
}

/**
 * A reader thread: started as soon as a large file is known, so that the thread and its readers
 * (exceljs alone takes 0.35 s to load on a quiet machine) are ready while the main thread checks and
 * hashes the file; told what to read by `read`. Its messages are an awaitable queue.
 */
export class ReaderThread {
  private readonly worker: Worker;
  private readonly queue: ReaderMessage[] = [];
  private waiter: ((m: ReaderMessage) => void) | null = null;
  private finished = false;
  private stopping: Promise<void> | null = null;
  private readonly exited: Promise<void>;

  constructor(format: ReadSpec['format']) {
    const script = workerScript();
    if (script === null) throw new Error('reader thread script not built');
    this.worker = new Worker(script, { workerData: { format } satisfies ReaderWorkerData });
    started++;
    running++;
    const worker = this.worker;
    worker.on('message', (m: ReaderMessage) => this.put(m));
    // Only when the worker dies outside its own error handling (a crash, out of memory).
    worker.on('error', (e) => this.put({ t: 'error', error: postError(e) }));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        running--;
        if (!this.finished)
          this.put({ t: 'error', error: postError(new Error(`the reader thread stopped (exit code ${code})`)) });
        resolve();
      });
    });
  }

  /** Starts reading the file. */
  read(spec: ReadSpec): void {
    this.worker.postMessage({ t: 'read', spec } satisfies ReaderAck);
  }

  private put(m: ReaderMessage): void {
    if (this.finished) return;
    if (m.t === 'end' || m.t === 'error') this.finished = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(m);
    } else this.queue.push(m);
  }

  next(): Promise<ReaderMessage> {
    const m = this.queue.shift();
    if (m !== undefined) return Promise.resolve(m);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** The worker's batch was taken: it may read on. */
  ack(): void {
    this.worker.postMessage('ack' satisfies ReaderAck);
  }

  /** Asks the worker to stop and waits until it has ended (see STOP_GRACE_MS); again, the same wait. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.finished = true;
      this.worker.postMessage('stop' satisfies ReaderAck);
      const timer = setTimeout(() => {
        terminated++;
        void this.worker.terminate();
      }, STOP_GRACE_MS);
      try {
        await this.exited;
      } finally {
        clearTimeout(timer);
      }
    })();
    return this.stopping;
  }
}

/** A reader thread for a file of this format, started now (see ReaderThread). */
export function startReader(format: ReadSpec['format']): ReaderThread {
  return new ReaderThread(format);
}

/**
 * A source read on `reader`, a thread started ahead for this file (see ReaderThread). `base`
 * carries what is known before any row (format, encoding, separator); its own rows are never read.
 * The thread is stopped when the rows have been read or left, or by `close` if they never are.
 */
export function threadedSource(
  spec: ReadSpec,
  base: Pick<StreamSource, 'format' | 'encoding' | 'delimiter'>,
  reader: ReaderThread,
): StreamSource {
  let bytes = 0;
  let date1904 = false;
  return {
    format: base.format,
    encoding: base.encoding,
    delimiter: base.delimiter,
    bytesRead: () => bytes,
    get date1904() {
      return date1904;
    },
    close: () => reader.stop(),
    sheets: (async function* (): AsyncGenerator<StreamSheet> {
      // Told what to read when the rows are first read: a file found unchanged is never read.
      reader.read(spec);
      try {
        let m = await reader.next();
        for (;;) {
          if (m.t === 'end') {
            bytes = m.bytes;
            return;
          }
          if (m.t === 'error') throw revive(m.error);
          if (m.t !== 'sheet') throw new Error(`reader thread: unexpected message ${m.t}`);
          date1904 = m.date1904;
          const fonts = base.format === 'xlsx' ? new Map<number, Array<string | null>>() : undefined;
          let ended = false;
          const batches = async function* (): AsyncGenerator<RawRow[]> {
            for (;;) {
              const b = await reader.next();
              if (b.t === 'sheet-end') {
                ended = true;
                return;
              }
              if (b.t === 'error') throw revive(b.error);
              if (b.t !== 'batch') throw new Error(`reader thread: unexpected message ${b.t}`);
              reader.ack();
              bytes = b.bytes;
              if (fonts && b.fonts) for (const [row, f] of b.fonts) fonts.set(row, f);
              yield unflattenRows(b.rows);
            }
          };
          const sheet: StreamSheet = { name: m.name, hidden: m.hidden, fonts, batches: batches() };
          yield sheet;
          // Whatever the consumer left of this sheet, so that the next one can come.
          m = await reader.next();
          while (!ended && m.t === 'batch') {
            reader.ack();
            m = await reader.next();
          }
          if (!ended && m.t === 'sheet-end') m = await reader.next();
        }
      } finally {
        await reader.stop();
      }
    })(),
  };
}
