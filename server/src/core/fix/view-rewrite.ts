// Views that read a column the rewrite moves: each is re-created, in the same migration, over the table's
// old shape rebuilt from the new tables. The view's text stays as written except that every reference to
// the table in a FROM or JOIN becomes a derived table `(SELECT <the old columns> FROM t LEFT JOIN <new
// tables> …) AS <alias>`: same name, same column names and order, same rows (each LEFT JOIN is on the new
// table's key, so it finds at most one row and keeps every row of the table). PostgreSQL: CREATE OR REPLACE
// VIEW before the columns are dropped (keeps grants, owners and the views built on it; the columns and
// their types are those of the old table), a materialized view is dropped and created again after the
// change. MySQL/MariaDB: CREATE OR REPLACE VIEW. SQLite: its rebuild re-creates the file's views on the
// table, now with the rewritten text. A view that cannot be rewritten safely keeps the rewrite declined,
// with the reason.
import type { View, WorkspaceModel } from '../model.ts';
import { Lexer, T as Tok } from '../reader/lexer.ts';
import { lc } from '../lc.ts';
import { q } from './ddl.ts';
import { oldShapeSelect, viewCanRead, viewsNaming } from './view.ts';
import type { TablePlan } from './plan.ts';

export interface ViewRewrite {
  view: View;
  /** The statement as the file should now read (same head, rewritten query), replacing [view.span.start, end). */
  fileText: string;
  end: number;
  /** The statement the migration runs (CREATE OR REPLACE, or CREATE after a DROP). */
  statement: string;
  /** PostgreSQL materialized view: dropped before the change, created after it. */
  dropFirst?: string;
}

interface Token { kind: Tok; start: number; end: number; word: string; name: string | null }

function lex(text: string, dialect: TablePlan['e']['dialect']): Token[] {
  const lx = new Lexer(text, dialect);
  const out: Token[] = [];
  for (let k = lx.next(); k !== Tok.EOF; k = lx.next()) {
    const raw = text.slice(lx.start, lx.end);
    const name = k === Tok.Word ? raw : k === Tok.QIdent ? raw.slice(1, -1).replace(/""|``|\]\]/g, (m) => m[0]) : null;
    out.push({ kind: k, start: lx.start, end: lx.end, word: k === Tok.Word ? raw.toLowerCase() : '', name });
  }
  return out;
}

/** Words that end a table reference (so they are not its alias). */
const AFTER_REF = new Set(['join', 'left', 'right', 'inner', 'outer', 'cross', 'full', 'natural', 'straight_join', 'on', 'using', 'where',
  'group', 'having', 'order', 'limit', 'union', 'except', 'intersect', 'window', 'offset', 'fetch', 'for', 'with', 'qualify']);
/** Words after which a FROM list is over at this depth. */
const END_FROM = new Set(['where', 'group', 'having', 'order', 'limit', 'union', 'except', 'intersect', 'window', 'offset', 'fetch', 'for', 'select', 'returning', 'qualify']);

const isPunct = (t: Token | undefined, ch: string, text: string) => !!t && t.kind === Tok.Punct && text[t.start] === ch;

/**
 * The view's statement with each FROM/JOIN reference to the table replaced by `derived`, or why it cannot
 * be: a name of the table used in a way this reader cannot place, a table option a derived table cannot
 * carry (index hints, TABLESAMPLE), or WITH CHECK OPTION (a view over a join cannot be updated through).
 */
function rewriteQuery(p: TablePlan, v: View, text: string, derived: string): { text: string; queryStart: number; viewWord: number; nameStart: number } | { reason: string } {
  const T = p.table;
  const toks = lex(text, p.e.dialect);
  const viewAt = toks.findIndex((t) => t.word === 'view');
  if (viewAt < 0) return { reason: `view ${v.name} could not be read` };
  let i = viewAt + 1;
  if (toks[i]?.word === 'if') i += 3;
  const nameStart = toks[i]?.start ?? 0;
  i++;
  if (isPunct(toks[i], '.', text)) i += 2;
  const skipParens = (j: number) => { let d = 0; for (; j < toks.length; j++) { if (isPunct(toks[j], '(', text)) d++; else if (isPunct(toks[j], ')', text) && --d === 0) return j + 1; } return j; };
  if (isPunct(toks[i], '(', text)) i = skipParens(i);
  if (toks[i]?.word === 'with' && isPunct(toks[i + 1], '(', text)) i = skipParens(i + 1);
  if (toks[i]?.word !== 'as') return { reason: `the query of view ${v.name} could not be read` };
  const q0 = i + 1;
  for (let j = q0; j + 1 < toks.length; j++) if (toks[j].word === 'check' && toks[j + 1].word === 'option') return { reason: `view ${v.name} has WITH CHECK OPTION: a view over the new tables' join cannot be updated through` };
  const table = lc(T.name);
  const schemas = new Set([T.schema ? lc(T.schema) : p.e.dialect === 'postgresql' ? 'public' : '']);
  const anySchema = !T.schema && p.e.dialect !== 'postgresql'; // MySQL's qualifier is the database
  const refs: { start: number; end: number; alias: boolean }[] = [];
  const placed = new Set<number>(); // token indexes of the table's name that are accounted for
  const stack: { inFrom: boolean }[] = [{ inFrom: false }];
  let expect = false;
  for (let j = q0; j < toks.length; j++) {
    const t = toks[j], top = stack[stack.length - 1];
    if (t.kind === Tok.Punct) {
      const ch = text[t.start];
      if (ch === '(') {
        const sub = toks[j + 1]?.word;
        const join: boolean = expect && sub !== 'select' && sub !== 'with' && sub !== 'values';
        stack.push({ inFrom: join });
        expect = join;
        continue;
      }
      if (ch === ')') { if (stack.length > 1) stack.pop(); expect = false; continue; }
      if (ch === ',' && top.inFrom) { expect = true; continue; }
      if (ch !== '.') expect = false;
      continue;
    }
    if (t.word === 'from') { top.inFrom = true; expect = true; continue; }
    if (t.word === 'join' || t.word === 'straight_join') { top.inFrom = true; expect = true; continue; }
    if (END_FROM.has(t.word)) { top.inFrom = false; expect = false; continue; }
    if (expect && (t.word === 'lateral' || t.word === 'only')) continue;
    if (!expect || t.name === null) { expect = false; continue; }
    // a table reference: name [. name]
    expect = false;
    let last = j, qual: string | undefined;
    if (isPunct(toks[j + 1], '.', text) && toks[j + 2]?.name) { qual = lc(toks[j].name!); last = j + 2; }
    if (isPunct(toks[last + 1], '(', text)) { j = last; continue; } // a function in FROM
    const mine = lc(toks[last].name!) === table && (qual === undefined || schemas.has(qual) || anySchema);
    if (!mine) { j = last; continue; }
    placed.add(last);
    let k = last + 1;
    let alias = false;
    if (toks[k]?.word === 'as') { alias = true; k += 2; } else if (toks[k] && (toks[k].kind === Tok.QIdent || (toks[k].kind === Tok.Word && !AFTER_REF.has(toks[k].word)))) { alias = true; k += 1; }
    if (alias && isPunct(toks[k], '(', text)) k = skipParens(k);
    const next = toks[k];
    const fine = !next || next.kind === Tok.Punct && /[,);]/.test(text[next.start]) || (next.kind === Tok.Word && AFTER_REF.has(next.word));
    if (!fine) return { reason: `view ${v.name} reads ${T.name} with ${text.slice(next.start, next.end)} …, which a derived table cannot carry` };
    refs.push({ start: toks[j].start, end: toks[last].end, alias });
    j = last;
  }
  // every other mention of the table's name must be a column qualifier (t.col) or a column named like it (x.t)
  for (let j = q0; j < toks.length; j++) {
    if (placed.has(j) || toks[j].name === null || lc(toks[j].name!) !== table) continue;
    const before = isPunct(toks[j - 1], '.', text), after = isPunct(toks[j + 1], '.', text);
    if (before !== after) continue;
    return { reason: `view ${v.name} names ${T.name} in a way normlint cannot rewrite (${text.slice(toks[Math.max(q0, j - 2)].start, toks[Math.min(toks.length - 1, j + 2)].end)})` };
  }
  if (!refs.length) return { reason: '' };
  let out = text;
  for (const r of [...refs].reverse()) out = out.slice(0, r.start) + `(${derived})${r.alias ? '' : ` AS ${q(p.e, T.name)}`}` + out.slice(r.end);
  return { text: out, queryStart: toks[q0].start, viewWord: toks[viewAt].start, nameStart };
}

/** True when the query reads a dropped column by name, or every column (`*`). */
function usesDropped(v: View, dropped: string[]): boolean {
  return dropped.some((c) => v.names.includes(c)) || v.star === true;
}

/**
 * Plans the re-creation of the views that read what the plan drops (p.viewRewrites); returns why the
 * rewrite cannot go ahead, or null. Only views whose text is at hand (the table's file) can be rewritten.
 */
export function planDependentViews(p: TablePlan, ws: WorkspaceModel): string | null {
  const T = p.table;
  const dropped = p.dropColumns.map(lc);
  p.viewRewrites = [];
  if (!dropped.length) return null;
  const blockers: string[] = [];
  for (const v of viewsNaming(ws, T.name)) {
    if (!viewCanRead(ws, v, T)) continue;
    const affected = usesDropped(v, dropped);
    // SQLite rebuilds the table: a view on it must be dropped and re-created, which needs its text
    if (v.file !== T.file) {
      if (p.e.dialect === 'sqlite') blockers.push(`view ${v.name} (in ${v.file}) is on ${T.name}, which SQLite's rebuild drops; only the views of ${T.name}'s own file are re-created`);
      else if (affected) blockers.push(`view ${v.name} (in ${v.file}) uses ${T.name}; only the views of ${T.name}'s own file are rewritten`);
      continue;
    }
    if (!affected || v.span.end > p.text.length) continue;
    const select = oldShapeSelect(p, { castCopies: p.e.dialect === 'postgresql' });
    if (!select) { blockers.push(`view ${v.name} uses a column of ${T.name} that moves to a child table (no one-row join gives the old value back)`); continue; }
    const stmt = p.text.slice(v.span.start, v.span.end).replace(/;\s*$/, '');
    const r = rewriteQuery(p, v, stmt, select);
    if ('reason' in r) { if (r.reason) blockers.push(r.reason); continue; }
    if (v.materialized && p.e.dialect === 'postgresql') {
      const users = viewsNaming(ws, v.name).filter((o) => o !== v);
      if (users.length) { blockers.push(`materialized view ${v.name} must be dropped and created again, and ${users.map((u) => `view ${u.name}`).join(', ')} depend${users.length > 1 ? '' : 's'} on it`); continue; }
    }
    const rest = r.text.slice(r.nameStart);
    const head = v.materialized ? 'CREATE MATERIALIZED VIEW ' : p.e.dialect === 'sqlite' ? 'CREATE VIEW ' : 'CREATE OR REPLACE VIEW ';
    // the head between CREATE and VIEW (ALGORITHM, DEFINER, SQL SECURITY) is kept as written
    const between = stmt.slice(0, r.viewWord).replace(/^\s*(\/\*!\d*\s*)?create\s+(or\s+replace\s+)?/i, '').replace(/\*\/\s*\/\*!\d*/g, ' ').replace(/materialized\s*$/i, '').replace(/\s+/g, ' ').trim();
    const keep = v.materialized ? '' : between ? between + ' ' : '';
    const statement = (head.replace(/VIEW $/, '') + keep + 'VIEW ' + rest).replace(/\s*\*\/\s*$/, '');
    p.viewRewrites.push({
      view: v, fileText: r.text, end: v.span.start + stmt.length, statement,
      ...(v.materialized && p.e.dialect === 'postgresql' ? { dropFirst: `DROP MATERIALIZED VIEW ${v.schema ? q(p.e, v.schema) + '.' : ''}${q(p.e, v.name)}` } : {}),
    });
  }
  if (!blockers.length) return null;
  return `${blockers.join('; ')}; change or drop ${blockers.length > 1 ? 'those views' : 'the view'} first`;
}

