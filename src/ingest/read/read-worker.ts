/**
 * The reader thread (see read-thread.ts): reads one file with the streaming readers and posts its
 * sheets and batches of raw rows to the main thread, never more than WINDOW batches ahead of it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  flattenRows,
  postError,
  WINDOW,
  type ReadSpec,
  type ReaderAck,
  type ReaderMessage,
  type ReaderWorkerData,
} from './read-thread.js';
import { openCsvStream, openXlsxStream, type StreamSource } from './stream-source.js';

const port = parentPort!;
const { format } = workerData as ReaderWorkerData;
// Loaded while the main thread checks the file, before it says what to read (read() imports it again).
if (format === 'xlsx') import('exceljs').catch(() => undefined);
let credit = WINDOW;
let stopped = false;
let wake: (() => void) | null = null;
/** Thrown into the reading loop when the main thread wants no more rows. */
const STOP = Symbol('stop');
port.on('message', (m: ReaderAck) => {
  if (typeof m === 'object') {
    if (!stopped) {
      read(m.spec).catch((e: unknown) => {
        if (e !== STOP) post({ t: 'error', error: postError(e) });
      });
    }
    return;
  }
  if (m === 'stop') {
    // No more rows wanted: the reading loop ends at its next batch, its readers are returned, and
    // with the port closed nothing keeps this thread alive, so it ends by itself (see read-thread.ts).
    stopped = true;
    port.close();
  } else credit++;
  const w = wake;
  wake = null;
  w?.();
});

const post = (m: ReaderMessage): void => {
  if (!stopped) port.postMessage(m);
};

async function send(m: ReaderMessage): Promise<void> {
  while (credit <= 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
  if (stopped) throw STOP;
  credit--;
  post(m);
}

async function read(spec: ReadSpec): Promise<void> {
  const source: StreamSource =
    spec.format === 'csv'
      ? await openCsvStream(spec.file, spec.displayName, spec.validUtf8)
      : openXlsxStream(
          spec.file,
          spec.displayName,
          spec.data ? Buffer.from(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength) : null,
          spec.rows,
        );
  for await (const sheet of source.sheets) {
    post({ t: 'sheet', name: sheet.name, hidden: sheet.hidden, date1904: Boolean(source.date1904) });
    for await (const rows of sheet.batches) {
      let fonts: Array<[number, Array<string | null>]> | null = null;
      if (sheet.fonts && sheet.fonts.size > 0) {
        // The fonts of this batch's rows go with it (the map holds no others: it is emptied per batch).
        fonts = [...sheet.fonts];
        sheet.fonts.clear();
      }
      await send({ t: 'batch', rows: flattenRows(rows), fonts, bytes: source.bytesRead() });
    }
    post({ t: 'sheet-end' });
  }
  post({ t: 'end', bytes: source.bytesRead() });
}

// The thread stays (its port open) until the main thread sends 'stop', once it has the end, an
// error, or no more use for the rows (or the file was never to be read): every message posted is
// delivered first.
