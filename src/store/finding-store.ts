/**
 * The streamed report's findings on disk: a private temporary database (deleted when closed),
 * each finding stored with the integer ranks of the report order, read back in that order.
 */
import Database from 'better-sqlite3';

const KEY_COLUMNS = 'unit_rank, cat, file_rank, sheet_rank, row_no';
const STORED_COLUMNS = 'unit_rank, cat, file_rank, sheet_rank, row_no, code, rule, id, json';

/** A stored finding as read back: the five ranks, then system code, rule, id and the finding's JSON. */
export type StoredFindingRow = [number, number, number, number, number, string, string, string, string];

/** The findings of one report, in a temporary database. */
export class FindingStore {
  private readonly store: Database.Database;
  private readonly insertStmt: Database.Statement;

  constructor() {
    this.store = new Database('');
    try {
      this.store.pragma('journal_mode = OFF');
      this.store.pragma('synchronous = OFF');
      this.store.pragma('cache_size = -32000');
      this.store.exec(`CREATE TABLE findings (seq INTEGER PRIMARY KEY, unit_rank INTEGER NOT NULL, cat INTEGER NOT NULL, file_rank INTEGER NOT NULL,
                  sheet_rank INTEGER NOT NULL, row_no INTEGER NOT NULL, review INTEGER NOT NULL, code TEXT NOT NULL, rule TEXT NOT NULL,
                  id TEXT NOT NULL, json TEXT NOT NULL)`);
      this.insertStmt = this.store.prepare(
        `INSERT INTO findings(${KEY_COLUMNS}, review, code, rule, id, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
    } catch (e) {
      this.store.close();
      throw e;
    }
  }

  /** Stores one finding under its ranks. */
  insert(
    unitRank: number,
    cat: number,
    fileRank: number,
    sheetRank: number,
    rowNo: number,
    review: 0 | 1,
    code: string,
    rule: string,
    id: string,
    json: string,
  ): void {
    this.insertStmt.run(unitRank, cat, fileRank, sheetRank, rowNo, review, code, rule, id, json);
  }

  /** Runs `fn` in one transaction. */
  transaction(fn: () => void): void {
    this.store.transaction(fn)();
  }

  /** Indexes the two orders the writers read: the whole report, and one category at a time. */
  index(): void {
    this.store.exec(`CREATE INDEX findings_order ON findings(${KEY_COLUMNS}, seq)`);
    this.store.exec('CREATE INDEX findings_section ON findings(cat, unit_rank, file_rank, sheet_rank, row_no, seq)');
  }

  /** The readers of the stored findings in report order (after `index`): all, one category, the review ones. */
  readers(): {
    all(): IterableIterator<StoredFindingRow>;
    category(cat: number): IterableIterator<StoredFindingRow>;
    review(): IterableIterator<StoredFindingRow>;
  } {
    const all = this.store.prepare(`SELECT ${STORED_COLUMNS} FROM findings ORDER BY ${KEY_COLUMNS}, seq`).raw();
    const byCategory = this.store
      .prepare(
        `SELECT ${STORED_COLUMNS} FROM findings WHERE cat = ? ORDER BY cat, unit_rank, file_rank, sheet_rank, row_no, seq`,
      )
      .raw();
    const review = this.store
      .prepare(`SELECT ${STORED_COLUMNS} FROM findings WHERE review = 1 ORDER BY ${KEY_COLUMNS}, seq`)
      .raw();
    return {
      all: () => all.iterate() as IterableIterator<StoredFindingRow>,
      category: (cat) => byCategory.iterate(cat) as IterableIterator<StoredFindingRow>,
      review: () => review.iterate() as IterableIterator<StoredFindingRow>,
    };
  }

  /** Deletes the temporary database. */
  close(): void {
    this.store.close();
  }
}
