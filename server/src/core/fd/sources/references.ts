// References: a column that copies a non-key column of the table a foreign key points to, followed along
// foreign-key chains (tracks.artist_name via album_id → albums.artist_id → artists.name). The foreign-key
// columns then determine the copy: changing the referenced row's value leaves the copies stale.
//
// A copy must carry the referenced entity in its name (`dept_title` where departments has `dept_title`,
// `model_name` for models.name): two tables merely sharing a generic column (`name`, `status`,
// `last_update`) is not a copy. Columns that describe the relationship (quantity, price at the time of
// sale, timestamps, status, notes) are not copies either, nor key, foreign-key or identifier columns.
import type { ForeignKey, Table } from '../../model.ts';
import type { Inferred, TableContext } from '../context.ts';
import { lc } from '../context.ts';
import { isIdLike, isRowAttribute, singular, words } from '../names.ts';
import { lookupRef } from './naming.ts';

const MAX_HOPS = 3;

interface Hop { fk: ForeignKey; from: Table; to: Table }

export function referenceDependencies(t: TableContext): Inferred[] {
  const out: Inferred[] = [];
  const candidates = t.names.filter((n) => {
    const c = t.cols.get(n)!;
    return !c.generated && !t.keyCols.has(n) && !t.fkCols.has(n) && !isIdLike(c.name);
  });
  if (candidates.length === 0) return out;
  for (const fk of t.table.foreignKeys) {
    const target = lookupRef(t, fk.references.schema, fk.references.table);
    if (!target) continue;
    const determinant = fk.columns.map(lc);
    if (!determinant.every((c) => t.cols.has(c))) continue;
    // A foreign key that is itself a key of this table (1:1 extension) makes its copies depend on a key.
    if (t.keys.some((k) => k.columns.every((c) => determinant.includes(c)))) continue;
    const found = new Map<string, string>();
    walk(t, [{ fk, from: t.table, to: target }], candidates, found);
    if (found.size === 0) continue;
    const span = fk.span;
    out.push({
      determinant,
      dependents: [...found.keys()],
      evidence: { source: 'reference', detail: [...found.values()].join('; '), file: fk.file ?? t.table.file, span },
    });
  }
  return out;
}

function walk(t: TableContext, path: Hop[], candidates: string[], found: Map<string, string>): void {
  const hop = path[path.length - 1];
  const r = hop.to;
  const prefixes = entityPrefixes(hop);
  const rKeys = new Set((r.primaryKey?.columns ?? []).map(lc));
  const rFks = new Set(r.foreignKeys.flatMap((f) => f.columns.map(lc)));
  for (const rc of r.columns) {
    const rn = lc(rc.name);
    if (rKeys.has(rn) || rFks.has(rn) || isIdLike(rc.name)) continue;
    const rw = words(rc.name);
    for (const c of candidates) {
      if (found.has(c)) continue;
      const cw = words(t.display(c));
      let attr: string[] | undefined;
      // same name, and the name itself carries the entity: dept_title in departments
      if (c === rn && r !== t.table && prefixes.some((p) => startsWith(rw, p))) attr = rw.slice(prefixOf(rw, prefixes));
      // entity prefix + the referenced column: model_name for models.name, artist_name for artists.name
      else for (const p of prefixes) if (cw.length === p.length + rw.length && startsWith(cw, p) && startsWith(cw.slice(p.length), rw)) attr = rw;
      if (!attr || attr.length === 0 || isRowAttribute(attr)) continue;
      found.set(c, describe(t, path, c, rc.name));
    }
  }
  if (path.length >= MAX_HOPS) return;
  for (const fk of r.foreignKeys) {
    const next = lookupRef(t, fk.references.schema, fk.references.table);
    if (!next || path.some((h) => h.to === next) || next === t.table) continue;
    walk(t, [...path, { fk, from: r, to: next }], candidates, found);
  }
}

/** Word sequences naming the entity of a hop: the FK column's stem (`album` of album_id) and the table's name (singular). */
function entityPrefixes(hop: Hop): string[][] {
  const out: string[][] = [];
  if (hop.fk.columns.length === 1) {
    const w = words(hop.fk.columns[0]);
    if (w.length >= 2 && isIdLike(hop.fk.columns[0])) out.push(w.slice(0, -1));
  }
  const tw = words(hop.to.name);
  if (tw.length) out.push([...tw.slice(0, -1), singular(tw[tw.length - 1])]);
  return out.filter((p) => p.length > 0);
}

const startsWith = (w: string[], p: string[]) => p.length <= w.length && p.every((x, i) => x === w[i]);
const prefixOf = (w: string[], ps: string[][]) => Math.max(...ps.filter((p) => startsWith(w, p)).map((p) => p.length));

function describe(t: TableContext, path: Hop[], column: string, refColumn: string): string {
  const chain = path.map((h, i) => `${i === 0 ? h.fk.columns.join(', ') : `${h.from.name}.${h.fk.columns.join(', ')}`} → ${h.to.name}`).join(' → ');
  return `${t.display(column)} copies ${path[path.length - 1].to.name}.${refColumn} (via ${chain})`;
}
