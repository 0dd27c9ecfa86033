// What the rules derive from INSERT rows is remembered by the rows' content (core/rows-memo.ts), so a keystroke
// outside the rows does not derive it again. These edits go through the incremental engine and must give what a
// fresh analysis of the same text gives: an edit to one row value that changes a data-based finding changes it
// (a memo keyed by anything but the rows' content would keep the old finding), a column typed into CREATE TABLE
// keeps it, and undoing the row edit brings it back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../server/src/core/incremental/engine.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';

const options = { ...defaultOptions, dialect: 'postgresql' as const };
const show = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.table} [${f.columns}] <- [${f.determinant ?? ''}] ${f.severity} ${f.message} | ${f.evidence.map((e) => e.detail).join(' ; ')}`);

/** Sets the text, updates incrementally, and checks the findings against a fresh analysis; returns them. */
async function step(e: Engine, file: string, text: string, version: number): Promise<string[]> {
  e.setFile(file, 'file://' + file, text, version);
  await e.update();
  const got = show(e.findingsOf(file));
  assert.deepEqual(got, show(analyzeSources([{ file, text }], options).findings), `version ${version}: incremental findings differ from a fresh analysis`);
  return got;
}

const ALLIANCE: Record<string, string> = { Lufthansa: 'Star Alliance', United: 'Star Alliance', KLM: 'SkyTeam', Delta: 'SkyTeam', Qantas: 'Oneworld' };
const AIRLINES = Object.keys(ALLIANCE);
/** Flights cycling through the airlines with their alliance: rows that show airline → alliance. */
const flights = (from: number, n: number) => Array.from({ length: n }, (_, i) => {
  const a = AIRLINES[(from + i) % AIRLINES.length];
  return `('F${100 + from + i}', '${a}', '${ALLIANCE[a]}', '${String(6 + ((from + i) % 12)).padStart(2, '0')}:00')`;
}).join(',\n');

test('a data dependency follows an edit to one row value, in the second of two INSERTs, and comes back on undo', async () => {
  const file = '/flights.sql';
  const create = 'CREATE TABLE flights (\n  flight_no VARCHAR(10) PRIMARY KEY,\n  airline VARCHAR(30),\n  alliance VARCHAR(30),\n  departs VARCHAR(5)\n);\n';
  const base = `${create}INSERT INTO flights (flight_no, airline, alliance, departs) VALUES\n${flights(0, 20)};\nINSERT INTO flights (flight_no, airline, alliance, departs) VALUES\n${flights(20, 20)};\n`;
  const e = new Engine(options);
  const dependency = (fs: string[]) => fs.filter((f) => / transitive-dependency flights \[alliance\] <- \[airline\]/.test(f));
  const before = await step(e, file, base, 1);
  assert.equal(dependency(before).length, 1, `precondition: the rows show airline → alliance: ${before.join('\n')}`);
  // a column typed into CREATE TABLE: the rows are the same, the finding stays (from the memo)
  const typed = base.replace('  departs VARCHAR(5)\n', '  departs VARCHAR(5),\n  gate text\n');
  const withColumn = dependency(await step(e, file, typed, 2));
  assert.equal(withColumn.length, 1);
  // one Lufthansa flight of the second INSERT now says SkyTeam: airline no longer determines alliance in the rows
  const at = typed.lastIndexOf("'Lufthansa', 'Star Alliance'");
  assert.ok(at > typed.indexOf('INSERT INTO flights', typed.indexOf('INSERT INTO flights') + 1), 'precondition: the edit is in the second INSERT');
  const broken = typed.slice(0, at) + "'Lufthansa', 'SkyTeam'" + typed.slice(at + "'Lufthansa', 'Star Alliance'".length);
  assert.deepEqual(dependency(await step(e, file, broken, 3)), []);
  // undo: the finding is back, with the same message and evidence as before the edit
  assert.deepEqual(dependency(await step(e, file, typed, 4)), withColumn);
});

test("a data dependency's evidence names the rows as they are now, after an edit renames the example's value", async () => {
  const file = '/legs.sql';
  const text = `CREATE TABLE legs (flight_no VARCHAR(10) PRIMARY KEY, airline VARCHAR(30), alliance VARCHAR(30), departs VARCHAR(5));\nINSERT INTO legs VALUES\n${flights(0, 30)};\n`;
  const e = new Engine(options);
  const evidence = (fs: string[]) => fs.filter((f) => / legs \[alliance\] <- \[airline\]/.test(f)).map((f) => f.split(' | ')[1]);
  const first = evidence(await step(e, file, text, 1));
  assert.match(first.join(), /airline 'Lufthansa' → alliance 'Star Alliance'/, 'precondition: the example pair');
  const renamed = text.replaceAll("'Lufthansa'", "'Lufthansa Cargo'");
  const after = evidence(await step(e, file, renamed, 2));
  assert.match(after.join(), /airline 'Lufthansa Cargo' → alliance 'Star Alliance'/);
  assert.doesNotMatch(after.join(), /'Lufthansa' →/);
});

test('a list column shown by rows follows edits to the rows: counts change, and the finding goes when no row is a list', async () => {
  const file = '/posts.sql';
  const topics = ['rust,go', 'go,zig', 'rust,zig', 'go,c', 'c,rust', 'zig,go', 'rust,c', 'go,rust', 'c,zig', 'zig,rust', 'go,zig,c', 'rust,go,c'];
  const rows = (vals: string[]) => vals.map((v, i) => `(${i + 1}, '${v}')`).join(',\n');
  const text = (vals: string[]) => `CREATE TABLE posts (\n  post_id int PRIMARY KEY,\n  topic varchar(200)\n);\nINSERT INTO posts (post_id, topic) VALUES\n${rows(vals)};\n`;
  const e = new Engine(options);
  const list = (fs: string[]) => fs.filter((f) => / list-column posts \[topic\]/.test(f));
  const all = list(await step(e, file, text(topics), 1));
  assert.equal(all.length, 1, 'precondition: the rows show a comma-separated list');
  assert.match(all[0], /12 of 12 sample values are comma-separated lists/);
  // a column typed into CREATE TABLE: the same rows, the same finding
  const typed = text(topics).replace('  post_id int PRIMARY KEY,\n', '  post_id int PRIMARY KEY,\n  n text,\n');
  assert.deepEqual(list(await step(e, file, typed, 2)).map((f) => f.slice(f.indexOf(' '))), all.map((f) => f.slice(f.indexOf(' '))));
  await step(e, file, text(topics), 3);
  // two values lose their commas: the count in the message follows
  const fewer = topics.map((v, i) => (i < 2 ? v.split(',')[0] : v));
  assert.match(list(await step(e, file, text(fewer), 4))[0] ?? '', /10 of 12 sample values are comma-separated lists/);
  // no value is a list any more: no finding
  assert.deepEqual(list(await step(e, file, text(topics.map((v) => v.split(',')[0])), 5)), []);
});

test("rows the reader's per-table budget cuts inside an INSERT: the kept prefix counts, and an edit in it is seen", async () => {
  // 900 + 900 + 900 rows: the budget (ROW_CAP 2000) keeps 200 rows of the third INSERT, whose values are lists
  // (a quarter of the first two INSERTs' values are lists too)
  const file = '/cut.sql';
  const ins = (from: number, n: number, v: (i: number) => string) =>
    `INSERT INTO items (item_id, topic) VALUES\n${Array.from({ length: n }, (_, i) => `(${from + i}, '${v(from + i)}')`).join(',\n')};\n`;
  const list = (i: number) => ['rust,go', 'go,zig', 'zig,c'][i % 3];
  const plain = (i: number) => (i % 4 === 0 ? list(i) : `topic ${i % 7}`);
  const text = (third: (i: number) => string) => `CREATE TABLE items (\n  item_id int PRIMARY KEY,\n  topic varchar(200)\n);\n${ins(1, 900, plain)}${ins(901, 900, plain)}${ins(1801, 900, third)}`;
  const e = new Engine(options);
  const lists = (fs: string[]) => fs.filter((f) => / list-column items \[topic\]/.test(f));
  assert.match(lists(await step(e, file, text(list), 1))[0] ?? '', /650 of 2000 sample values are comma-separated lists/, 'precondition: only the kept prefix is counted');
  // a column typed into CREATE TABLE, then the first kept list row of the third INSERT loses its comma
  await step(e, file, text(list).replace('  topic varchar(200)\n', '  topic varchar(200),\n  n text\n'), 2);
  const edited = (i: number) => (i === 1801 ? 'rust' : list(i));
  assert.match(lists(await step(e, file, text(edited), 3))[0] ?? '', /649 of 2000 sample values/);
  // a row past the budget changes nothing
  const past = (i: number) => (i === 2600 ? 'rust' : edited(i));
  assert.match(lists(await step(e, file, text(past), 4))[0] ?? '', /649 of 2000 sample values/);
});
