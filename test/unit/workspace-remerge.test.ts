// The merge after an edit (core/remerge.ts) rebuilds only the merged tables whose statements changed and keeps
// the others as the same objects. Its model must be exactly the one a merge of the new file models builds: after
// seeded random edits of multi-file workspaces (ALTERs, indexes and rows in another file than the CREATE TABLE,
// column-less REFERENCES, copies of a schema in one file, partitions), and in the cases where a kept merged table
// would be stale (the ALTER, index or INSERT of file A on a table of file B edited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { randomEdit, rng } from '../robustness/edits.ts';
import { IncrementalReader } from '../../server/src/core/incremental/reader.ts';
import { buildWorkspace, carryCopies, copyNamesOf, copyStartsOf } from '../../server/src/core/workspace.ts';
import { remergeWorkspace } from '../../server/src/core/remerge.ts';
import { Engine } from '../../server/src/core/incremental/engine.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { FileModel, Table, WorkspaceModel } from '../../server/src/core/model.ts';
import type { Finding } from '../../server/src/core/findings.ts';

/** The model as JSON, tables referred to by their position (so that two merges compare by content). */
function canonical(ws: WorkspaceModel): unknown {
  const at = new Map(ws.tables.map((t, i) => [t, i]));
  const ref = (t: Table | undefined) => (t === undefined ? null : at.get(t) ?? `missing ${t.name}`);
  // maps keyed by tables in table order (nothing reads them in insertion order), others as they are
  const entries = <V>(m: Map<unknown, V> | undefined, f: (v: V) => unknown) => {
    if (!m) return null;
    const list = [...m].map(([k, v]) => [typeof k === 'string' ? k : ref(k as Table), f(v)] as const);
    return list.every(([k]) => typeof k === 'number') ? list.sort((a, b) => (a[0] as number) - (b[0] as number)) : list;
  };
  return JSON.parse(JSON.stringify({
    files: ws.files.map((f) => f.file),
    tables: ws.tables,
    lookup: entries(ws.lookup, ref),
    rows: entries(ws.rows, (l) => l),
    indexes: ws.indexes,
    projectOf: entries(ws.projectOf, (p) => p),
    projectLookup: entries(ws.projectLookup, (m) => entries(m, ref)),
    projectParent: ws.projectParent ? [...ws.projectParent] : null,
    projectOfFile: ws.projectOfFile ? [...ws.projectOfFile] : null,
    copyStarts: ws.copyStarts ? [...ws.copyStarts] : null,
  }));
}

interface Src { file: string; text: string }

class Workspace {
  private reader = new IncrementalReader();
  ws: WorkspaceModel;
  models: FileModel[];
  constructor(public sources: Src[]) {
    this.models = sources.map((s) => this.reader.read(s.text, s.file, 'postgresql').model);
    this.ws = buildWorkspace(this.models);
  }
  /** Applies the edit, merges both ways, asserts they agree; returns the remerged model (null: it declined). */
  edit(file: number, start: number, end: number, text: string): WorkspaceModel | null {
    const s = this.sources[file];
    s.text = s.text.slice(0, start) + text + s.text.slice(end);
    const was = this.models[file];
    copyStartsOf(was); copyNamesOf(was);
    this.models = this.models.map((m, i) => (i === file ? this.reader.read(s.text, s.file, 'postgresql').model : m));
    // the copies of a schema carried over from the previous model are those of the new model
    const now = this.models[file];
    carryCopies(was, now);
    assert.deepEqual([copyStartsOf(now), copyNamesOf(now)], [copyStartsOf({ ...now }), copyNamesOf({ ...now })], 'copies carried over');
    const again = remergeWorkspace(this.ws, this.models);
    const full = buildWorkspace(this.models);
    if (again) assert.deepEqual(canonical(again), canonical(full), `after editing ${s.file} at ${start}: ${JSON.stringify(text)}`);
    this.ws = again ?? full;
    return again;
  }
  table(name: string): Table { const t = this.ws.tables.find((x) => x.name === name); assert.ok(t, `table ${name}`); return t; }
}

const base = `CREATE TABLE dept (dept_id int PRIMARY KEY, dept_name text);
CREATE TABLE emp (emp_id int, dept_id int REFERENCES dept, dept_name text, note text);
CREATE TABLE project (project_id int PRIMARY KEY, title text);
`;
const later = `ALTER TABLE emp ADD PRIMARY KEY (emp_id);
ALTER TABLE emp ADD COLUMN phone1 text, ADD COLUMN phone2 text;
CREATE INDEX emp_dept ON emp (dept_id);
INSERT INTO emp VALUES (1, 10, 'sales', 'a'), (2, 10, 'sales', 'b');
`;
const third = `CREATE TABLE assignment (emp_id int REFERENCES emp, project_id int REFERENCES project (project_id), hours int);
`;

test('an edit of file A\'s ALTER, index or INSERT on a table of file B rebuilds that table, and only it', () => {
  const w = new Workspace([{ file: '/a.sql', text: base }, { file: '/b.sql', text: later }, { file: '/c.sql', text: third }]);
  const dept = w.table('dept'), project = w.table('project'), emp = w.table('emp');
  assert.ok(emp.columns.some((c) => c.name === 'phone2'), 'precondition: the ALTER in b.sql applies to emp of a.sql');
  const at = w.sources[1].text.indexOf('phone2 text');
  assert.ok(w.edit(1, at, at + 'phone2'.length, 'phone_two'), 'the edit is merged incrementally');
  const emp2 = w.table('emp');
  assert.notEqual(emp2, emp, 'emp, whose ALTER changed, is a new object');
  assert.deepEqual(emp2.columns.map((c) => c.name), ['emp_id', 'dept_id', 'dept_name', 'note', 'phone1', 'phone_two']);
  assert.equal(w.table('dept'), dept, 'dept is kept');
  assert.equal(w.table('project'), project, 'project is kept');
  // the PRIMARY KEY of emp goes: assignment's column-less REFERENCES emp (c.sql) follows it (assignment is rebuilt)
  const assignment = w.table('assignment');
  assert.deepEqual(assignment.foreignKeys[0].references.columns, ['emp_id']);
  const pk = w.sources[1].text.indexOf('ALTER TABLE emp ADD PRIMARY KEY');
  assert.ok(w.edit(1, pk, w.sources[1].text.indexOf('\n', pk) + 1, ''));
  assert.equal(w.table('emp').primaryKey, undefined);
  assert.deepEqual(w.table('assignment').foreignKeys[0].references.columns, []);
  // the index and the rows of emp, in b.sql
  const idx = w.sources[1].text.indexOf('(dept_id);');
  assert.ok(w.edit(1, idx + 1, idx + 'dept_id'.length + 1, 'emp_id'));
  assert.deepEqual(w.table('emp').indexes.map((i) => i.columns), [['emp_id']]);
  const row = w.sources[1].text.indexOf("'b'");
  assert.ok(w.edit(1, row, row + 3, "'c'"));
  assert.deepEqual(w.ws.rows.get(w.table('emp'))?.flatMap((r) => r.rows.map((x) => x[3])), ['a', 'c']);
  // the CREATE TABLE of emp in a.sql: emp is rebuilt with b.sql's statements applied again
  const assignmentBefore = w.table('assignment');
  const note = w.sources[0].text.indexOf('note text');
  assert.ok(w.edit(0, note, note + 4, 'remark'));
  assert.deepEqual(w.table('emp').columns.map((c) => c.name), ['emp_id', 'dept_id', 'dept_name', 'remark', 'phone1', 'phone_two']);
  assert.equal(w.table('assignment'), assignmentBefore, 'assignment (c.sql; emp\'s key did not change) is kept');
});

const partitions = 'CREATE TABLE log (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE log_2024 PARTITION OF log FOR VALUES FROM (1) TO (2);\n';
const inherits = 'CREATE TABLE person (person_id int PRIMARY KEY, name text);\nCREATE TABLE student (school text) INHERITS (person);\nCREATE TABLE person_copy (LIKE person);\n';
// (a small file is one piece: every table in it is read again on an edit, so the INHERITS tables are in a file of their own)
const derived = () => new Workspace([{ file: '/a.sql', text: base + partitions }, { file: '/b.sql', text: later }, { file: '/c.sql', text: inherits }]);

test('a table renamed, the parent of an INHERITS or LIKE table edited: declined (the caller merges in full)', () => {
  const w = derived();
  const at = w.sources[0].text.indexOf('project (');
  assert.equal(w.edit(0, at, at + 'project'.length, 'projects'), null);
  const person = w.sources[2].text.indexOf('name text');
  assert.equal(w.edit(2, person, person, 'born date, '), null, 'student and person_copy take person\'s columns');
  const student = w.sources[2].text.indexOf('school text');
  assert.equal(w.edit(2, student, student, 'grade int, '), null, 'student\'s columns are person\'s too');
});

test('a partition\'s parent or a partition edited: merged again incrementally (a partition takes no columns), as a fresh merge', () => {
  const w = derived();
  const log = w.sources[0].text.indexOf('at date');
  assert.ok(w.edit(0, log, log, 'note text, '), 'the parent of a partition');
  assert.deepEqual(w.table('log').columns.map((c) => c.name), ['id', 'note', 'at']);
  assert.deepEqual(w.table('log_2024').columns, [], 'the partition still keeps no columns');
  const part = w.sources[0].text.indexOf('FROM (1)');
  assert.ok(w.edit(0, part, part + 'FROM (1)'.length, 'FROM (0)'), 'a partition');
  assert.deepEqual(w.table('student').columns.map((c) => c.name), ['person_id', 'name', 'school'], 'INHERITS as before');
});

const scenarios: Src[][] = [
  [{ file: '/a.sql', text: base }, { file: '/b.sql', text: later }, { file: '/c.sql', text: third }],
  // copies of a schema in one file, and a second file naming its tables
  [{ file: '/copies.sql', text: base + later + third + base.replace(/note/g, 'memo') + later + third }, { file: '/other.sql', text: later }],
  // real schemas with their ALTERs, indexes and data
  [{ file: '/pagila.sql', text: readFileSync(join(corpusDir, 'postgresql/pagila.sql'), 'utf8') }],
  [{ file: '/chinook.sql', text: readFileSync(join(corpusDir, 'postgresql/chinook.sql'), 'utf8') }, { file: '/b.sql', text: later }],
  // partitions, INHERITS and LIKE, and ALTERs of their parents in another file
  [{ file: '/a.sql', text: base + partitions + third }, { file: '/c.sql', text: inherits }, { file: '/b.sql', text: later + 'ALTER TABLE log ADD COLUMN level int;\nALTER TABLE person ADD COLUMN email text;\nCREATE INDEX log_at ON log (at);\n' }],
];

test('after seeded random edits, the remerged model equals a merge of the new file models', () => {
  let merged = 0, declined = 0;
  scenarios.forEach((sources, n) => {
    const w = new Workspace(sources.map((s) => ({ ...s })));
    const r = rng(1000 + n);
    for (let i = 0; i < 120; i++) {
      const file = Math.floor(r() * w.sources.length);
      const e = randomEdit(w.sources[file].text, r);
      if (w.edit(file, e.start, e.end, e.text)) merged++; else declined++;
    }
  });
  // most random edits keep the table names: the comparison above must have run for them
  assert.ok(merged > declined, `remerged ${merged}, declined ${declined}`);
});

test('engine: an edit of b.sql\'s ALTER of a.sql\'s table gives the findings of a fresh analysis', async () => {
  const options = { ...defaultOptions, dialect: 'postgresql' as const };
  const show = (fs: Finding[]) => fs.map((f) => `${f.file} ${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.table} ${f.message} | ${f.fixes.map((x) => `${x.title} ${JSON.stringify(x.edits)}`).join(' ; ')}`);
  const files = [{ file: '/a.sql', text: base }, { file: '/b.sql', text: later }, { file: '/c.sql', text: third }];
  const e = new Engine(options);
  for (const f of files) e.setFile(f.file, 'file://' + f.file, f.text, 1);
  await e.update();
  // emp gets dept_title beside dept_id (a copy of dept's column? dept has dept_name): typed into b.sql's ALTER
  const steps: [number, string, string][] = [[1, 'ADD COLUMN phone2 text', 'ADD COLUMN phone2 text, ADD COLUMN dept_name2 text'], [1, 'phone1 text', 'tags text'], [0, 'dept_name text);', 'dept_name text, dept_city text);'], [1, 'ADD COLUMN tags text', 'ADD COLUMN dept_city text']];
  let version = 1;
  for (const [i, from, to] of steps) {
    const at = files[i].text.indexOf(from);
    assert.ok(at >= 0, `precondition: ${from} in ${files[i].file}`);
    files[i].text = files[i].text.slice(0, at) + to + files[i].text.slice(at + from.length);
    e.setFile(files[i].file, 'file://' + files[i].file, files[i].text, ++version);
    const stats = await e.update();
    assert.equal(stats.full, false, 'an incremental update');
    const fresh = analyzeSources(files, options).findings;
    for (const f of files) assert.deepEqual(show(e.withCurrentFixes(e.findingsOf(f.file))), show(fresh.filter((x) => x.file === f.file)), `${f.file} after ${to}`);
  }
  assert.ok(e.findingsOf('/b.sql').length + e.findingsOf('/a.sql').length > 0, 'precondition: the workspace has findings');
});
