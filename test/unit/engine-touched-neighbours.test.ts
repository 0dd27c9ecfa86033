// Which tables a keystroke re-checks (core/incremental/touched.ts): an edit inside one CREATE TABLE statement
// re-checks that table (and the tables linked to it by foreign keys), not the tables around it; an edit between
// statements — where the comment block above a table holds its @fd / @key annotations — re-checks the tables on
// both sides. After every edit the findings must be those of a fresh analysis: an annotation typed into, or
// removed from, the comment block above the next table changes that table's findings, which a shortcut that
// skipped it would leave stale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../server/src/core/incremental/engine.ts';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';

const options = { ...defaultOptions, dialect: 'postgresql' as const };
const show = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.rule} ${f.table} [${f.columns}] <- [${f.determinant ?? ''}] ${f.message}`);
const file = '/neighbours.sql';

/** Enough filler statements around the tables that they sit in pieces of their own (the reader's pieces are 2 KB). */
const filler = (tag: string) => Array.from({ length: 40 }, (_, i) => `CREATE TABLE ${tag}_${i} (id int PRIMARY KEY, label text);\n`).join('');
const text0 = `${filler('a')}
CREATE TABLE course (
  course_id int PRIMARY KEY,
  teacher text,
  room text
);

-- the teacher decides the room
CREATE TABLE lesson (
  lesson_id int PRIMARY KEY,
  teacher text,
  room text
);
${filler('b')}`;

test('typing inside a CREATE TABLE re-checks that table alone; an @fd typed above the next table re-checks it', async () => {
  const e = new Engine(options);
  let text = text0, version = 1;
  e.setFile(file, 'file://' + file, text, version);
  await e.update();
  const lesson = (fs: string[]) => fs.filter((f) => / lesson \[room\] <- \[teacher\]/.test(f));
  assert.equal(lesson(show(e.findingsOf(file))).length, 0, 'precondition: nothing says teacher -> room in lesson yet');

  // inside course's column list: course alone (no foreign keys here)
  const inCourse = text.indexOf('  room text\n);\n\n-- the teacher');
  const edits: [number, string][] = [[inCourse, '  n'], [inCourse + 3, 'x int,\n']];
  for (const [at, s] of edits) {
    const before = text;
    text = text.slice(0, at) + s + text.slice(at);
    e.setFile(file, 'file://' + file, text, ++version, { head: at, tail: before.length - at });
    const stats = await e.update();
    assert.deepEqual(show(e.findingsOf(file)), show(analyzeSources([{ file, text }], options).findings), `version ${version}`);
    assert.equal(stats.tablesChecked, 1, `an edit inside course re-checks course only, not ${stats.tablesChecked} tables`);
  }

  // the comment block above lesson gets an annotation, typed at the end of its line: lesson must be re-checked
  const comment = text.indexOf('-- the teacher decides the room') + '-- the teacher decides the room'.length;
  const annotation = '\n-- @fd teacher -> room';
  for (let i = 1; i <= annotation.length; i++) {
    const before = text;
    text = text.slice(0, comment + i - 1) + annotation[i - 1] + text.slice(comment + i - 1);
    e.setFile(file, 'file://' + file, text, ++version, { head: comment + i - 1, tail: before.length - (comment + i - 1) });
    await e.update();
    assert.deepEqual(show(e.findingsOf(file)), show(analyzeSources([{ file, text }], options).findings), `version ${version}: after typing ${JSON.stringify(annotation.slice(0, i))}`);
  }
  assert.equal(lesson(show(e.findingsOf(file))).length, 1, `the annotation above lesson is a finding on lesson: ${show(e.findingsOf(file)).join('\n')}`);

  // and deleting it again (one edit) takes the finding away
  const before = text;
  text = text.slice(0, comment) + text.slice(comment + annotation.length);
  e.setFile(file, 'file://' + file, text, ++version, { head: comment, tail: before.length - comment - annotation.length });
  await e.update();
  assert.deepEqual(show(e.findingsOf(file)), show(analyzeSources([{ file, text }], options).findings), 'after deleting the annotation');
  assert.equal(lesson(show(e.findingsOf(file))).length, 0);
});
