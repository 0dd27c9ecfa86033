// Rows for a case that has none: values that satisfy every dependency the analysis knows (and the keys),
// with determinants repeated where possible so the normalized tables really share rows.
import type { Column, Dialect, Table, Value } from '../../../server/src/core/model.ts';
import type { TableAnalysis } from '../../../server/src/core/fd/types.ts';
import { minimalCover, type FD } from '../../../server/src/core/fd/theory.ts';
import { quoteIdent } from '../../../server/src/core/fix/ident.ts';

const lc = (s: string) => s.toLowerCase();

/** Enum types by lower-cased name (with and without schema) → labels. */
export type Enums = Map<string, string[]>;

function typed(c: Column, v: number, enums: Enums): Value {
  const t = lc(c.type);
  // a PostgreSQL array (text[], integer ARRAY): one element of the element type
  const element = /^(.*?)\s*(\[\s*\d*\s*\]|\barray)\s*$/.exec(t);
  if (element) { const v1 = typed({ ...c, type: element[1] }, v, enums); return `{${JSON.stringify(typeof v1 === 'string' ? v1 : String(v1))}}`; }
  const labels = enums.get(t.replace(/"/g, '')) ?? enums.get(t.replace(/"/g, '').replace(/^\w+\./, ''));
  if (labels?.length) return labels[(v - 1) % labels.length];
  if (/bool/.test(t)) return v % 2 === 1;
  if (/int|serial/.test(t)) return v;
  const dec = /(?:dec|numeric)\w*\s*\(\s*(\d+)\s*(?:,\s*(\d+))?\s*\)/.exec(t);
  if (dec) return Number(dec[2] ?? 0) > 0 ? v / 10 : v;
  if (/dec|numeric|real|double|float|money/.test(t)) return v / 10;
  if (/timestamp|datetime/.test(t)) return new Date(Date.UTC(2024, 0, 1, 0, v)).toISOString().slice(0, 19).replace('T', ' ');
  if (/date/.test(t)) return new Date(Date.UTC(2024, 0, 1 + v)).toISOString().slice(0, 10);
  if (/json/.test(t)) return `{"v": ${v}}`;
  if (/^(inet|cidr)\b/.test(t)) return `10.0.0.${v}`;
  if (/^uuid\b/.test(t)) return `00000000-0000-4000-8000-${String(v).padStart(12, '0')}`;
  if (/^macaddr\b/.test(t)) return `08:00:2b:01:02:${v.toString(16).padStart(2, '0')}`;
  const len = /\(\s*(\d+)\s*\)/.exec(t);
  const s = `${c.name[0] ?? 'v'}${v}`;
  if (len && s.length > Number(len[1])) return v.toString(36).slice(-Number(len[1]));
  return s;
}

function holds(rows: Record<string, Value>[], fds: FD[]): boolean {
  for (const fd of fds) {
    const seen = new Map<string, string>();
    for (const r of rows) {
      const k = JSON.stringify(fd.lhs.map((a) => r[a])), v = JSON.stringify(fd.rhs.map((a) => r[a]));
      if (seen.has(k) && seen.get(k) !== v) return false;
      seen.set(k, v);
    }
  }
  return true;
}

export function generateRows(table: Table, a: TableAnalysis, n = 6, enums: Enums = new Map()): { columns: string[]; rows: Value[][] } {
  const cols = table.columns.filter((c) => !c.generated);
  const attrs = cols.map((c) => lc(c.name));
  const fds: FD[] = a.dependencies.map((d) => ({ lhs: d.determinant.map(lc), rhs: d.dependents.map(lc).filter((x) => attrs.includes(x)) }))
    .filter((f) => f.rhs.length && f.lhs.every((x) => attrs.includes(x)));
  const keys = [...(table.primaryKey ? [table.primaryKey.columns] : []), ...a.candidateKeys, ...table.uniqueKeys.map((u) => u.columns)].map((k) => k.map(lc));
  for (const k of keys) fds.push({ lhs: k, rhs: attrs });
  const cover = minimalCover(fds);
  const key = keys[0] ?? attrs;
  const keyFd = (fd: FD) => keys.some((k) => k.every((x) => fd.lhs.includes(x)));
  const determinants = new Set(cover.filter((fd) => !keyFd(fd)).flatMap((fd) => fd.lhs));
  const rows: Record<string, number>[] = [];
  const maps = new Map<string, Map<string, number>>();
  for (let i = 0; i < n; i++) {
    const r: Record<string, number> = {};
    key.forEach((k, j) => { r[k] = key.length === 1 ? i + 1 : j === 0 ? (i % 3) + 1 : j === 1 ? Math.floor(i / 3) + 1 : i + 1; });
    for (let progress = true; progress;) {
      progress = false;
      for (const fd of cover) {
        // a key's dependents get a fresh value per row below unless they determine something: a small range
        // there would repeat with the key's own columns and show dependencies nobody declared
        // (local_data_id → action in a two-column key)
        const t = fd.rhs[0];
        if (keyFd(fd) && !determinants.has(t)) continue;
        if (t in r || !fd.lhs.every((x) => x in r)) continue;
        // a small range of values, so determinants repeat (the redundancy normalization removes);
        // rows that then break a key or dependency are trimmed below
        const m = maps.get(t) ?? new Map<string, number>(); maps.set(t, m);
        const combo = JSON.stringify(fd.lhs.map((x) => r[x]));
        if (!m.has(combo)) m.set(combo, (m.size % 3) + 1);
        r[t] = m.get(combo)!;
        progress = true;
      }
    }
    for (const x of attrs) if (!(x in r)) r[x] = i + 1;
    rows.push(r);
  }
  let out = rows.map((r) => Object.fromEntries(cols.map((c) => [lc(c.name), typed(c, r[lc(c.name)], enums)])) as Record<string, Value>);
  // keep the longest prefix that satisfies every dependency and key (typed values may collide)
  while (out.length > 1 && !holds(out, fds)) out = out.slice(0, -1);
  return { columns: cols.map((c) => c.name), rows: out.map((r) => cols.map((c) => r[lc(c.name)])) };
}

export function literal(v: Value, dialect: Dialect): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return dialect === 'sqlite' ? (v ? '1' : '0') : v ? 'TRUE' : 'FALSE';
  // binary values read back from an engine (bytea, BLOB) are written as hex literals
  const bin = v as unknown;
  if (bin instanceof Uint8Array) { const hex = Buffer.from(bin).toString('hex'); return dialect === 'postgresql' ? `'\\x${hex}'` : `X'${hex}'`; }
  const s = String(v).replace(/'/g, "''");
  return `'${dialect === 'mysql' || dialect === 'mariadb' ? s.replace(/\\/g, '\\\\') : s}'`;
}

export function insertStatement(table: string, columns: string[], rows: Value[][], dialect: Dialect): string {
  if (!rows.length) return '';
  const q = (n: string) => quoteIdent(n, dialect);
  return `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES\n` + rows.map((r) => `  (${r.map((v) => literal(v, dialect)).join(', ')})`).join(',\n') + ';\n';
}
