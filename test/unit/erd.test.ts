// The ER diagram model and its emitters: the Mermaid text of a case file says exactly what the schema
// model says (entities, keys, one relationship per FK with its cardinality); names Mermaid would misread
// are quoted; neighbourhoods; SVG and DOT carry every entity and relationship.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { buildDiagram, neighbourhood, findEntity } from '../../server/src/core/erd/model.ts';
import { toMermaid, entityName } from '../../server/src/core/erd/mermaid.ts';
import { toSvg } from '../../server/src/core/erd/svg.ts';
import { toDot } from '../../server/src/core/erd/dot.ts';
import { casesDir } from '../helpers/cases.ts';

const analyze = (text: string, file = 'schema.sql') => analyzeSources([{ file, text }], defaultOptions);

/** Reads our Mermaid back: entity → attributes with keys, and relationship lines. */
function parseMermaid(text: string) {
  const lines = text.split('\n');
  assert.equal(lines[0], 'erDiagram');
  const entities = new Map<string, { name: string; keys: string[] }[]>();
  const relationships: { parent: string; symbol: string; child: string; label: string }[] = [];
  const name = String.raw`("[^"%\\]+"|[A-Za-z_][A-Za-z0-9_]*)`;
  let current: string | undefined;
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^  ${name} \\{$`).exec(line))) { current = m[1].replace(/"/g, ''); entities.set(current, []); continue; }
    if (line === '  }') { current = undefined; continue; }
    if (current && (m = /^    ([A-Za-z_][A-Za-z0-9_\-()[\]]*) ([A-Za-z_][A-Za-z0-9_\-()[\]]*)((?: (?:PK|FK|UK),?)*)(?: "[^"]*")?$/.exec(line))) {
      entities.get(current)!.push({ name: m[2], keys: m[3].split(/[ ,]+/).filter(Boolean) });
      continue;
    }
    if ((m = new RegExp(`^  ${name} (\\|\\||\\|o)--(o\\{|o\\|) ${name} : "([^"]*)"$`).exec(line))) {
      relationships.push({ parent: m[1].replace(/"/g, ''), symbol: `${m[2]}--${m[3]}`, child: m[4].replace(/"/g, ''), label: m[5] });
      continue;
    }
    assert.fail(`unexpected Mermaid line: ${JSON.stringify(line)}`);
  }
  return { entities, relationships };
}

test('Mermaid of 09_ml_platform.sql: every table, key and FK of the model, with its cardinality', () => {
  const res = analyze(readFileSync(join(casesDir, '09_ml_platform.sql'), 'utf8'));
  const { entities, relationships } = parseMermaid(toMermaid(buildDiagram(res.workspace, res.findings)));
  const tables = res.workspace.tables;
  assert.ok(tables.length >= 5, 'the case has its tables');
  assert.deepEqual([...entities.keys()], tables.map((t) => t.name));
  for (const t of tables) {
    const attrs = entities.get(t.name)!;
    assert.deepEqual(attrs.map((a) => a.name), t.columns.map((c) => c.name), t.name);
    for (const c of t.columns) {
      const keys = attrs.find((a) => a.name === c.name)!.keys;
      assert.equal(keys.includes('PK'), (t.primaryKey?.columns ?? []).includes(c.name), `${t.name}.${c.name} PK`);
      assert.equal(keys.includes('FK'), t.foreignKeys.some((fk) => fk.columns.includes(c.name)), `${t.name}.${c.name} FK`);
    }
  }
  const fks = tables.flatMap((t) => t.foreignKeys.map((fk) => ({ t, fk })));
  assert.equal(relationships.length, fks.length);
  assert.ok(fks.length >= 4, 'the case has its foreign keys');
  for (const { t, fk } of fks) {
    const nullable = fk.columns.some((c) => t.columns.find((x) => x.name === c)!.nullable);
    const unique = [t.primaryKey, ...t.uniqueKeys].some((k) => k && k.columns.every((c) => fk.columns.includes(c)));
    const rel = relationships.find((r) => r.child === t.name && r.parent === fk.references.table && r.label === fk.columns.join(', '));
    assert.ok(rel, `relationship for ${t.name}(${fk.columns}) → ${fk.references.table}`);
    assert.equal(rel.symbol, `${nullable ? '|o' : '||'}--${unique ? 'o|' : 'o{'}`, `${t.name}(${fk.columns})`);
  }
  // the case's one nullable FK: models.created_by → users is zero-or-one on the users side
  assert.ok(relationships.some((r) => r.child === 'models' && r.parent === 'users' && r.symbol === '|o--o{'));
});

test('cardinality: NOT NULL FK = exactly one parent, nullable = zero or one, unique FK = one-to-one', () => {
  const res = analyze(`
    CREATE TABLE p (id int PRIMARY KEY);
    CREATE TABLE a (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p(id));
    CREATE TABLE b (id int PRIMARY KEY, p_id int REFERENCES p(id));
    CREATE TABLE c (p_id int PRIMARY KEY REFERENCES p(id));
    CREATE TABLE d (id int PRIMARY KEY, p_id int NOT NULL UNIQUE REFERENCES p(id));`);
  const rels = buildDiagram(res.workspace, res.findings).relationships;
  const end = (child: string) => { const r = rels.find((x) => x.child === child)!; return `${r.parentEnd}/${r.childEnd}`; };
  assert.equal(end('a'), 'one/zero-or-many');
  assert.equal(end('b'), 'zero-or-one/zero-or-many');
  assert.equal(end('c'), 'one/zero-or-one');
  assert.equal(end('d'), 'one/zero-or-one');
});

test('Mermaid names: dots, spaces, digits and keywords are quoted; odd column names are attribute words', () => {
  assert.equal(entityName('users'), 'users');
  assert.equal(entityName('public.users'), '"public.users"');
  assert.equal(entityName('order items'), '"order items"');
  assert.equal(entityName('2fa'), '"2fa"');
  assert.equal(entityName('one'), '"one"');
  assert.equal(entityName('u'), '"u"');
  assert.equal(entityName('50%"off'), '"50__off"');
  const res = analyze('CREATE TABLE s.one (id int PRIMARY KEY, "first name" text, "2nd" numeric(10,2), pk int);\nCREATE TABLE "my table" (x int REFERENCES s.one(id));');
  const text = toMermaid(buildDiagram(res.workspace, res.findings));
  const parsed = parseMermaid(text);   // every line reads back
  assert.deepEqual([...parsed.entities.keys()], ['s.one', 'my table']);
  assert.match(text, /^ {4}text first_name "first name"$/m);
  assert.match(text, /^ {4}numeric\(10_2\) _2nd "2nd"$/m);
  assert.equal(parsed.relationships[0].symbol, '|o--o{');
});

test('findings colour the entity by the lowest normal form broken and count', () => {
  const res = analyze(readFileSync(join(casesDir, '23_enrollments_2nf.sql'), 'utf8'));
  const d = buildDiagram(res.workspace, res.findings);
  const broken = d.entities.filter((e) => e.breaks);
  assert.ok(broken.length > 0, 'the 2NF case breaks a normal form');
  for (const e of d.entities) {
    const own = res.findings.filter((f) => f.table.toLowerCase() === e.name.toLowerCase());
    assert.equal(e.findings, own.length, e.name);
  }
  assert.ok(broken.some((e) => e.breaks === '2NF'));
});

test('neighbourhood: the table and the tables N foreign keys away', () => {
  const res = analyze(`
    CREATE TABLE a (id int PRIMARY KEY);
    CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id));
    CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b(id));
    CREATE TABLE d (id int PRIMARY KEY, c_id int REFERENCES c(id));
    CREATE TABLE lone (id int PRIMARY KEY);`);
  const d = buildDiagram(res.workspace, res.findings);
  const ids = (depth: number) => neighbourhood(d, findEntity(d, 'B')!.id, depth).entities.map((e) => e.id);
  assert.deepEqual(ids(0), ['b']);
  assert.deepEqual(ids(1), ['a', 'b', 'c']);
  assert.deepEqual(ids(2), ['a', 'b', 'c', 'd']);
  assert.equal(neighbourhood(d, 'b', 1).relationships.length, 2);
  assert.equal(findEntity(d, 'nope'), undefined);
});

test('SVG and DOT hold every entity and relationship', () => {
  const res = analyze(readFileSync(join(casesDir, '09_ml_platform.sql'), 'utf8'));
  const d = buildDiagram(res.workspace, res.findings);
  const svg = toSvg(d, { standalone: true });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(svg.match(/class="erd-entity /g)?.length, d.entities.length);
  assert.equal(svg.match(/class="erd-line"/g)?.length, d.relationships.length);
  assert.doesNotMatch(toSvg(d), /style=|<style>/, 'no inline styles for the webview');
  const dot = toDot(d);
  assert.equal(dot.match(/ -> /g)?.length, d.relationships.length);
});

test('Normalize before/after: the table and its neighbours, then what it becomes (the copy of products.title dropped)', async () => {
  const { normalizeTable } = await import('../../server/src/core/fix/normalize.ts');
  const { normalizeDiagrams } = await import('../../server/src/core/erd/normalized.ts');
  const text = readFileSync(join(import.meta.dirname, '../fixtures/erd-shop.sql'), 'utf8');
  const res = analyze(text);
  const table = res.workspace.tables.find((t) => t.name === 'order_lines')!;
  const out = normalizeTable(res, table.file, 'order_lines', '3nf', defaultOptions, text);
  const { before, after } = normalizeDiagrams(res, table, out.ddl, defaultOptions);
  assert.deepEqual(before.entities.map((e) => e.id).sort(), ['order_lines', 'orders', 'products']);   // invoices and customers are two hops away
  assert.equal(before.entities.find((e) => e.id === 'order_lines')!.breaks, '2NF');
  const names = after.entities.map((e) => e.name).sort();
  // product_id already references products: Normalize drops the copy instead of adding a products-like table
  assert.deepEqual(names, ['order_lines', 'orders', 'products'], `no second products table: ${names}`);
  assert.ok(names.includes('orders') && names.includes('products') && names.includes('order_lines'), names.join(', '));
  const lines = after.entities.find((e) => e.name === 'order_lines' && !e.id.includes('#'))!;
  assert.equal(lines.breaks, undefined, 'the decomposed table breaks no normal form');
  assert.ok(!lines.columns.some((c) => c.name === 'product_title'), 'product_title moved out');
  assert.ok(after.relationships.some((r) => r.child === lines.id && r.parent === 'orders'), 'its FK to orders is kept');
});
