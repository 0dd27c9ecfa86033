// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING m] (parts)
// [INCLUDE (cols)] [WITH (…)] [WHERE predicate]; MySQL FULLTEXT/SPATIAL; unnamed `CREATE INDEX ON t (…)`.
import type { Index } from '../model.ts';
import { names, readKeyParts } from './elements.ts';
import type { RawStatement } from './split.ts';
import { readQName, type Tokens } from './tokens.ts';

/** Token index of INDEX when the statement is CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX, else -1. */
export function createIndexWord(t: Tokens, st: RawStatement): number {
  if (!t.is(st.tokStart, 'create')) return -1;
  let i = st.tokStart + 1;
  while (i < st.tokEnd && i < st.tokStart + 4 && ['unique', 'fulltext', 'spatial', 'bitmap', 'or', 'replace'].includes(t.word(i))) i++;
  return t.is(i, 'index') ? i : -1;
}

export function readCreateIndex(t: Tokens, st: RawStatement, file: string): Index | undefined {
  const end = st.tokEnd;
  const indexWord = createIndexWord(t, st);
  let unique = false;
  for (let i = st.tokStart + 1; i < indexWord; i++) if (t.is(i, 'unique')) unique = true;
  let i = indexWord + 1;
  if (t.is(i, 'concurrently')) i++;
  if (t.is(i, 'if') && t.is(i + 1, 'not') && t.is(i + 2, 'exists')) i += 3;
  let name: string | undefined;
  if (!t.is(i, 'on')) {
    const n = readQName(t, i, end);
    if (!n) return undefined;
    name = n.name;
    i = n.next;
  }
  if (t.is(i, 'using') && !t.punct(i + 1, '(')) i += 2; // MySQL: name USING BTREE ON t
  if (!t.is(i, 'on')) return undefined;
  i++;
  if (t.is(i, 'only')) i++;
  const q = readQName(t, i, end);
  if (!q) return undefined;
  i = q.next;
  if (t.is(i, 'using')) i += 2;
  if (!t.punct(i, '(')) return undefined;
  const { parts, next } = readKeyParts(t, i, end);
  const idx: Index = {
    name, schema: q.schema, table: q.name, columns: names(parts), expressions: parts.map((p) => p.expression),
    include: [], unique, partial: false, span: { start: st.start, end: st.end }, file,
  };
  for (let j = next; j < end; j++) {
    if (t.is(j, 'include') && t.punct(j + 1, '(')) { const r = readKeyParts(t, j + 1, end); idx.include = names(r.parts); j = r.next - 1; }
    else if (t.is(j, 'where')) { idx.partial = true; idx.predicate = t.slice(j + 1, end).trim(); break; }
  }
  return idx;
}
