// CREATE [OR REPLACE] [ALGORITHM=…] [DEFINER=…] [SQL SECURITY …] [MATERIALIZED] VIEW name … AS query: the
// view's name and every name its query mentions, so a rewrite can tell which views use a column it drops.
import type { View } from '../model.ts';
import type { RawStatement } from './split.ts';
import type { Tokens } from './tokens.ts';

/** Token index of the VIEW keyword of a CREATE … VIEW statement, -1 when it is not one. */
export function createViewWord(t: Tokens, st: RawStatement): number {
  if (!t.is(st.tokStart, 'create')) return -1;
  for (let i = st.tokStart + 1; i < st.tokEnd && i < st.tokStart + 16; i++) {
    if (t.is(i, 'view')) return i;
    if (t.is(i, 'table') || t.is(i, 'index') || t.is(i, 'as') || t.punct(i, '(')) return -1;
  }
  return -1;
}

export function readCreateView(t: Tokens, st: RawStatement, file: string): View | undefined {
  const v = createViewWord(t, st);
  if (v < 0) return undefined;
  let i = v + 1;
  if (t.is(i, 'if') && t.is(i + 1, 'not') && t.is(i + 2, 'exists')) i += 3;
  let name = t.name(i);
  if (name === null) return undefined;
  let schema: string | undefined;
  if (t.punct(i + 1, '.') && t.name(i + 2) !== null) { schema = name; name = t.name(i + 2)!; i += 2; }
  const names = new Set<string>();
  let star = false;
  for (let j = i + 1; j < st.tokEnd; j++) {
    const n = t.isName(j) ? t.name(j) : null;
    if (n) names.add(n.toLowerCase()); else if (t.punct(j, '*')) star = true;
  }
  let materialized = false;
  for (let j = st.tokStart + 1; j < v; j++) if (t.is(j, 'materialized')) materialized = true;
  return { ...(schema ? { schema } : {}), name, materialized, names: [...names], ...(star ? { star: true as const } : {}), span: { start: st.start, end: st.end }, file };
}
