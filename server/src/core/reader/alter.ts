// ALTER TABLE … ADD CONSTRAINT / ADD COLUMN / ADD PRIMARY KEY / ADD INDEX / DROP / RENAME, and
// COMMENT ON TABLE|COLUMN, read into Alteration data (applied to copies at workspace merge).
import type { AlterAction, Alteration, Index } from '../model.ts';
import { readColumn, readElement, splitTopLevel } from './elements.ts';
import { stringValue, T as Kind } from './lexer.ts';
import type { RawStatement } from './split.ts';
import { readQName, type Tokens } from './tokens.ts';
// A module-local alias of the token kinds: under per-file transpilers (tsx) an imported binding is a
// getter call on every use, which cost 4× on the lexer's hot loops.
const T = Kind;

export interface AlterResult { alteration?: Alteration; indexes: Index[] }

export function readAlterTable(t: Tokens, st: RawStatement, file: string): AlterResult {
  const end = st.tokEnd;
  let i = st.tokStart + 2; // ALTER TABLE
  if (t.is(i, 'if') && t.is(i + 1, 'exists')) i += 2;
  if (t.is(i, 'only')) i++;
  const q = readQName(t, i, end);
  if (!q) return { indexes: [] };
  const actions: AlterAction[] = [];
  const indexes: Index[] = [];
  for (const [a, b] of splitTopLevel(t, q.next, end)) readAction(t, a, b, file, q, actions, indexes);
  const alteration: Alteration = { schema: q.schema, table: q.name, actions, span: { start: st.start, end: st.end }, file };
  return { alteration: actions.length ? alteration : undefined, indexes };
}

function readAction(
  t: Tokens, a: number, b: number, file: string, q: { schema?: string; name: string },
  actions: AlterAction[], indexes: Index[],
): void {
  const w = t.word(a);
  if (w === 'add') {
    let i = a + 1;
    const w1 = t.word(i);
    if (w1 === 'column') { i++; if (t.is(i, 'if') && t.is(i + 2, 'exists')) i += 3; return addColumn(t, i, b, file, actions); }
    if (w1 === 'constraint' || w1 === 'primary' || w1 === 'unique' || w1 === 'foreign' || w1 === 'check'
      || w1 === 'key' || w1 === 'index' || w1 === 'fulltext' || w1 === 'spatial' || w1 === 'exclude') {
      const el = readElement(t, i, b, file);
      // `ADD CONSTRAINT x PRIMARY KEY USING INDEX idx` names no columns: nothing to apply
      if ((el.kind === 'primary-key' || el.kind === 'unique') && el.key.columns.length === 0) return;
      if (el.kind === 'foreign-key' && el.fk.columns.length === 0) return;
      switch (el.kind) {
        case 'primary-key': actions.push({ kind: 'add-primary-key', key: el.key }); return;
        case 'unique': actions.push({ kind: 'add-unique', key: el.key }); return;
        case 'foreign-key': actions.push({ kind: 'add-foreign-key', fk: el.fk }); return;
        case 'check': actions.push({ kind: 'add-check', check: el.check }); return;
        case 'index':
          indexes.push({
            name: el.name, schema: q.schema, table: q.name, columns: el.columns.map((p) => p.name),
            expressions: el.columns.map((p) => p.expression), include: [], unique: false, partial: false,
            span: el.span, file, inline: true,
          });
          return;
        default: return;
      }
    }
    return addColumn(t, i, b, file, actions); // ADD name type (COLUMN is optional)
  }
  if (w === 'drop') {
    let i = a + 1;
    if (t.is(i, 'column')) i++;
    else if (t.word(i) && ['constraint', 'primary', 'index', 'key', 'foreign', 'check', 'unique'].includes(t.word(i))) return;
    if (t.is(i, 'if') && t.is(i + 1, 'exists')) i += 2;
    const n = t.name(i);
    if (n !== null) actions.push({ kind: 'drop-column', column: n });
    return;
  }
  if (w === 'change') { // MySQL: CHANGE [COLUMN] old new definition
    const i = t.is(a + 1, 'column') ? a + 2 : a + 1;
    const from = t.name(i), to = t.name(i + 1);
    if (from !== null && to !== null && from.toLowerCase() !== to.toLowerCase()) actions.push({ kind: 'rename-column', from, to });
    return;
  }
  if (w === 'rename' && (t.is(a + 1, 'column') || (t.isName(a + 1) && t.is(a + 2, 'to')))) {
    const i = t.is(a + 1, 'column') ? a + 2 : a + 1;
    const from = t.name(i), to = t.name(i + 2);
    if (from !== null && to !== null && t.is(i + 1, 'to')) actions.push({ kind: 'rename-column', from, to });
  }
}

function addColumn(t: Tokens, i: number, b: number, file: string, actions: AlterAction[]): void {
  const el = readColumn(t, i, b, file);
  if (el.kind !== 'column') return;
  actions.push({ kind: 'add-column', column: el.column });
  if (el.primaryKey) actions.push({ kind: 'add-primary-key', key: el.primaryKey });
  if (el.unique) actions.push({ kind: 'add-unique', key: el.unique });
  for (const fk of el.foreignKeys) actions.push({ kind: 'add-foreign-key', fk });
}

/** COMMENT ON TABLE t IS '…' / COMMENT ON COLUMN t.c IS '…' (PostgreSQL). */
export function readCommentOn(t: Tokens, st: RawStatement, file: string): Alteration | undefined {
  const end = st.tokEnd;
  const what = t.word(st.tokStart + 2);
  if (what !== 'table' && what !== 'column') return undefined;
  const q = readQName(t, st.tokStart + 3, end);
  if (!q || !t.is(q.next, 'is') || t.kinds[q.next + 1] !== T.String) return undefined;
  const comment = stringValue(t.raw(q.next + 1), t.dialect);
  const span = { start: st.start, end: st.end };
  if (what === 'table') return { schema: q.schema, table: q.name, actions: [{ kind: 'table-comment', comment }], span, file };
  // column: [schema.]table.column — re-read the parts
  const parts: string[] = [];
  for (let i = q.first; i <= q.last; i++) { const n = t.name(i); if (n !== null) parts.push(n); }
  if (parts.length < 2) return undefined;
  const column = parts[parts.length - 1];
  const table = parts[parts.length - 2];
  const schema = parts.length > 2 ? parts[parts.length - 3] : undefined;
  return { schema, table, actions: [{ kind: 'column-comment', column, comment }], span, file };
}
