// Functional dependencies and per-table analysis results.
import type { Confidence, Evidence, NormalForm } from '../findings.ts';

export interface Dependency {
  determinant: string[];
  dependents: string[];
  /** Which sources support it: key, naming, reference, annotation, data. */
  sources: Evidence[];
  /** Set when every source is weak (e.g. names only): why, for the message. */
  caveat?: string;
  /** The strongest evidence among the sources (key-only dependencies: high). */
  confidence?: Confidence;
  /** Set when the table keeps values at the time of an event (history, order lines…): why, for the message. */
  snapshot?: string;
}

export interface TableAnalysis {
  candidateKeys: string[][];
  /** Every inferred (non-trivial) dependency, with its evidence. */
  dependencies: Dependency[];
  primeAttributes: string[];
  /** The highest normal form the table satisfies given the known dependencies ('UNF' when 1NF is broken). */
  normalForm: NormalForm | 'UNF';
  /** True when the candidate-key search was cut short by the size guard. */
  truncated?: boolean;
  /** Problems with declared dependencies, e.g. an `@fd` naming a column the table does not have. */
  notes?: string[];
}
