/**
 * Versioned schema migrations. Each entry moves the database from version i to i+1 and runs in
 * one transaction; `PRAGMA user_version` holds the version. Never edit a shipped migration:
 * append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: foundation
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
  CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    code TEXT UNIQUE,
    code_key TEXT UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    official INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX units_name_key ON units(name_key);
  CREATE TABLE unit_aliases (
    alias TEXT PRIMARY KEY,
    alias_key TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('official', 'learned'))
  );
  CREATE INDEX unit_aliases_key ON unit_aliases(alias_key);
  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('system', 'paper')),
    path TEXT NOT NULL,
    base_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    unit_id INTEGER REFERENCES units(id),
    as_of TEXT,
    as_of_source TEXT,
    coverage_from TEXT,
    coverage_to TEXT,
    rows_read INTEGER NOT NULL,
    rows_imported INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    details_json TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'replaced')),
    replaced_by INTEGER REFERENCES imports(id)
  );
  CREATE INDEX imports_sha ON imports(kind, sha256);
  CREATE INDEX imports_name ON imports(kind, unit_id, base_name);
  CREATE TABLE paper_rows (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    sheet TEXT,
    row_number INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    code TEXT,
    code_key TEXT,
    applicant TEXT,
    procedure TEXT,
    address TEXT,
    received_date TEXT,
    due_date TEXT,
    returned_date TEXT,
    returned_on_paper INTEGER NOT NULL,
    note TEXT,
    content_key TEXT NOT NULL,
    raw_json TEXT NOT NULL
  );
  CREATE INDEX paper_rows_import ON paper_rows(import_id);
  CREATE INDEX paper_rows_code ON paper_rows(code_key);
  CREATE INDEX paper_rows_unit ON paper_rows(unit_id, received_date);
  CREATE TABLE system_rows (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    sheet TEXT,
    row_number INTEGER NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    code TEXT NOT NULL,
    code_key TEXT NOT NULL,
    applicant TEXT,
    procedure TEXT,
    received_date TEXT,
    due_date TEXT,
    result_date TEXT,
    returned_date TEXT,
    status TEXT,
    as_of TEXT NOT NULL
  );
  CREATE INDEX system_rows_code ON system_rows(code_key, as_of, import_id);
  CREATE INDEX system_rows_import ON system_rows(import_id);
  CREATE TABLE dq_issues (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('system', 'paper')),
    row_id INTEGER,
    sheet TEXT,
    row_number INTEGER,
    column_name TEXT,
    rule TEXT NOT NULL,
    raw_value TEXT,
    unit_id INTEGER REFERENCES units(id)
  );
  CREATE INDEX dq_issues_import ON dq_issues(import_id);
  CREATE TABLE matches (
    paper_row_id INTEGER PRIMARY KEY REFERENCES paper_rows(id) ON DELETE CASCADE,
    system_code_key TEXT NOT NULL UNIQUE,
    method TEXT NOT NULL CHECK (method IN ('code', 'fuzzy', 'manual')),
    score REAL NOT NULL,
    reasons_json TEXT NOT NULL,
    matched_at TEXT NOT NULL
  );
  `,
  // runs: the record of each unattended `run` and a snapshot of its findings, for `runs list` and `diff`
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    exit_code INTEGER,
    pid INTEGER,
    hostname TEXT,
    config_path TEXT,
    report_dir TEXT,
    counts_json TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE run_findings (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL,
    category TEXT NOT NULL,
    unit TEXT NOT NULL,
    code TEXT,
    file TEXT,
    sheet TEXT,
    row_number INTEGER,
    PRIMARY KEY (run_id, finding_id)
  ) WITHOUT ROWID;
  `,
  // matching: review candidates of the last match, and the auditor's decisions (kept across re-imports: no FK to paper
  // rows)
  `
  CREATE TABLE review_candidates (
    paper_row_id INTEGER NOT NULL REFERENCES paper_rows(id) ON DELETE CASCADE,
    system_code_key TEXT NOT NULL,
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    reasons_json TEXT NOT NULL,
    PRIMARY KEY (paper_row_id, system_code_key)
  );
  CREATE INDEX review_candidates_system ON review_candidates(system_code_key);
  CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    content_key TEXT NOT NULL,
    base_name TEXT NOT NULL,
    sheet TEXT,
    row_number INTEGER,
    occurrence INTEGER NOT NULL DEFAULT 1,
    decision TEXT NOT NULL CHECK (decision IN ('match', 'no-match')),
    system_code TEXT,
    system_code_key TEXT,
    note TEXT,
    decided_at TEXT NOT NULL,
    UNIQUE (base_name, content_key, occurrence)
  );
  `,
  // match reasons stored once per distinct list: a province's ~900,000 links share a few hundred
  // lists, which written on every link were three quarters of the table (~250 MB at a million)
  `
  CREATE TABLE match_reasons (
    id INTEGER PRIMARY KEY,
    reasons_json TEXT NOT NULL UNIQUE
  );
  INSERT INTO match_reasons(reasons_json) SELECT reasons_json FROM matches GROUP BY reasons_json ORDER BY MIN(paper_row_id);
  CREATE TABLE matches_v4 (
    paper_row_id INTEGER PRIMARY KEY REFERENCES paper_rows(id) ON DELETE CASCADE,
    system_code_key TEXT NOT NULL UNIQUE,
    method TEXT NOT NULL CHECK (method IN ('code', 'fuzzy', 'manual')),
    score REAL NOT NULL,
    reasons_id INTEGER NOT NULL REFERENCES match_reasons(id),
    matched_at TEXT NOT NULL
  );
  INSERT INTO matches_v4(paper_row_id, system_code_key, method, score, reasons_id, matched_at)
    SELECT m.paper_row_id, m.system_code_key, m.method, m.score, r.id, m.matched_at
    FROM matches m JOIN match_reasons r ON r.reasons_json = m.reasons_json ORDER BY m.paper_row_id;
  DROP TABLE matches;
  ALTER TABLE matches_v4 RENAME TO matches;
  `,
  // undo: a register's replaced version keeps its rows here (same columns), so that removing the
  // version that replaced it (imports remove) restores it exactly; a decision records the code-tier
  // link it overrode (decide --force)
  `
  CREATE TABLE replaced_paper_rows AS SELECT * FROM paper_rows WHERE 0;
  CREATE INDEX replaced_paper_rows_import ON replaced_paper_rows(import_id);
  CREATE TABLE replaced_dq_issues AS SELECT * FROM dq_issues WHERE 0;
  CREATE INDEX replaced_dq_issues_import ON replaced_dq_issues(import_id);
  ALTER TABLE decisions ADD COLUMN overrode TEXT;
  `,
  // units over time: a unit's period of validity and the unit that took over from it (2025 reorganisation)
  `
  ALTER TABLE units ADD COLUMN valid_from TEXT;
  ALTER TABLE units ADD COLUMN valid_to TEXT;
  ALTER TABLE units ADD COLUMN successor_id INTEGER REFERENCES units(id);
  `,
  // rows and dossiers that are not one-to-one (src/match/shapes.ts): a register row's further codes
  // (space-separated code keys), its number of dossiers and resolving agency; the extra links that
  // let a dossier stand for several rows (transfer, resubmission) or a row for several dossiers (batch)
  `
  ALTER TABLE paper_rows ADD COLUMN extra_codes TEXT;
  ALTER TABLE paper_rows ADD COLUMN quantity INTEGER;
  ALTER TABLE paper_rows ADD COLUMN agency TEXT;
  ALTER TABLE replaced_paper_rows ADD COLUMN extra_codes TEXT;
  ALTER TABLE replaced_paper_rows ADD COLUMN quantity INTEGER;
  ALTER TABLE replaced_paper_rows ADD COLUMN agency TEXT;
  CREATE TABLE match_extra (
    paper_row_id INTEGER NOT NULL REFERENCES paper_rows(id) ON DELETE CASCADE,
    system_code_key TEXT NOT NULL,
    shape TEXT NOT NULL CHECK (shape IN ('transfer', 'resubmission', 'batch')),
    evidence TEXT NOT NULL,
    PRIMARY KEY (paper_row_id, system_code_key)
  );
  CREATE INDEX match_extra_system ON match_extra(system_code_key);
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
