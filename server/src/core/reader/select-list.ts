// The output columns of CREATE TABLE … AS SELECT: the first SELECT's list, each item named by its alias
// (`expr AS x`, `expr x`) or by the column it is (`t.c`, `c`), typed where it ends in a cast (`NULL::int`).
// Unknown (undefined) when the list has `*` or an unnamed expression: the engine's names are not guessed.
import type { Column } from '../model.ts';
import { normalizeType, splitTopLevel } from './elements.ts';
import { T as Kind } from './lexer.ts';
import type { Tokens } from './tokens.ts';
const T = Kind;

const END_OF_LIST = new Set(['from', 'union', 'where', 'group', 'order', 'limit', 'into', 'having', 'window', 'except', 'intersect']);

export function readSelectColumns(t: Tokens, i: number, end: number): Column[] | undefined {
  // AS [WITH … AS (…), …] SELECT [DISTINCT]: find the SELECT at depth 0
  let j = i;
  while (j < end && !t.is(j, 'select')) { if (t.punct(j, '(')) j = t.close(j, end); j++; }
  if (j >= end) return undefined;
  j++;
  if (t.is(j, 'distinct') || t.is(j, 'all')) j++;
  let stop = j;
  while (stop < end && !END_OF_LIST.has(t.word(stop))) { if (t.punct(stop, '(')) stop = t.close(stop, end); stop++; }
  const out: Column[] = [];
  for (const [a, b] of splitTopLevel(t, j, Math.min(stop, end))) {
    const c = item(t, a, b);
    if (!c) return undefined;
    out.push(c);
  }
  return out.length ? out : undefined;
}

function item(t: Tokens, a: number, b: number): Column | undefined {
  let name: string | null = null;
  let exprEnd = b;
  if (b - a >= 3 && t.is(b - 2, 'as')) { name = t.name(b - 1); exprEnd = b - 2; }
  else if (b - a >= 2 && t.isName(b - 1) && aliasable(t, b - 2)) { name = t.name(b - 1); exprEnd = b - 1; }
  else if (t.isName(b - 1) && (b - a === 1 || (t.punct(b - 2, '.') && b - a === 3))) name = t.name(b - 1);
  if (name === null || name === '*') return undefined;
  // `expr::type` at the end of the expression: that is the column's type
  let type = '';
  for (let k = exprEnd - 1; k > a; k--) {
    if (t.punct(k, ':') && t.punct(k - 1, ':')) { type = normalizeType(t, k + 1, exprEnd); break; }
    if (t.punct(k, ')')) break;
  }
  const span = { start: t.starts[a], end: t.ends[b - 1] };
  return { name, type, nullable: true, span, nameSpan: { start: t.starts[b - 1], end: t.ends[b - 1] } };
}

const NOT_AN_OPERAND = new Set(['select', 'distinct', 'and', 'or', 'not', 'is', 'case', 'when', 'then', 'else', 'in', 'like']);

/** Can the token before a trailing name end an expression (so the name is an implicit alias)? */
function aliasable(t: Tokens, k: number): boolean {
  const kind = t.kinds[k];
  if (kind === T.Punct) return t.punct(k, ')');
  if (kind === T.Word) return !NOT_AN_OPERAND.has(t.word(k)); // `NULL x` aliases NULL; `a AND x` is no alias
  return kind === T.QIdent || kind === T.String || kind === T.Number;
}
