// Findings and fixes: what rules return. Fixes are data (text edits), computed once by the rule;
// adapters (LSP, CLI) only translate them.
import type { Range, Span } from './model.ts';

export type RuleId =
  | 'list-column'
  | 'repeating-group'
  | 'fk-missing-index'
  | 'partial-dependency'
  | 'transitive-dependency'
  | 'bcnf-violation'
  | 'unreadable-statement'
  /** Not a rule: a rule threw on a table (the core reports it and runs the other rules and tables). */
  | 'internal-error';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type NormalForm = '1NF' | '2NF' | '3NF' | 'BCNF';

/**
 * How strong the evidence of a dependency finding is (DESIGN.md "Where dependencies come from"):
 * high = declared, a copy along the row's own FK path, or data showing the redundancy; medium = naming
 * with an identifier-shaped determinant; low = names from a bare word, a few rows, generic same-name copies.
 */
export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];
/** 0 = low … 2 = high, for comparing against `minConfidence`. */
export const confidenceRank = (c: Confidence) => CONFIDENCES.indexOf(c);

/** Where a dependency / finding comes from. */
export type EvidenceSource =
  | 'key'         // PRIMARY KEY / UNIQUE / @key
  | 'naming'      // dept_id -> dept_name
  | 'reference'   // copy of a referenced table's column
  | 'annotation'  // -- @fd
  | 'data'        // INSERT rows
  | 'name'        // list-column / repeating-group: the column name(s)
  | 'type'        // list-column: a string type
  | 'comment'     // list-column: an example value or "comma separated" in a comment
  | 'default'     // list-column: a DEFAULT value
  | 'rows'        // list-column: sample rows
  | 'foreign-key' // fk-missing-index
  | 'index'       // fk-missing-index: which indexes were considered
  | 'parser'      // unreadable-statement
  | 'internal';   // internal-error: the failing rule and its error

export interface Evidence {
  source: EvidenceSource;
  /** Human-readable: "PRIMARY KEY (experiment_id, metric_name)", "INSERT rows 2 and 5: rating 8 → hourly_wages 10". */
  detail: string;
  file?: string;
  span?: Span;
  range?: Range;
}

export interface TextEdit {
  file: string;
  span: Span;
  range: Range;
  newText: string;
  /** The edit creates `file` (e.g. a migration file beside the schema) with `newText`; span/range are 0. */
  createFile?: boolean;
}

export interface Fix {
  title: string;
  kind: 'quickfix' | 'refactor';
  edits: TextEdit[];
  /** The data migration (create, INSERT … SELECT, drop), in the file's dialect. */
  migration?: string;
  /** The data migration's way back (a migrations folder's down file), or why there is none. */
  down?: { down: string } | { none: string };
  isPreferred?: boolean;
  /** Set when the rewrite is refused: why (the title then reads "Cannot … because …" and edits are empty). */
  declined?: string;
}

export interface RelatedInfo { file: string; range: Range; message: string }

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  file: string;
  table: string;
  schema?: string;
  columns: string[];
  determinant?: string[];
  normalForm?: NormalForm;
  evidence: Evidence[];
  /** Strength of the evidence (dependency rules); findings weaker than `Options.minConfidence` are not reported. */
  confidence?: Confidence;
  span: Span;
  range: Range;
  related: RelatedInfo[];
  fixes: Fix[];
  /** Rewrites refused, each with why (the editor shows them disabled with the reason). */
  declinedFixes?: { title: string; reason: string }[];
}
