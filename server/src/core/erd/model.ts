// The ER diagram model: entities (tables with their columns and key marks, coloured by the lowest
// normal form a finding says they break) and one relationship per foreign key, with crow's-foot
// cardinality. Pure data built from the workspace model and the findings: emitters (Mermaid, DOT,
// SVG) and adapters (CLI, language server) only translate it.
import type { Finding, NormalForm } from '../findings.ts';
import type { Span, Table, WorkspaceModel } from '../model.ts';
import { lc } from '../lc.ts';
import { findTable } from '../workspace.ts';

export interface ErdColumn {
  name: string;
  type: string;
  nullable: boolean;
  pk: boolean;
  fk: boolean;
  /** A single-column UNIQUE key. */
  unique: boolean;
  nameSpan: Span;
}

export interface ErdEntity {
  /** Unique in the diagram: lower-cased "schema.name" (or "name"). */
  id: string;
  /** As written: "schema.name" when the table has a schema. */
  name: string;
  file: string;
  span: Span;
  nameSpan: Span;
  columns: ErdColumn[];
  /** The lowest normal form a finding on this table breaks; undefined when none does. */
  breaks?: NormalForm;
  findings: number;
}

/** Crow's-foot ends: parent end is one or zero-or-one; child end is many or zero-or-one. */
export type ParentEnd = 'one' | 'zero-or-one';
export type ChildEnd = 'zero-or-many' | 'zero-or-one';

export interface ErdRelationship {
  /** The referencing (child) entity id. */
  child: string;
  /** The referenced (parent) entity id. */
  parent: string;
  columns: string[];
  refColumns: string[];
  /** A nullable FK column: a child row may have no parent. */
  parentEnd: ParentEnd;
  /** The FK columns are a key of the child: at most one child per parent (one-to-one). */
  childEnd: ChildEnd;
  name?: string;
}

export interface Diagram {
  entities: ErdEntity[];
  relationships: ErdRelationship[];
}

/** Above this many tables an editor view starts with one table's neighbourhood, not the whole schema. */
export const NEIGHBOURHOOD_THRESHOLD = 60;
export const DEFAULT_DEPTH = 1;

const NF_ORDER: NormalForm[] = ['1NF', '2NF', '3NF', 'BCNF'];
export const entityId = (t: { schema?: string; name: string }) => (t.schema ? `${lc(t.schema)}.${lc(t.name)}` : lc(t.name));

export interface DiagramOptions {
  /** Only tables declared in these files (relationships to tables outside are left out). */
  files?: string[];
}

export function buildDiagram(ws: WorkspaceModel, findings: Finding[], options: DiagramOptions = {}): Diagram {
  const files = options.files && new Set(options.files);
  const tables = ws.tables.filter((t) => !files || files.has(t.file));
  const ids = new Map<Table, string>();
  const seen = new Set<string>();
  for (const t of tables) {
    let id = entityId(t);
    // the same name declared twice (two projects, two files): keep both, distinguishably
    for (let n = 2; seen.has(id); n++) id = `${entityId(t)}#${n}`;
    seen.add(id);
    ids.set(t, id);
  }
  const byTable = new Map<Table, Finding[]>();
  const byName = new Map<string, Table[]>();
  for (const t of ws.tables) { const k = lc(t.name); const l = byName.get(k); if (l) l.push(t); else byName.set(k, [t]); }
  for (const f of findings) {
    const t = tableOfFinding(byName, f);
    if (!t || !ids.has(t)) continue;
    let list = byTable.get(t);
    if (!list) byTable.set(t, (list = []));
    list.push(f);
  }
  const entities = tables.map((t) => entityOf(t, ids.get(t)!, byTable.get(t) ?? []));
  const relationships: ErdRelationship[] = [];
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const target = findTable(ws, t, fk.references.schema, fk.references.table);
      const parent = target && ids.get(target);
      if (!parent) continue;   // a reference to a table the workspace (or the file selection) does not have
      relationships.push({
        child: ids.get(t)!, parent, columns: fk.columns, refColumns: fk.references.columns,
        parentEnd: fk.columns.some((c) => columnOf(t, c)?.nullable ?? true) ? 'zero-or-one' : 'one',
        childEnd: isKeyOf(t, fk.columns) ? 'zero-or-one' : 'zero-or-many',
        ...(fk.name ? { name: fk.name } : {}),
      });
    }
  }
  return { entities, relationships };
}

function entityOf(t: Table, id: string, findings: Finding[]): ErdEntity {
  const pk = new Set((t.primaryKey?.columns ?? []).map(lc));
  const fk = new Set(t.foreignKeys.flatMap((k) => k.columns.map(lc)));
  const unique = new Set(t.uniqueKeys.filter((k) => k.columns.length === 1).map((k) => lc(k.columns[0])));
  let breaks: NormalForm | undefined;
  for (const f of findings) if (f.normalForm && (!breaks || NF_ORDER.indexOf(f.normalForm) < NF_ORDER.indexOf(breaks))) breaks = f.normalForm;
  return {
    id, name: t.schema ? `${t.schema}.${t.name}` : t.name, file: t.file, span: t.span, nameSpan: t.nameSpan,
    columns: t.columns.map((c) => ({
      name: c.name, type: c.type, nullable: c.nullable, pk: pk.has(lc(c.name)), fk: fk.has(lc(c.name)),
      unique: unique.has(lc(c.name)), nameSpan: c.nameSpan,
    })),
    ...(breaks ? { breaks } : {}),
    findings: findings.length,
  };
}

const columnOf = (t: Table, name: string) => t.columns.find((c) => lc(c.name) === lc(name));

/** The columns include a whole PK or UNIQUE key (of the child), so each parent has at most one child row. */
function isKeyOf(t: Table, columns: string[]): boolean {
  const cols = new Set(columns.map(lc));
  const keys = [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniqueKeys, ...t.indexes.filter((i) => i.unique && !i.partial)];
  return keys.some((k) => k.columns.length > 0 && k.columns.every((c) => cols.has(lc(c))));
}

/** Finds an entity by "schema.name", "name" or id, case-insensitively. */
export function findEntity(d: Diagram, name: string): ErdEntity | undefined {
  const want = lc(name);
  return d.entities.find((e) => e.id === want) ?? d.entities.find((e) => lc(e.name) === want)
    ?? d.entities.find((e) => lc(e.name.slice(e.name.lastIndexOf('.') + 1)) === want);
}

/** The entity and every entity at most `depth` foreign keys away (either direction), with the relationships among them. */
export function neighbourhood(d: Diagram, centre: string, depth: number): Diagram {
  const adjacent = new Map<string, Set<string>>();
  const link = (a: string, b: string) => { let s = adjacent.get(a); if (!s) adjacent.set(a, (s = new Set())); s.add(b); };
  for (const r of d.relationships) { link(r.child, r.parent); link(r.parent, r.child); }
  const keep = new Set([centre]);
  let frontier = [centre];
  for (let i = 0; i < depth && frontier.length; i++) {
    const next: string[] = [];
    for (const id of frontier) for (const n of adjacent.get(id) ?? []) if (!keep.has(n)) { keep.add(n); next.push(n); }
    frontier = next;
  }
  return restrict(d, keep);
}

/** The entities in `keep` and the relationships among them. */
export function restrict(d: Diagram, keep: Set<string>): Diagram {
  return {
    entities: d.entities.filter((e) => keep.has(e.id)),
    relationships: d.relationships.filter((r) => keep.has(r.child) && keep.has(r.parent)),
  };
}

/** The table a finding is about: the one of that name in the finding's file (two schemas of one run may share names). */
function tableOfFinding(byName: Map<string, Table[]>, f: Finding): Table | undefined {
  const named = (byName.get(lc(f.table)) ?? []).filter((t) => !f.schema || !t.schema || lc(t.schema) === lc(f.schema));
  return named.find((t) => t.file === f.file) ?? named[0];
}
