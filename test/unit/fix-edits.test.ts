// Every fix and every "Normalize table" result over the shared cases: edits are non-overlapping, their
// LSP ranges match their offsets, applying them then undoing them restores the file exactly, the
// rewritten file still reads, and no migration drops a column before the last INSERT that copies data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCases } from '../helpers/cases.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';
import type { TextEdit } from '../../server/src/core/findings.ts';
import { computeLineStarts, rangeOf } from '../../server/src/core/positions.ts';
import { readFile } from '../../server/src/core/reader/index.ts';
import { normalizeTable } from '../../server/src/core/fix/normalize.ts';
import { applyEdits } from '../engines/helpers/apply.ts';

const cases = loadCases();
const FIXED_HERE = new Set(['list-column', 'repeating-group', 'partial-dependency', 'transitive-dependency', 'bcnf-violation']);

/** What an editor's undo does: replace each edited region of the new text by the old text. */
function undo(original: string, edits: TextEdit[], edited: string): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let out = edited, delta = 0;
  const inverse = sorted.map((e) => {
    const start = e.span.start + delta;
    delta += e.newText.length - (e.span.end - e.span.start);
    return { start, end: start + e.newText.length, text: original.slice(e.span.start, e.span.end) };
  });
  for (const inv of inverse.reverse()) out = out.slice(0, inv.start) + inv.text + out.slice(inv.end);
  return out;
}

function checkEdits(label: string, file: string, text: string, edits: TextEdit[]): string {
  const own = edits.filter((e) => !e.createFile);
  assert.ok(own.every((e) => e.file === file), `${label}: edits another file`);
  const starts = computeLineStarts(text);
  for (const e of own) assert.deepEqual(e.range, rangeOf(starts, e.span), `${label}: range does not match span`);
  const after = applyEdits(text, own); // throws on overlap
  assert.equal(undo(text, own, after), text, `${label}: undo does not restore the file`);
  return after;
}

/** Every DROP comes after the last copy (INSERT … SELECT) or, for copies dropped outright, after their guard. */
function dropsAfterCopies(label: string, migration: string): void {
  const upper = migration.toUpperCase().replace(/^.*NORMLINT_GUARD.*$/gm, (l) => (/INSERT/.test(l) ? '-- GUARD' : ''));
  const lastInsert = upper.lastIndexOf('INSERT INTO');
  const lastGuard = Math.max(upper.lastIndexOf('-- GUARD'), upper.lastIndexOf('RAISE EXCEPTION'));
  const firstDrop = upper.search(/DROP (COLUMN|TABLE)/);
  if (firstDrop >= 0) assert.ok((lastInsert >= 0 && firstDrop > lastInsert) || (lastGuard >= 0 && firstDrop > lastGuard), `${label}: drops before copying`);
}

for (const mode of ['inline', 'file'] as const) {
  test(`fixes of every finding (${mode} migrations)`, () => {
    let n = 0;
    for (const c of cases) {
      const options: Options = { ...defaultOptions, migrations: mode };
      const r = analyzeSources([{ file: c.name, text: c.text }], options);
      for (const f of r.findings) {
        for (const fx of f.fixes) {
          if (fx.declined) { assert.ok(/^Cannot .* because /.test(fx.title) && fx.edits.length === 0, `${fx.title}: a declined fix says why and edits nothing`); continue; }
          const label = `${c.name} ${f.rule} ${f.table}: ${fx.title}`;
          const after = checkEdits(label, c.name, c.text, fx.edits);
          if (!FIXED_HERE.has(f.rule)) continue;
          n++;
          assert.ok(fx.migration, `${label}: no migration`);
          dropsAfterCopies(label, fx.migration!);
          const created = fx.edits.filter((e) => e.createFile);
          if (mode === 'file') {
            assert.equal(created.length, 1, `${label}: expected one migration file`);
            assert.equal(created[0].file, c.name.replace(/\.sql$/, `.migration-${f.table}.sql`));
            assert.equal(created[0].newText, fx.migration);
            assert.ok(!/data migration/.test(after), `${label}: migration also inlined`);
          } else {
            assert.equal(created.length, 0);
            assert.ok(/-- normlint: data migration/.test(after), `${label}: inline migration missing`);
          }
          // the rewritten file still reads, with the same table and no unreadable statement
          const fm = readFile(after, c.name, c.dialect as Options['dialect']);
          assert.ok(fm.tables.some((t) => t.name === f.table), `${label}: table lost from the rewritten file`);
          assert.deepEqual(fm.unreadable.filter((u) => u.tableName), [], `${label}: rewritten file has unreadable CREATE TABLE`);
        }
      }
    }
    assert.ok(n >= 30, `expected fixes for the labeled cases, got ${n}`);
  });
}

test('Normalize table for every table with a finding, in every dialect', () => {
  let n = 0;
  for (const c of cases) {
    for (const dialect of ['postgresql', 'mysql', 'mariadb', 'sqlite'] as const) {
      const options: Options = { ...defaultOptions, dialect };
      const r = analyzeSources([{ file: c.name, text: c.text }], options);
      const tables = new Set(r.findings.filter((f) => FIXED_HERE.has(f.rule)).map((f) => f.table));
      for (const t of tables) {
        for (const to of ['3nf', 'bcnf'] as const) {
          const out = normalizeTable(r, c.name, t, to, options, c.text);
          const label = `${c.name} ${t} ${to} ${dialect}`;
          if (!out.edits.length) continue;
          n++;
          const after = checkEdits(label, c.name, c.text, out.edits);
          dropsAfterCopies(label, out.migration);
          const fm = readFile(after, c.name, dialect);
          for (const nt of out.tables) assert.ok(fm.tables.some((x) => x.name === nt.name), `${label}: ${nt.name} not in the rewritten file`);
          assert.deepEqual(fm.unreadable.filter((u) => u.tableName), [], `${label}: unreadable CREATE TABLE after rewrite`);
        }
      }
    }
  }
  assert.ok(n >= 100, `expected normalizations, got ${n}`);
});
