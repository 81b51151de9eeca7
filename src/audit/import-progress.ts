/** Progress of one import, reported to an optional callback (the core never prints). */
import type { StreamSource } from '../ingest/read/stream-source.js';
import type { SourceKind } from '../types.js';

/** One progress report: rows read so far, and bytes of the file when known. */
export interface ImportProgress {
  phase: 'import';
  file: string;
  kind: SourceKind;
  rows: number;
  bytesRead: number;
  totalBytes: number | null;
  done: boolean;
}

/** Counts rows and calls `onProgress` at most every 100 ms, and once at the end. */
export class ProgressMeter {
  private count = 0;
  private last = 0;

  constructor(
    private readonly options: { file: string; kind: SourceKind; onProgress?: (e: ImportProgress) => void },
    private readonly source: StreamSource,
    private readonly totalBytes: number | null = null,
  ) {}

  private emit(done: boolean): void {
    this.options.onProgress?.({
      phase: 'import',
      file: this.options.file,
      kind: this.options.kind,
      rows: this.count,
      bytesRead: this.source.bytesRead(),
      totalBytes: this.totalBytes,
      done,
    });
  }

  /** Adds rows read. */
  rows(n: number): void {
    this.count += n;
    if (!this.options.onProgress) return;
    const now = Date.now();
    if (now - this.last >= 100) {
      this.last = now;
      this.emit(false);
    }
  }

  /** The file is read. */
  done(): void {
    this.emit(true);
  }
}
