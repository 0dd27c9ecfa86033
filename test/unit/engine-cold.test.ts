// The engine's cold path on a big file (core/incremental/engine.ts): the first read and check of a text of
// hundreds of kilobytes give the server loop turns between steps, and give the findings of a fresh analysis.
// Engines here are built with sliceMs 0 (a turn after every step), so what is counted is how the work is split,
// not how fast this machine is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { Engine } from '../../server/src/core/incremental/engine.ts';
import { IncrementalReader } from '../../server/src/core/incremental/reader.ts';
import { endOfChange } from '../../server/src/core/incremental/diff.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { readFile, readWhole } from '../../server/src/core/reader/index.ts';
import { buildWorkspace, mergeInSteps } from '../../server/src/core/workspace.ts';
import type { WorkspaceModel } from '../../server/src/core/model.ts';
import { computeLineStarts, lineStartsInSteps } from '../../server/src/core/positions.ts';
import type { Finding } from '../../server/src/core/findings.ts';

const options = { ...defaultOptions, dialect: 'postgresql' as const };
const file = '/big.sql';
const text = readFileSync(join(corpusDir, 'postgresql', 'musicbrainz.sql'), 'utf8');
const show = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.table} ${f.message}`);

/** Counts the turns the event loop takes until `work` settles. */
async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0, done = false;
  const spin = () => { if (done) return; turns++; setImmediate(spin); };
  setImmediate(spin);
  await work;
  done = true;
  return turns;
}

test('readAhead (indexing) reads a big file in steps, and the update after it equals a fresh analysis', async () => {
  assert.ok(text.length > 100_000, 'precondition: a big file');
  const e = new Engine(options, () => {}, 0);
  e.setFile(file, 'file://' + file, text, null);
  const turns = await turnsDuring(e.readAhead(file));
  // ~85 pieces of at least 2 KB: one call would give no turn at all
  assert.ok(turns >= 20, `the loop turned ${turns} times while the file was read`);
  assert.equal(e.files.get(file)?.modelText, text, 'the model is read');
  await e.update();
  assert.deepEqual(show(e.findingsOf(file)), show(analyzeSources([{ file, text }], options).findings));
});

test('readAhead while an update reads the same file: one stepped read at a time, same findings', async () => {
  const e = new Engine(options, () => {}, 0);
  e.setFile(file, 'file://' + file, text, 1);
  await Promise.all([e.readAhead(file), e.update()]);
  while (e.dirty || e.busy) await e.update();
  // the second stepped read waited for the first and used it: the pieces were read once
  const once = new IncrementalReader();
  once.read(text, file, options.dialect);
  assert.equal((e as unknown as { reader: IncrementalReader }).reader.stats.piecesRead, once.stats.piecesRead, 'pieces read');
  assert.deepEqual(show(e.findingsOf(file)), show(analyzeSources([{ file, text }], options).findings));
  // and the next edit is read incrementally: the reader kept the pieces of that one read
  const at = text.indexOf('CREATE TABLE');
  const edited = text.slice(0, at) + '-- note\n' + text.slice(at);
  e.setFile(file, 'file://' + file, edited, 2);
  assert.equal((await e.update()).full, false);
  assert.deepEqual(show(e.findingsOf(file)), show(analyzeSources([{ file, text: edited }], options).findings));
});

test('a cold read steps through dialect detection, the line starts, each piece and the merge', () => {
  const big = text + text + text; // > 64 chunks of ~2 KB: more than one step of detection
  const values = (setting: 'auto' | 'postgresql') => [...new IncrementalReader().readInSteps(big, file, setting)];
  const auto = values('auto'), set = values('postgresql');
  const zeros = (v: number[]) => v.filter((x) => x === 0).length;
  // with a dialect setting there is nothing to detect: a step after detection and one after the line starts
  assert.equal(zeros(set), 2, 'steps before the first piece, dialect set');
  assert.ok(zeros(auto) >= 4, `steps before the first piece, dialect detected: ${zeros(auto)}`);
  // the last piece ends at the text's end, then the merge is a step of its own
  assert.deepEqual(auto.slice(-2), [big.length, big.length]);
});

test('line starts in steps: a step per megabyte scanned, the same starts as one call (\\n, \\r\\n and \\r)', () => {
  const lines = 'CREATE TABLE t (id int PRIMARY KEY);\n'.repeat(80_000); // 3 MB
  for (const t of [lines, lines.replaceAll('\n', '\r\n'), lines.replaceAll('\n', '\r')]) {
    const steps = lineStartsInSteps(t);
    let n = 0, r = steps.next();
    for (; !r.done; r = steps.next()) n++;
    assert.ok(n >= 2, `steps: ${n}`);
    assert.deepEqual(r.value, computeLineStarts(t));
    assert.equal(r.value.length, 80_001);
  }
});

test('mergeInSteps gives the workspace buildWorkspace gives, in steps (copies of a schema in one file, and two files)', () => {
  const big = `${text}\n${text}\n${text}`; // three copies of the schema: 1,000 tables, projects per copy
  const models = [readFile(big, file, 'postgresql'), readFile(text, '/other.sql', 'postgresql')];
  const steps = mergeInSteps(models);
  let n = 0, r = steps.next();
  for (; !r.done; r = steps.next()) n++;
  assert.ok(n >= 3, `steps: ${n}`);
  const shape = (ws: WorkspaceModel) => {
    const id = new Map(ws.tables.map((t, i) => [t, i]));
    return JSON.stringify({
      tables: ws.tables, indexes: ws.indexes,
      rows: [...ws.rows].map(([t, l]) => [id.get(t), l]),
      lookup: [...ws.lookup].map(([k, t]) => [k, id.get(t)]),
      projects: [...(ws.projectOf ?? [])].map(([t, p]) => [id.get(t), p]),
      projectLookup: [...(ws.projectLookup ?? [])].map(([p, m]) => [p, [...m].map(([k, t]) => [k, id.get(t)])]),
      parent: [...(ws.projectParent ?? [])], copyStarts: [...(ws.copyStarts ?? [])], files: [...(ws.projectOfFile ?? [])],
    });
  };
  assert.equal(shape(r.value), shape(buildWorkspace(models)));
});

test('a cold read budgets the rows of thousands of INSERTs in steps, with the rows a one-piece read keeps', () => {
  const inserts = 'CREATE TABLE t (id int PRIMARY KEY, v text);\n' + Array.from({ length: 9000 }, (_, i) => `INSERT INTO t VALUES (${i}, 'v${i % 7}');\n`).join('');
  const steps = new IncrementalReader().readInSteps(inserts, file, 'postgresql');
  const ends: number[] = [];
  let r = steps.next();
  for (; !r.done; r = steps.next()) ends.push(r.value);
  // the last piece, the merge, then the budget of 9,000 statements in more than one step
  assert.ok(ends.filter((x) => x === inserts.length).length >= 4, `steps at the end: ${ends.filter((x) => x === inserts.length).length}`);
  const whole = readWhole(inserts, file, 'postgresql');
  assert.equal(JSON.stringify(r.value.model.inserts), JSON.stringify(whole.inserts));
  assert.ok(r.value.model.inserts.some((x) => x.rowsOmitted), 'precondition: the budget cut rows');
});

test('endOfChange of a text against itself (a document opened: its text reported as a change) is 0, as the scan gives', () => {
  const copy = (' ' + text).slice(1); // equal, another string
  assert.equal(endOfChange(text, text), 0);
  assert.equal(endOfChange(text, copy), 0);
  // texts that differ are still scanned: the end of what was typed
  assert.equal(endOfChange(text, text + 'x'), text.length + 1);
});
