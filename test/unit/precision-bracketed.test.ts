// Issue 15, misses: id lists written '<12><7>' (no delimiter between the items) are lists too. Reported
// with the rewrite declined, since a split at a delimiter would keep the items joined; Normalize keeps
// the column as it is. Fails without the bracketed-list rule (README "list-column").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { normalizeTable } from '../../server/src/core/fix/normalize.ts';

const text = `CREATE TABLE albums (id INT PRIMARY KEY, title VARCHAR(80),
  viewers TEXT COMMENT 'list of permitted member ids ''<12><7>''',
  tags VARCHAR(200) COMMENT 'comma separated tags');
`;

test('a comment showing <a><b> items makes a list column, reported without a split', () => {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'mysql' });
  const fs = r.findings.filter((f) => f.rule === 'list-column');
  assert.deepEqual(fs.map((f) => `${f.columns.join()} ${f.severity}`).sort(), ['tags warning', 'viewers warning']);
  const v = fs.find((f) => f.columns[0] === 'viewers')!;
  assert.match(v.message, /angle brackets: '<12><7>'/);
  assert.deepEqual(v.fixes, []);
  assert.match(v.declinedFixes?.[0].title ?? '', /^Cannot move viewers to its own table because the items are written <a><b>/);
  assert.ok(fs.find((f) => f.columns[0] === 'tags')!.fixes.length > 0, 'an ordinary list keeps its rewrite');
  const n = normalizeTable(r, 'schema.sql', 'albums', '3nf', { migrations: 'inline' }, text);
  const out = JSON.stringify(n);
  assert.doesNotMatch(out, /albums_viewers|viewer_id/i, 'Normalize does not split the bracketed list');
  assert.match(out, /viewers kept: the items are written <a><b>/);
});
