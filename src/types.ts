/** Domain types shared by every stage. Plain data only. */

/** A column meaning recognised in a register or export header. */
export type Field =
  | 'seq'
  | 'code'
  | 'procedure'
  | 'quantity'
  | 'applicant'
  | 'address'
  | 'phone'
  | 'idNumber'
  | 'resolvingAgency'
  | 'unit'
  | 'receivedDate'
  | 'dueDate'
  | 'transferDate'
  | 'resultDate'
  | 'returnedDate'
  | 'signature'
  | 'status'
  | 'note'
  /** The person who handed the dossier in, when an owner (applicant) column is also there. */
  | 'submitter'
  /** Submission date (online often days before receipt): the receipt date only when no column gives it. */
  | 'submittedDate'
  /** The procedure's code (MaTTHC), not its name. */
  | 'procedureCode'
  /** An officer (người có trách nhiệm giải quyết, người ký): a person, never a date. */
  | 'person'
  /** How the dossier came in (KenhThucHien: 1 at the desk, 2 online, 3 by post). */
  | 'channel';

/** A raw cell value as read from a file: text, number, a date (UTC components = wall clock) or empty. */
export type CellValue = string | number | boolean | Date | null;

/** One physical row of a sheet, with its number as the user sees it in Excel (1-based) or the CSV line. */
export interface RawRow {
  rowNumber: number;
  cells: CellValue[];
  /** Raw text of cells converted from a legacy 8-bit font, by column (kept for provenance). */
  original?: Array<string | undefined>;
}

/** Source kind of an import. */
export type SourceKind = 'system' | 'paper';

/** Electronic state of a system dossier derived from its status label. */
export type SystemState = 'closed' | 'open' | 'unknown';

/** Per paper row (and system-only dossiers), after matching. */
export type Category =
  | 'not_in_system'
  | 'open_in_system'
  | 'needs_newer_export'
  | 'paper_open_system_closed'
  | 'in_progress'
  | 'closed'
  | 'system_only'
  | 'data_quality';

/** Why a row was not imported as a dossier. */
export type SkipReason = 'blank' | 'title' | 'header' | 'column-numbers' | 'subtotal' | 'footer';

/** How a paper row was linked to a system dossier. */
export type MatchMethod = 'code' | 'fuzzy' | 'manual';

/** One field's contribution to a match score. */
export interface MatchReason {
  field: string;
  agreement: string;
  weight: number;
}

/** A unit (department, district or commune People's Committee). */
export interface Unit {
  id: number;
  code: string | null;
  name: string;
  official: boolean;
}
