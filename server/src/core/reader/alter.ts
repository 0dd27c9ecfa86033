// ALTER TABLE … ADD CONSTRAINT / ADD COLUMN / ADD PRIMARY KEY / ADD INDEX / DROP / RENAME, and
// COMMENT ON TABLE|COLUMN, read into Alteration data (applied to copies at workspace merge).
import type { AlterAction, Alteration, Index } from '../model.ts';
import { normalizeType, readColumn, readElement, splitTopLevel } from './elements.ts';
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
    if (w1 === 'if' && t.is(i + 1, 'not') && t.is(i + 2, 'exists')) return addColumn(t, i + 3, b, file, actions);
    if (w1 === 'constraint' || w1 === 'primary' || w1 === 'unique' || w1 === 'foreign' || w1 === 'check'
      || w1 === 'key' || w1 === 'index' || w1 === 'fulltext' || w1 === 'spatial' || w1 === 'exclude') {
      const el = readElement(t, i, b, file);
      // `ADD CONSTRAINT x PRIMARY KEY USING INDEX idx` names no columns: the index's (replay looks them up)
      if ((el.kind === 'primary-key' || el.kind === 'unique') && el.key.columns.length === 0) {
        for (let j = i; j + 2 < b; j++) {
          if (!t.is(j, 'using') || !t.is(j + 1, 'index')) continue;
          const index = t.name(j + 2);
          if (index !== null) actions.push({ kind: 'add-key-using-index', key: el.kind === 'primary-key' ? 'primary' : 'unique', name: el.key.name, index });
        }
        return;
      }
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
  if (w === 'drop') return readDrop(t, a + 1, b, actions);
  if (w === 'alter' || (w === 'modify' && t.is(a + 1, 'column') && isColumnChange(t, a + 3, b))) return readAlterColumn(t, a + 1, b, actions);
  if (w === 'modify') { // MySQL: MODIFY [COLUMN] definition
    const el = readColumn(t, t.is(a + 1, 'column') ? a + 2 : a + 1, b, file);
    if (el.kind === 'column') actions.push({ kind: 'modify-column', column: el.column }, ...columnKeys(el));
    return;
  }
  if (w === 'change') { // MySQL: CHANGE [COLUMN] old new definition
    const i = t.is(a + 1, 'column') ? a + 2 : a + 1;
    const from = t.name(i);
    const el = readColumn(t, i + 1, b, file);
    if (from !== null && el.kind === 'column') actions.push({ kind: 'change-column', from, column: el.column }, ...columnKeys(el));
    return;
  }
  if (w === 'rename') return readRename(t, a + 1, b, actions);
}

/** MODIFY COLUMN x SET … is not MySQL MODIFY (some dialects spell ALTER COLUMN so): treat as ALTER COLUMN. */
function isColumnChange(t: Tokens, i: number, b: number): boolean {
  return i < b && (t.is(i, 'set') || t.is(i, 'drop') || t.is(i, 'type'));
}

/** Keys written on a MODIFY/CHANGE column definition (`… PRIMARY KEY`, `… UNIQUE`, `… REFERENCES`). */
function columnKeys(el: ReturnType<typeof readColumn> & { kind: 'column' }): AlterAction[] {
  const out: AlterAction[] = [];
  if (el.primaryKey) out.push({ kind: 'add-primary-key', key: el.primaryKey });
  if (el.unique) out.push({ kind: 'add-unique', key: el.unique });
  for (const fk of el.foreignKeys) out.push({ kind: 'add-foreign-key', fk });
  return out;
}

/** DROP [COLUMN] [IF EXISTS] x | CONSTRAINT [IF EXISTS] n | PRIMARY KEY | FOREIGN KEY n | INDEX|KEY n | CHECK n. */
function readDrop(t: Tokens, i: number, b: number, actions: AlterAction[]): void {
  const w = t.word(i);
  const ifExists = (j: number) => t.is(j, 'if') && t.is(j + 1, 'exists');
  if (w === 'primary' && t.is(i + 1, 'key')) { actions.push({ kind: 'drop-primary-key' }); return; }
  if (w === 'constraint' || w === 'check') {
    const j = ifExists(i + 1) ? i + 3 : i + 1;
    const name = t.name(j);
    if (name !== null) actions.push({ kind: 'drop-constraint', name, ...(j > i + 1 ? { ifExists: true } : {}) });
    return;
  }
  if (w === 'foreign' && t.is(i + 1, 'key')) {
    const j = ifExists(i + 2) ? i + 4 : i + 2;
    const name = t.name(j);
    if (name !== null) actions.push({ kind: 'drop-foreign-key', name });
    return;
  }
  if (w === 'index' || w === 'key') {
    const j = ifExists(i + 1) ? i + 3 : i + 1;
    const name = t.name(j);
    if (name !== null) actions.push({ kind: 'drop-index', name });
    return;
  }
  if (w === 'unique' || w === 'period' || w === 'partition' || w === 'default') return;
  let j = w === 'column' ? i + 1 : i;
  if (ifExists(j)) j += 2;
  const n = t.name(j);
  if (n !== null) actions.push({ kind: 'drop-column', column: n });
}

/** ALTER [COLUMN] x TYPE t [USING …] | SET DATA TYPE t | SET|DROP NOT NULL | SET DEFAULT e | DROP DEFAULT. */
function readAlterColumn(t: Tokens, i: number, b: number, actions: AlterAction[]): void {
  if (t.is(i, 'column')) i++;
  if (t.is(i, 'constraint') || t.is(i, 'index') || t.is(i, 'check')) return; // MySQL ALTER INDEX x VISIBLE etc.
  const column = t.name(i);
  if (column === null) return;
  i++;
  if (t.is(i, 'set') && t.is(i + 1, 'data') && t.is(i + 2, 'type')) i += 2;
  if (t.is(i, 'type')) {
    let e = i + 1;
    while (e < b && !t.is(e, 'using') && !t.is(e, 'collate')) { if (t.punct(e, '(')) e = t.close(e, b); e++; }
    const type = normalizeType(t, i + 1, Math.min(e, b));
    if (type) actions.push({ kind: 'alter-column-type', column, type });
    return;
  }
  if (t.is(i, 'set') && t.is(i + 1, 'not') && t.is(i + 2, 'null')) { actions.push({ kind: 'set-not-null', column }); return; }
  if (t.is(i, 'drop') && t.is(i + 1, 'not') && t.is(i + 2, 'null')) { actions.push({ kind: 'drop-not-null', column }); return; }
  if (t.is(i, 'set') && t.is(i + 1, 'default')) { actions.push({ kind: 'set-default', column, default: t.slice(i + 2, b) }); return; }
  if (t.is(i, 'drop') && t.is(i + 1, 'default')) actions.push({ kind: 'drop-default', column });
}

/** RENAME [TO|AS] t | RENAME COLUMN a TO b | RENAME a TO b | RENAME CONSTRAINT a TO b | RENAME INDEX|KEY a TO b. */
function readRename(t: Tokens, i: number, b: number, actions: AlterAction[]): void {
  const w = t.word(i);
  if (w === 'to' || w === 'as') {
    const q = readQName(t, i + 1, b);
    if (q) actions.push({ kind: 'rename-table', to: q.name });
    return;
  }
  const pair = (j: number) => {
    const from = t.name(j), to = t.name(j + 2);
    return from !== null && to !== null && t.is(j + 1, 'to') ? { from, to } : undefined;
  };
  if (w === 'constraint') { const p = pair(i + 1); if (p) actions.push({ kind: 'rename-constraint', ...p }); return; }
  if (w === 'index' || w === 'key') { const p = pair(i + 1); if (p) actions.push({ kind: 'rename-index', ...p }); return; }
  const p = pair(w === 'column' ? i + 1 : i);
  if (p) { actions.push({ kind: 'rename-column', ...p }); return; }
  if (w !== 'column' && t.isName(i) && i + 1 >= b) { // MySQL: RENAME new_name
    const n = t.name(i);
    if (n !== null) actions.push({ kind: 'rename-table', to: n });
  }
}

function addColumn(t: Tokens, i: number, b: number, file: string, actions: AlterAction[]): void {
  const el = readColumn(t, i, b, file);
  if (el.kind !== 'column') return;
  actions.push({ kind: 'add-column', column: { ...el.column, file } }, ...columnKeys(el));
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
