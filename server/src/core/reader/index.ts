// Entry point of the reader: text → FileModel. The text is read in pieces cut at statement boundaries by the
// core splitter (reader/split.ts), the same way for the CLI and the language server; the language server keeps
// the pieces between edits (core/incremental/reader.ts) so that an edit re-reads one piece.
import type { DialectSetting, FileModel } from '../model.ts';
import { computeLineStarts, positionAt } from '../positions.ts';
import { detectDialect } from './dialect.ts';
import { hashNotices, readRange, withNotices } from './statements.ts';
import { IncrementalReader } from '../incremental/reader.ts';

export { detectDialect } from './dialect.ts';

/** `detected`: the answer of detectDialect(text, dialect) when the caller has it already. */
export function readFile(text: string, file: string, dialect: DialectSetting = 'auto', detected = detectDialect(text, dialect)): FileModel {
  return new IncrementalReader().read(text, file, dialect, undefined, detected).model;
}

/**
 * The whole text in one piece: what reading in pieces must equal (the tests compare them). `detected`: as for
 * readFile.
 */
export function readWhole(text: string, file: string, dialect: DialectSetting = 'auto', detected = detectDialect(text, dialect)): FileModel {
  const r = readRange(text, file, detected, 0, Infinity, computeLineStarts(text));
  const notices = hashNotices(r.hashLines, r.firstHash, detected.dialect);
  return notices ? withNotices(r.model, notices) : r.model;
}

export { positionAt };
