// The CLI contract (DESIGN.md): exit codes, read errors, JSON/SARIF shapes, config validation, folders.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../server/src/core/config.ts';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
let dir = '';

before(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: root, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'normlint-cli-'));
  writeFileSync(join(dir, 'clean.sql'), 'CREATE TABLE a (id int PRIMARY KEY, name text);\n');
  writeFileSync(join(dir, 'unreadable.sql'), 'CREATE TABLE broken garbage (x);\nCREATE TABLE fine (id int PRIMARY KEY);\n');
  mkdirSync(join(dir, 'nested/deeper'), { recursive: true });
  writeFileSync(join(dir, 'nested/deeper/z.sql'), 'CREATE TABLE z (id int PRIMARY KEY);\n');
  writeFileSync(join(dir, 'nested/b.sql'), 'CREATE TABLE b (id int PRIMARY KEY);\n');
  writeFileSync(join(dir, 'nested/notes.txt'), 'not sql');
  writeFileSync(join(dir, 'good.normlintrc.json'), JSON.stringify({ rules: { 'unreadable-statement': 'off' } }));
  writeFileSync(join(dir, 'bad.normlintrc.json'), JSON.stringify({ dialect: 'oracle', rulez: {} }));
});

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('exit 0 when clean, 1 with findings, text output', () => {
  const clean = run(['check', 'clean.sql']);
  assert.equal(clean.code, 0, clean.err);
  assert.match(clean.out, /no problems in 1 file/);
  const found = run(['check', 'unreadable.sql']);
  assert.equal(found.code, 1, found.err);
  assert.match(found.out, /^unreadable\.sql:1:1: info unreadable-statement: /m);
});

test('check --format json: the DESIGN.md shape, 0-based ranges, file as given', () => {
  const r = run(['check', '--format', 'json', 'unreadable.sql']);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.out);
  assert.equal(out.version, 1);
  const f = out.findings[0];
  assert.deepEqual(Object.keys(f).sort(), ['columns', 'evidence', 'file', 'fixes', 'message', 'range', 'rule', 'severity', 'table'].sort());
  assert.equal(f.file, 'unreadable.sql');
  assert.equal(f.table, 'broken');
  assert.deepEqual(f.range.start, { line: 0, character: 0 });
  assert.ok(Array.isArray(f.fixes));
});

test('an unreadable path gives a clear message and exit 2, the other files are still checked', () => {
  const r = run(['check', '--format', 'json', 'missing.sql', 'unreadable.sql']);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read missing\.sql: no such file or folder/);
  assert.equal(JSON.parse(r.out).findings.length, 1, 'unreadable.sql was still checked');
  writeFileSync(join(dir, 'db.sql'), Buffer.from([0x53, 0x51, 0x4c, 0x00, 0x01, 0x02]));
  const bin = run(['check', 'db.sql', 'clean.sql']);
  assert.equal(bin.code, 2);
  assert.match(bin.err, /cannot read db\.sql: not a text file/);
  assert.match(bin.out, /no problems in 1 file \(1 path could not be read\)/);
  if (process.getuid?.() !== 0) { // root reads everything
    const locked = join(dir, 'locked.sql');
    writeFileSync(locked, 'x'); chmodSync(locked, 0);
    assert.match(run(['check', locked]).err, /permission denied/);
  }
});

test('folders are searched recursively for *.sql, sorted; paths as found', () => {
  const r = run(['schema', '--format', 'json', 'nested']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(out.tables.map((t: { file: string }) => t.file), [join('nested', 'b.sql'), join('nested', 'deeper', 'z.sql')]);
  const empty = mkdtempSync(join(tmpdir(), 'normlint-empty-'));
  assert.equal(run(['check', empty]).code, 2);
});

test('folders: *.ddl files are SQL too, found as the language server finds them', () => {
  const d = mkdtempSync(join(tmpdir(), 'normlint-ddl-'));
  mkdirSync(join(d, 'schema'));
  writeFileSync(join(d, 'schema', 'tables.DDL'), 'CREATE TABLE t (id int PRIMARY KEY);\n');
  writeFileSync(join(d, 'a.sql'), 'CREATE TABLE a (id int PRIMARY KEY);\n');
  const r = run(['schema', '--format', 'json', d]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out).tables.map((t: { name: string }) => t.name), ['a', 't']);
});

test('schema --format json: tables with keys, indexes and the dependency analysis', () => {
  writeFileSync(join(dir, 's.sql'), 'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, code text UNIQUE);\nCREATE INDEX ci ON c (p_id) WHERE p_id IS NOT NULL;');
  const r = run(['schema', '--format', 'json', 's.sql']);
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out).tables.find((t: { name: string }) => t.name === 'c');
  assert.deepEqual(Object.keys(c).sort(), ['candidateKeys', 'columns', 'dependencies', 'file', 'foreignKeys', 'indexes', 'name', 'normalForm', 'primaryKey', 'schema', 'uniqueKeys'].sort());
  assert.deepEqual(c.columns[1], { name: 'p_id', type: 'int', nullable: true });
  assert.deepEqual(c.primaryKey, ['id']);
  assert.deepEqual(c.uniqueKeys, [['code']]);
  assert.deepEqual(c.foreignKeys, [{ columns: ['p_id'], references: { table: 'p', columns: ['id'] } }]);
  assert.deepEqual(c.indexes, [{ columns: ['p_id'], unique: false, partial: true }]);
  assert.ok(Array.isArray(c.candidateKeys) && Array.isArray(c.dependencies) && typeof c.normalForm === 'string');
});

test('SARIF 2.1.0 with rule metadata from the registry', () => {
  const r = run(['check', '--format', 'sarif', 'unreadable.sql']);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  const driver = s.runs[0].tool.driver;
  assert.equal(driver.name, 'normlint');
  const rule = driver.rules.find((x: { id: string }) => x.id === 'unreadable-statement');
  assert.equal(rule.helpUri, 'https://github.com/normlint/normlint/blob/main/README.md#unreadable-statement');
  assert.equal(rule.defaultConfiguration.level, 'note');
  const res = s.runs[0].results[0];
  assert.equal(res.ruleId, 'unreadable-statement');
  assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
  assert.equal(res.level, 'note');
  assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'unreadable.sql' });
  assert.equal(res.locations[0].physicalLocation.region.startLine, 1, 'SARIF lines are 1-based');
});

test('usage errors exit 2; --help and --version exit 0', () => {
  assert.equal(run(['check']).code, 2);
  assert.equal(run(['check', '--format', 'xml', 'clean.sql']).code, 2);
  assert.equal(run(['check', '--dialect', 'oracle', 'clean.sql']).code, 2);
  assert.equal(run(['check', '--bogus', 'clean.sql']).code, 2);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run(['schema', '--format', 'text', 'clean.sql']).code, 2);
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /normlint check/);
  assert.match(run(['--version']).out, /^\d+\.\d+\.\d+/);
});

test('--config and the nearest .normlintrc.json; a bad config is exit 2 with the message', () => {
  assert.equal(run(['check', '--config', 'good.normlintrc.json', 'unreadable.sql']).code, 0, 'rule turned off');
  const bad = run(['check', '--config', 'bad.normlintrc.json', 'clean.sql']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /"dialect" must be one of/);
  assert.match(bad.err, /unknown key "rulez"/);
  const proj = mkdtempSync(join(tmpdir(), 'normlint-rc-'));
  mkdirSync(join(proj, 'sub'));
  writeFileSync(join(proj, '.normlintrc.json'), JSON.stringify({ rules: { 'unreadable-statement': 'off' } }));
  writeFileSync(join(proj, 'sub', 'x.sql'), 'CREATE TABLE broken garbage (x);');
  assert.equal(run(['check', 'x.sql'], join(proj, 'sub')).code, 0, 'found from the current folder upward');
  assert.equal(run(['check', '--config', 'nope.json', 'clean.sql']).code, 2);
});

test('parseConfig validates keys and values', () => {
  assert.deepEqual(parseConfig('{"dialect":"mysql","rules":{"list-column":"error"},"dataInference":false,"migrations":"file","$schema":"x"}', 'rc'),
    { options: { dialect: 'mysql', rules: { 'list-column': 'error' }, dataInference: false, migrations: 'file' }, errors: [] });
  assert.match(parseConfig('{', 'rc').errors[0], /^rc: not valid JSON/);
  assert.match(parseConfig('[]', 'rc').errors[0], /expected a JSON object/);
  const e = parseConfig('{"rules":{"nope":"error","list-column":"loud"},"dataInference":"yes"}', 'rc').errors;
  assert.equal(e.length, 3);
  assert.match(e.join('\n'), /unknown rule "nope"/);
  assert.match(e.join('\n'), /rule "list-column" must be one of/);
  assert.match(e.join('\n'), /"dataInference" must be true or false/);
});
