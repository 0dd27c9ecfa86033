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
import { isIdLike, isRowAttribute, singular, wordKey, words } from '../names.ts';
import { lookupRef } from './naming.ts';

const MAX_HOPS = 3;

interface Hop { fk: ForeignKey; from: Table; to: Table }

export function referenceDependencies(t: TableContext): Inferred[] {
  const out: Inferred[] = [];
  if (t.table.foreignKeys.length === 0) return out;
  // Candidate copies by their words joined with '_' (so `ArtistName` and `artist_name` meet).
  const candidates = new Map<string, string>();
  t.names.forEach((n, i) => {
    if (!t.idLike[i] && !t.cols.get(n)!.generated && !t.keyCols.has(n) && !t.fkCols.has(n)) candidates.set(wordKey(t.cols.get(n)!.name), n);
  });
  if (candidates.size === 0) return out;
  const firstWords = new Set([...candidates.keys()].map((k) => k.split('_')[0]));
  for (const fk of t.table.foreignKeys) {
    const target = lookupRef(t, fk.references.schema, fk.references.table);
    if (!target) continue;
    const determinant = fk.columns.map(lc);
    if (!determinant.every((c) => t.cols.has(c))) continue;
    // A foreign key that is itself a key of this table (1:1 extension) makes its copies depend on a key.
    if (t.keys.some((k) => k.columns.every((c) => determinant.includes(c)))) continue;
    const found = new Map<string, string>();
    walk(t, [{ fk, from: t.table, to: target }], candidates, found, new Set([t.table, target]), firstWords);
    if (found.size === 0) continue;
    out.push({
      determinant,
      dependents: [...found.keys()],
      evidence: { source: 'reference', detail: [...found.values()].join('; '), file: fk.file ?? t.table.file, span: fk.span },
    });
  }
  return out;
}

/** Columns of a referenced table that can be copied: not its key, foreign-key or identifier columns. Cached per table. */
const copyable = new WeakMap<Table, { name: string; words: string[] }[]>();
function copyableColumns(r: Table): { name: string; words: string[] }[] {
  let l = copyable.get(r);
  if (l) return l;
  const rKeys = new Set((r.primaryKey?.columns ?? []).map(lc));
  const rFks = new Set(r.foreignKeys.flatMap((f) => f.columns.map(lc)));
  l = r.columns.filter((c) => !rKeys.has(lc(c.name)) && !rFks.has(lc(c.name)) && !isIdLike(c.name)).map((c) => ({ name: c.name, words: words(c.name) }));
  copyable.set(r, l);
  return l;
}

function walk(t: TableContext, path: Hop[], candidates: Map<string, string>, found: Map<string, string>, visited: Set<Table>, firstWords: Set<string>): void {
  const hop = path[path.length - 1];
  const r = hop.to;
  // Only prefixes some candidate starts with can match (cheap filter before looking at r's columns).
  const prefixes = entityPrefixes(hop).filter((p) => firstWords.has(p[0]));
  if (prefixes.length) for (const rc of copyableColumns(r)) {
    const rw = rc.words;
    const tryMatch = (key: string, attr: string[]) => {
      const c = candidates.get(key);
      if (c === undefined || found.has(c) || attr.length === 0 || isRowAttribute(attr)) return;
      found.set(c, describe(t, path, c, rc.name));
    };
    // same name, and the name itself carries the entity: dept_title in departments (not in a self-reference)
    if (r !== t.table) {
      const p = prefixes.filter((x) => startsWith(rw, x));
      if (p.length) tryMatch(rw.join('_'), rw.slice(Math.max(...p.map((x) => x.length))));
    }
    // entity prefix + the referenced column: model_name for models.name, artist_name for artists.name
    for (const p of prefixes) tryMatch([...p, ...rw].join('_'), rw);
  }
  // Only the row's own FK path counts: through a self-reference (parent_node_id → nodes) the next hops
  // describe the parent row's references, not this row's.
  if (path.length >= MAX_HOPS || r === t.table || r === hop.from) return;
  // Breadth-limited: each table is visited once per foreign key (the first, shortest-so-far path wins).
  for (const fk of r.foreignKeys) {
    const next = lookupRef(t, fk.references.schema, fk.references.table);
    if (!next || visited.has(next)) continue;
    visited.add(next);
    walk(t, [...path, { fk, from: r, to: next }], candidates, found, visited, firstWords);
  }
}

/** Word sequences naming the entity of a hop: the FK column's stem (`album` of album_id) and the table's name (singular). */
const prefixCache = new WeakMap<ForeignKey, WeakMap<Table, string[][]>>();
function entityPrefixes(hop: Hop): string[][] {
  let m = prefixCache.get(hop.fk);
  if (!m) { m = new WeakMap(); prefixCache.set(hop.fk, m); }
  let p = m.get(hop.to);
  if (!p) { p = computePrefixes(hop); m.set(hop.to, p); }
  return p;
}

function computePrefixes(hop: Hop): string[][] {
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

function describe(t: TableContext, path: Hop[], column: string, refColumn: string): string {
  const chain = path.map((h, i) => `${i === 0 ? h.fk.columns.join(', ') : `${h.from.name}.${h.fk.columns.join(', ')}`} → ${h.to.name}`).join(' → ');
  return `${t.display(column)} copies ${path[path.length - 1].to.name}.${refColumn} (via ${chain})`;
}
