// Templated SQL is read rendered ("placeholders"), but the editor shows the file as written: every finding
// must point at the file's own text, and no fix may write rendered values over the template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProject } from '../../server/src/core/migrations/index.ts';
import { originalOffset } from '../../server/src/core/migrations/rendered.ts';
import { renderTracked } from '../../server/src/core/reader/history.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { computeLineStarts, offsetAt } from '../../server/src/core/positions.ts';

const PREFIX = { '{$db_prefix}': 'smf_' };
const at = (text: string, pos: { line: number; character: number }) => offsetAt(computeLineStarts(text), pos, text.length);

test('originalOffset maps rendered offsets back across shorter and longer values', () => {
  const text = 'a {$p} b {$p} c';
  const { text: out, pieces } = renderTracked(text, { '{$p}': 'LONGER' });
  assert.equal(out, 'a LONGER b LONGER c');
  for (const word of ['a', 'b', 'c']) assert.equal(originalOffset(pieces, out.indexOf(word), 'start'), text.indexOf(word), word);
  const inside = out.indexOf('LONGER') + 2;
  assert.equal(originalOffset(pieces, inside, 'start'), 2, 'inside a value: the placeholder start');
  assert.equal(originalOffset(pieces, inside, 'end'), 6, 'inside a value: the placeholder end');
});

test('a plain templated file: finding ranges point at the columns in the file as written', () => {
  const text = [
    'CREATE TABLE {$db_prefix}members (id_member int PRIMARY KEY, member_name varchar(80));',
    'CREATE TABLE {$db_prefix}messages (id_msg int PRIMARY KEY, {$db_prefix}note text, id_member int REFERENCES {$db_prefix}members (id_member),',
    '  poster_id int, poster_name varchar(80), poster_email varchar(80));',
    '',
  ].join('\n');
  const r = analyzeProject([{ file: '/ws/install.sql', text }], { ...defaultOptions, dialect: 'postgresql', migrationFolders: { placeholders: PREFIX } });
  const dep = r.findings.filter((f) => f.rule === 'transitive-dependency');
  assert.ok(dep.length > 0, `precondition: a dependency finding (${r.findings.map((f) => f.rule).join(', ')})`);
  const fk = r.findings.find((f) => f.rule === 'fk-missing-index');
  assert.ok(fk, 'precondition: the unindexed FK id_member');
  for (const f of [...dep, fk]) {
    const start = at(text, f.range.start);
    assert.equal(start, f.span.start, `${f.rule}: range and span agree`);
    const shown = text.slice(start, at(text, f.range.end));
    assert.ok(f.columns.some((c) => shown.includes(c)) || shown.includes(f.table.replace('smf_', '')), `${f.rule} points at "${shown}" in the file as written`);
  }
  for (const f of r.findings) for (const x of f.fixes) for (const e of x.edits) {
    if (e.createFile) continue;
    assert.ok(!e.newText.includes('smf_'), `${f.rule}: "${x.title}" would write the rendered prefix into the template`);
  }
  const declined = r.findings.flatMap((f) => f.declinedFixes ?? []);
  assert.ok(declined.some((d) => /templated/.test(d.reason)), 'a refused rewrite says the file is templated');
});

test('a templated migration: the finding sits on the migration\'s own text', () => {
  const text = 'CREATE TABLE {{ index .Options "Namespace" }}.sessions (\n  id uuid PRIMARY KEY,\n  user_id uuid REFERENCES {{ index .Options "Namespace" }}.users (id)\n);\n';
  const sources = [
    { file: 'migrations/20200101000000_users.up.sql', text: 'CREATE TABLE {{ index .Options "Namespace" }}.users (id uuid PRIMARY KEY);\n' },
    { file: 'migrations/20200102000000_sessions.up.sql', text },
  ];
  const r = analyzeProject(sources, { ...defaultOptions, migrationFolders: { placeholders: { '{{ index .Options "Namespace" }}': 'auth' } } });
  const fk = r.findings.find((f) => f.rule === 'fk-missing-index');
  assert.ok(fk, `precondition: the unindexed FK (${r.findings.map((f) => f.rule).join(', ')})`);
  assert.equal(fk.file, sources[1].file);
  assert.equal(text.slice(at(text, fk.range.start), at(text, fk.range.end)), 'REFERENCES {{ index .Options "Namespace" }}.users (id)', 'the whole reference, placeholder included');
});

test('a new migration in a templated folder names the folder\'s placeholders, not the rendered values, and runs once rendered', async () => {
  const NS = '{{ index .Options "Namespace" }}';
  const placeholders = { [NS]: 'auth' };
  const sources = [
    { file: 'migrations/20200101000000_users.up.sql', text: `CREATE TABLE ${NS}.users (id uuid PRIMARY KEY, name text);\n` },
    { file: 'migrations/20200102000000_sessions.up.sql', text: `CREATE TABLE ${NS}.sessions (\n  id uuid PRIMARY KEY,\n  user_id uuid REFERENCES ${NS}.users (id),\n  auth_level text\n);\n` },
    { file: 'migrations/20200103000000_devices.up.sql', text: `ALTER TABLE ${NS}.sessions ADD COLUMN device_id int, ADD COLUMN device_name text;\nINSERT INTO ${NS}.sessions VALUES ('00000000-0000-4000-8000-000000000001', NULL, 'aal1', 1, 'phone'), ('00000000-0000-4000-8000-000000000002', NULL, 'aal1', 1, 'phone'), ('00000000-0000-4000-8000-000000000003', NULL, 'aal2', 2, 'laptop');\n` },
  ];
  const options = { ...defaultOptions, dialect: 'postgresql' as const, migrationFolders: { placeholders } };
  const r = analyzeProject(sources, options);
  const created = r.findings.flatMap((f) => f.fixes.slice(0, 1).flatMap((x) => x.edits.filter((e) => e.createFile).map((e) => ({ ...e, rule: f.rule, columns: f.columns }))));
  assert.deepEqual(created.map((e) => e.rule).sort(), ['fk-missing-index', 'transitive-dependency'], `precondition: new migrations for the FK index and the device split (${r.findings.map((f) => f.rule).join(', ')})`);
  const render = (t: string) => t.split(NS).join('auth');
  const { PGlite } = await import('@electric-sql/pglite');
  for (const e of created) {
    assert.ok(e.file.startsWith('migrations/2020010300000'), `${e.file}: the folder's next migration`);
    assert.ok(e.newText.includes(`${NS}.sessions`) || e.newText.includes(`"${NS}"."sessions"`), `${e.file} names the table through the placeholder:\n${e.newText}`);
    assert.ok(!/\bauth"?\./.test(e.newText), `${e.file}: no rendered schema name in the SQL:\n${e.newText}`);
    assert.ok(/\bauth_level\b/.test(e.newText) || !e.newText.includes('level'), 'a name that only starts like the value is kept');
    // the migrator renders the new file like the others: it runs after them
    const db = await PGlite.create();
    try {
      await db.exec('CREATE SCHEMA auth');
      for (const s of sources) await db.exec(render(s.text));
      await db.exec(render(e.newText));
    } finally { await db.close(); }
    const again = analyzeProject([...sources, { file: e.file, text: e.newText }], options);
    assert.deepEqual(again.findings.filter((f) => f.rule === e.rule && f.columns.join() === e.columns.join()).map((f) => f.message), [], `${e.rule}: gone once the new migration is in the folder`);
  }
});
