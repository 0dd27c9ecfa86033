// Statement splitter: lexes the whole file once into a Tokens buffer and cuts it into statements at
// `;` (or the MySQL DELIMITER in force), psql meta-command lines, and around COPY … FROM stdin data.
import type { Dialect } from '../model.ts';
import { Lexer, T as Kind } from './lexer.ts';
import { Tokens } from './tokens.ts';
// A module-local alias of the token kinds: under per-file transpilers (tsx) an imported binding is a
// getter call on every use, which cost 4× on the lexer's hot loops.
const T = Kind;

export interface RawStatement {
  /** Token range [tokStart, tokEnd) without the terminator. */
  tokStart: number;
  tokEnd: number;
  start: number;
  end: number;
  /** For COPY … FROM stdin: the data lines' offsets [start, end) (without the closing `\.`). */
  copyData?: { start: number; end: number };
}

export interface Split {
  tokens: Tokens;
  statements: RawStatement[];
  /** Where splitting stopped: the text's length, or the cut it stopped at (see splitStatements' `minCut`). */
  end: number;
}

/**
 * Splits the text from offset `from` (a cut, or 0). With `minCut`, stops at the first cut at or after it.
 *
 * A cut is the start of the line after a statement's `;` when nothing but blanks follows the `;` on its line,
 * the lexer is at top level (no custom DELIMITER, not inside a MySQL `/*! … *\/`) and no COPY data follows.
 * The splitter's state there is its initial state, so splitting from a cut gives exactly the statements (tokens,
 * comments) that splitting the whole text gives after it; and whether an offset is a cut depends only on the
 * text before it. That is what lets the reader read a file in pieces and re-read one piece after an edit
 * (core/incremental/reader.ts).
 */
export function splitStatements(text: string, dialect: Dialect, from = 0, minCut = Infinity): Split {
  const lx = new Lexer(text, dialect, from);
  const tokens = new Tokens(text, dialect, Math.max(256, Math.min(text.length - from, minCut === Infinity ? text.length : 2 * (minCut - from)) >> 3));
  tokens.comments = lx.comments;
  const statements: RawStatement[] = [];
  let first = 0, end = text.length;
  const finish = (endTok: number) => {
    if (endTok > first) {
      statements.push({ tokStart: first, tokEnd: endTok, start: tokens.starts[first], end: tokens.ends[endTok - 1] });
    }
  };
  for (;;) {
    const k = lx.next();
    if (k === T.EOF) break;
    if (k === T.Meta) { finish(tokens.count); first = tokens.count; continue; }
    // A CREATE TABLE still being typed has no `;` yet: a statement keyword at the start of a line ends
    // it, so the tables below it are not swallowed while the user types.
    if (k === T.Word && lx.lineStart && tokens.count > first && startsStatement(text, lx.start, lx.end) && isCreateTable(tokens, first)) {
      finish(tokens.count);
      first = tokens.count;
    }
    // With a custom DELIMITER in force, `;` still ends statements other than routine bodies: dumps
    // often switch the delimiter once and never back (cacti.sql: `DELIMITER //` and no `//` after it).
    const isEnd = k === T.Delimiter || (k === T.Punct && text.charCodeAt(lx.start) === 59
      && (lx.delimiter === ';' || !isRoutine(tokens, first)));
    if (!isEnd) { tokens.push(k, lx.start, lx.end); continue; }
    const endTok = tokens.count;
    finish(endTok);
    first = tokens.count;
    if (endTok > 0 && isCopyFromStdin(tokens, statements[statements.length - 1], endTok)) {
      const st = statements[statements.length - 1];
      const dataStart = lineAfter(text, lx.end);
      const { dataEnd, resume } = copyDataEnd(text, dataStart);
      st.copyData = { start: dataStart, end: dataEnd };
      lx.pos = resume;
    } else if (minCut !== Infinity && lx.end < text.length && text.charCodeAt(lx.start) === 59 && lx.topLevel) {
      const cut = cutAfter(text, lx.end);
      if (cut >= minCut) { end = cut; break; }
    }
  }
  finish(tokens.count);
  tokens.unterminated = lx.unterminated;
  return { tokens, statements, end };
}

/** The start of the next line when only blanks follow `p` on its line and text follows; else -1. */
function cutAfter(text: string, p: number): number {
  for (let i = p; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1 < text.length ? i + 1 : -1;
    if (c !== 32 && c !== 9 && c !== 13) return -1;
  }
  return -1;
}

const NEXT_STATEMENT = /^(?:create\s+(?:(?:or\s+replace|temp|temporary|unique|unlogged|global|local)\s+)*(?:table|index|view|sequence|type|function|procedure|trigger|schema|extension|domain)\b|alter\s+table\b|insert\s+into\b|drop\s+(?:table|index|view)\b)/i;

function startsStatement(text: string, start: number, end: number): boolean {
  const w = end - start;
  if (w !== 6 && w !== 5 && w !== 4) return false; // create / insert, alter, drop
  return NEXT_STATEMENT.test(text.slice(start, Math.min(text.length, start + 80)));
}

function isCreateTable(t: Tokens, first: number): boolean {
  if (!t.is(first, 'create')) return false;
  for (let i = first + 1; i < t.count && i < first + 5; i++) if (t.is(i, 'table')) return true;
  return false;
}

const ROUTINE = new Set(['procedure', 'function', 'trigger', 'event']);

/** Does the statement starting at token `first` define a routine whose body holds `;`? */
function isRoutine(t: Tokens, first: number): boolean {
  if (!t.is(first, 'create')) return t.is(first, 'begin');
  for (let i = first + 1; i < t.count && i < first + 12; i++) if (ROUTINE.has(t.word(i))) return true;
  return false;
}

function isCopyFromStdin(t: Tokens, st: RawStatement | undefined, endTok: number): boolean {
  if (!st || st.tokEnd !== endTok || !t.is(st.tokStart, 'copy')) return false;
  for (let i = st.tokStart + 1; i + 1 < st.tokEnd; i++) {
    if (t.is(i, 'from') && t.is(i + 1, 'stdin')) return true;
  }
  return false;
}

function lineAfter(text: string, p: number): number {
  const nl = text.indexOf('\n', p);
  return nl < 0 ? text.length : nl + 1;
}

/** COPY data runs to a line that is exactly `\.`. */
function copyDataEnd(text: string, p: number): { dataEnd: number; resume: number } {
  let i = p;
  while (i < text.length) {
    if (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 46) {
      const after = text.charCodeAt(i + 2);
      if (Number.isNaN(after) || after === 10 || after === 13) return { dataEnd: i, resume: i + 2 };
    }
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  return { dataEnd: text.length, resume: text.length };
}
