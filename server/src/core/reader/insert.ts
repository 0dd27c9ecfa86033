// INSERT … VALUES rows and COPY … FROM stdin data, read by our own token reader (never by
// node-sql-parser: these bodies are most of a dump's bytes). Rows only feed dependency and list
// inference, so each table keeps at most ROW_CAP rows per file; the rest are counted in `rowsOmitted`.
import type { InsertRows, Value } from '../model.ts';
import { identValue, stringValue, T as Kind } from './lexer.ts';
import type { RawStatement } from './split.ts';
import { readQName, type Tokens } from './tokens.ts';
// A module-local alias of the token kinds: under per-file transpilers (tsx) an imported binding is a
// getter call on every use, which cost 4× on the lexer's hot loops.
const T = Kind;

export const ROW_CAP = 2000;

/** Rows kept so far per lower-cased table name, shared by the statements of one file. */
export type RowBudget = Map<string, number>;

export function readInsert(t: Tokens, st: RawStatement, file: string, budget: RowBudget): InsertRows | undefined {
  const end = st.tokEnd;
  let i = st.tokStart + 1;
  while (i < end && ['ignore', 'low_priority', 'delayed', 'high_priority', 'or', 'replace', 'abort', 'fail', 'rollback'].includes(t.word(i))) i++;
  if (t.is(i, 'into')) i++;
  const q = readQName(t, i, end);
  if (!q) return undefined;
  i = q.next;
  let columns: string[] | null = null;
  if (t.punct(i, '(')) {
    const close = t.close(i, end);
    columns = [];
    for (let j = i + 1; j < close; j++) { const n = t.name(j); if (n !== null) columns.push(n); }
    i = close + 1;
  }
  if (!t.is(i, 'values') && !t.is(i, 'value')) return undefined; // INSERT … SELECT / DEFAULT VALUES
  i++;
  const key = q.name.toLowerCase();
  let kept = budget.get(key) ?? 0;
  const out: InsertRows = { schema: q.schema, table: q.name, columns, rows: [], skippedRows: 0, span: { start: st.start, end: st.end }, file };
  let omitted = 0;
  while (i < end && t.punct(i, '(')) {
    if (kept >= ROW_CAP) { // count the remaining rows without reading them
      const close = t.close(i, end);
      omitted++;
      i = close + 1;
      if (t.punct(i, ',')) i++;
      continue;
    }
    const row: Value[] = [];
    let ok = true;
    let j = i + 1;
    for (;;) {
      if (j >= end) { ok = false; break; }
      if (t.punct(j, ')')) break;
      const v = readValue(t, j, end);
      if (v.next < 0) { ok = false; j = t.close(i, end); break; }
      row.push(v.value);
      j = v.next;
      if (t.punct(j, ',')) { j++; continue; }
      if (!t.punct(j, ')')) { ok = false; j = t.close(i, end); break; }
    }
    if (ok) { out.rows.push(row); kept++; } else out.skippedRows++;
    i = j + 1;
    if (t.punct(i, ',')) i++;
  }
  budget.set(key, kept);
  if (omitted) out.rowsOmitted = omitted;
  return out;
}

/** One literal value at i: string, number, NULL, TRUE/FALSE, with an optional sign or `::type` cast. next = -1 if not a literal. */
function readValue(t: Tokens, i: number, end: number): { value: Value; next: number } {
  let sign = 1;
  if (t.punct(i, '-') || t.punct(i, '+')) { if (t.punct(i, '-')) sign = -1; i++; }
  const k = t.kinds[i];
  let value: Value;
  if (k === T.String) {
    const c0 = t.text.charCodeAt(t.starts[i]) | 32;
    if (c0 === 120 || c0 === 98) return { value: null, next: -1 }; // X'…' / B'…' binary
    value = stringValue(t.raw(i), t.dialect);
  } else if (k === T.QIdent && t.text.charCodeAt(t.starts[i]) === 34 && (t.dialect === 'mysql' || t.dialect === 'mariadb')) {
    value = stringValue(t.raw(i), t.dialect); // "…" is a string in MySQL
  } else if (k === T.Number) {
    const raw = t.raw(i);
    const n = Number(raw);
    if (Number.isNaN(n)) return { value: null, next: -1 };
    value = sign * n;
  } else if (k === T.Word) {
    const w = t.word(i);
    if (w === 'null') value = null;
    else if (w === 'true') value = true;
    else if (w === 'false') value = false;
    else return { value: null, next: -1 };
  } else return { value: null, next: -1 };
  let next = i + 1;
  // 'x'::text, 'x'::character varying(20), '{a,b}'::text[]
  while (t.punct(next, ':') && t.punct(next + 1, ':')) {
    next += 2;
    while (next < end && (t.kinds[next] === T.Word || t.kinds[next] === T.QIdent)) next++;
    if (t.punct(next, '(')) next = t.close(next, end) + 1;
    while (t.punct(next, '[') && t.punct(next + 1, ']')) next += 2;
  }
  return { value, next };
}

/** COPY t (cols) FROM stdin; data: tab-separated, `\N` = NULL, backslash escapes. */
export function readCopy(t: Tokens, st: RawStatement, file: string, budget: RowBudget): InsertRows | undefined {
  if (!st.copyData) return undefined;
  const end = st.tokEnd;
  const q = readQName(t, st.tokStart + 1, end);
  if (!q) return undefined;
  let columns: string[] | null = null;
  if (t.punct(q.next, '(')) {
    const close = t.close(q.next, end);
    columns = [];
    for (let j = q.next + 1; j < close; j++) if (t.isName(j)) columns.push(identValue(t.raw(j)));
  }
  const key = q.name.toLowerCase();
  let kept = budget.get(key) ?? 0;
  const out: InsertRows = { schema: q.schema, table: q.name, columns, rows: [], skippedRows: 0, span: { start: st.start, end: st.copyData.end }, file };
  const text = t.text;
  let p = st.copyData.start;
  let omitted = 0;
  while (p < st.copyData.end) {
    let nl = text.indexOf('\n', p);
    if (nl < 0 || nl > st.copyData.end) nl = st.copyData.end;
    if (kept >= ROW_CAP) omitted++;
    else {
      const line = text.slice(p, nl).replace(/\r$/, '');
      out.rows.push(line.split('\t').map((f) => (f === '\\N' ? null : f.indexOf('\\') >= 0 ? unescapeCopy(f) : f)));
      kept++;
    }
    p = nl + 1;
  }
  budget.set(key, kept);
  if (omitted) out.rowsOmitted = omitted;
  return out;
}

const COPY_ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '\\': '\\' };
function unescapeCopy(f: string): string {
  return f.replace(/\\(.)/g, (_m, c: string) => COPY_ESC[c] ?? c);
}
