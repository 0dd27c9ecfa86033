// Unit tests of the 1NF detectors and the FK coverage on hand-built tables (model.ts types), with the
// positive and negative examples of the issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column, Index, InsertRows, Table, Value, WorkspaceModel } from '../../server/src/core/model.ts';
import {
  breaksFirstNormalForm, covers, detectListColumns, detectRepeatingGroups, foreignKeyCoverage, isNotNullPredicate, listShape,
} from '../../server/src/core/nf1/index.ts';

const span = { start: 0, end: 0 };
type ColSpec = string | [name: string, type: string, extra?: Partial<Column>];

function table(name: string, cols: ColSpec[], extra: Partial<Table> = {}): Table {
  const columns: Column[] = cols.map((c) => {
    const [n, type, more] = typeof c === 'string' ? [c, 'varchar(255)', {}] : c;
    return { name: n, type, nullable: true, span, nameSpan: span, ...more };
  });
  return {
    name, file: 't.sql', dialect: 'postgresql', kind: 'table', notes: [], reader: 'parser', columns,
    uniqueKeys: [], foreignKeys: [], checks: [], indexes: [], annotations: [], span, nameSpan: span, ...extra,
  };
}

function workspace(tables: Table[], rows: [Table, Value[][]][] = [], indexes: Index[] = []): WorkspaceModel {
  const lookup = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const rowMap = new Map<Table, InsertRows[]>(rows.map(([t, r]) => [t, [{ table: t.name, columns: null, rows: r, skippedRows: 0, span, file: 't.sql' }]]));
  return { files: [], tables, lookup, rows: rowMap, indexes };
}

const lists = (t: Table, ws = workspace([t])) => detectListColumns(t, ws).map((h) => `${h.column}:${h.strength}`);
const reported = (t: Table, ws = workspace([t])) => detectListColumns(t, ws).filter((h) => h.strength !== 'weak').map((h) => h.column);

test('list names on string columns: tags, *_ids, *_list, *_csv are reported (info strength)', () => {
  const t = table('t', ['id', 'tags', 'user_ids', 'tagIds', 'email_list', 'skills_csv', 'keywords']);
  assert.deepEqual(lists(t), ['tags:name', 'user_ids:name', 'tagIds:name', 'email_list:name', 'skills_csv:name', 'keywords:name']);
  assert.deepEqual(lists(table('u', ['mailing_list', 'price_list', 'list', 'ids', 'playlist'])), []);
});

test('plural nouns alone are weak; status/address/news/series/notes/description/settings/options are not plural lists', () => {
  const t = table('t', ['recipient_emails', 'Courses', 'Phones', 'Books', 'status', 'address', 'news', 'series', 'notes', 'description', 'settings', 'options', 'num_pages']);
  assert.deepEqual(lists(t), ['recipient_emails:weak', 'Courses:weak', 'Phones:weak', 'Books:weak']);
  assert.deepEqual(reported(t), []);
});

test('typed collections and non-string types are not this rule', () => {
  const t = table('t', [['tags', 'text[]'], ['tag_ids', 'jsonb'], ['labels_list', "set('a','b')"], ['user_ids', 'integer'], ['doc_tags', 'json'], ['flags_list', 'char(2)']]);
  assert.deepEqual(lists(t), []);
  const maria = table('m', [['tags', 'longtext', { checks: ['json_valid(`tags`)'] }], ['user_ids', 'longtext']], { checks: [{ expression: 'json_valid(user_ids)', span }] });
  assert.deepEqual(lists(maria), []);
});

test('a comment showing a delimited value, or saying "comma separated", is value evidence', () => {
  const t = table('t', [['tags', 'varchar(255)', { comment: "'nlp,transformer,bert'" }], ['codes', 'text', { comment: 'comma-separated country codes' }], ['pics', 'varchar(1000)', { comment: '上传图片地址，以逗号隔开' }], ['hosts', 'text', { comment: "e.g. 'a.example.org|b.example.org'" }]]);
  const hits = detectListColumns(t, workspace([t]));
  assert.deepEqual(hits.map((h) => `${h.column}:${h.strength}:${h.delimiter}`), ['tags:value:,', 'codes:value:,', 'pics:value:,', 'hosts:value:|']);
  assert.ok(hits[0].evidence.some((e) => e.source === 'comment' && /nlp,transformer,bert/.test(e.detail)));
  assert.ok(hits[0].evidence.some((e) => e.source === 'name') && hits[0].evidence.some((e) => e.source === 'type'));
  const neg = table('n', [['titles', 'text', { comment: 'must not contain commas' }], ['names_txt', 'text', { comment: '名称，不能包含逗号' }], ['words', 'text', { comment: '以空格分隔' }]]);
  assert.deepEqual(detectListColumns(neg, workspace([neg])).map((h) => `${h.column}:${h.strength}:${h.delimiter}`), ['titles:weak:,', 'words:value: ']);
});

test('a comment or CHECK enumerating alternatives is not a list', () => {
  const t = table('t', [
    ['split_names', 'varchar(20)', { comment: "'train', 'val', 'test'" }],
    ['address_types', 'varchar(20)', { comment: "'Billing' or 'Shipping'" }],
    ['statuses', 'varchar(20)', { checks: ["statuses IN ('training', 'ready', 'deployed')"] }],
    ['modes', 'varchar(20)'],
  ], { checks: [{ expression: "modes IN ('a', 'b')", span }] });
  assert.deepEqual(lists(t), []);
});

test('a CHECK whose pattern is a delimited list is value evidence', () => {
  const t = table('t', [['labels', 'text', { checks: ["labels ~ '^[a-z]+(,[a-z]+)*$'"] }], ['code', 'text', { checks: ["code ~ '^[A-Z]{3}$'"] }]]);
  assert.deepEqual(lists(t), ['labels:value']);
});

test('a DEFAULT holding a list is value evidence', () => {
  const t = table('t', [['roles', 'varchar(100)', { default: "'read,write'" }], ['state', 'varchar(100)', { default: "'new'" }]]);
  assert.deepEqual(lists(t), ['roles:value']);
});

test('sample rows: short tokens joined by one delimiter across rows', () => {
  const t = table('Students', [['StudentID', 'varchar(10)'], ['Name', 'varchar(100)'], ['Courses', 'varchar(200)'], ['BookID', 'varchar(50)']]);
  const ws = workspace([t], [[t, [['S1', 'Alice', 'CS101, CS201', 'B101,B102'], ['S2', 'Bob', 'CS101', 'B101'], ['S3', 'Carol', 'CS201, MATH101', 'B7']]]]);
  assert.deepEqual(lists(t, ws), ['Courses:value', 'BookID:value']);
  const hit = detectListColumns(t, ws)[0];
  assert.equal(hit.delimiter, ',');
  assert.ok(hit.evidence.some((e) => e.source === 'rows' && /2 of 3/.test(e.detail)));
});

test('sample rows that are not lists: names "Smith, L", prose, dates, thousands, URLs, JSON, addresses, one odd value', () => {
  const t = table('t', ['name', 'remark_text', 'happened', 'amount_txt', 'homepage', 'payload', 'street', 'job']);
  const ws = workspace([t], [[t, [
    ['Smith, L', 'Stocks rose early, fell by noon, and closed flat.', 'Jan 5, 2024', '1,234,567', 'https://x.org/a?b=1,2', '["a","b"]', '8, Rue Hanovre', 'Vice President, Sales'],
    ['Jones, G', 'It rained, then it stopped, and we went home.', 'Mar 3, 2023', '12,000', 'https://y.org/p;q', '{"k":"a,b"}', 'C/ Araquil, 67', 'Sales Manager'],
    ['Brown, A', 'Nothing happened.', 'May 9, 2020', '7', 'https://z.org/', '[]', '12 Main St', 'Sales Representative'],
    [null, null, null, null, null, null, null, 'Sales Representative'],
    [null, null, null, null, null, null, null, 'Inside Sales Coordinator'],
  ]]]);
  assert.deepEqual(lists(t, ws), []);
});

test('entity flag for the fix: ids, codes and entity nouns get a lookup table; phones and pictures a child table', () => {
  const t = table('t', [['tags', 'text', { comment: "'a,b'" }], ['BookID', 'text', { comment: "'B1,B2'" }], ['Phones', 'text', { comment: "'555-1, 555-2'" }], ['album_pics', 'text', { comment: 'comma separated' }]]);
  assert.deepEqual(detectListColumns(t, workspace([t])).map((h) => `${h.column}:${h.entity}`), ['tags:true', 'BookID:true', 'Phones:false', 'album_pics:false']);
});

test('space-separated lists count only for list-like names and code-like tokens', () => {
  const t = table('t', ['courses', 'postal_code', 'city']);
  const ws = workspace([t], [[t, [['CS101 CS201', 'T5K 2N1', 'New York'], ['MATH101', 'SW1 8JR', 'Rio de Janeiro']]]]);
  assert.deepEqual(lists(t, ws), ['courses:value']);
  assert.equal(detectListColumns(t, ws)[0].delimiter, ' ');
});

test('listShape', () => {
  assert.deepEqual(listShape('nlp,transformer,bert'), { delimiter: ',', parts: ['nlp', 'transformer', 'bert'] });
  assert.deepEqual(listShape('a; b; c')?.delimiter, ';');
  assert.deepEqual(listShape('x|y')?.delimiter, '|');
  assert.equal(listShape('Austin, TX'), undefined);
  assert.equal(listShape('Gordy, Jr.'), undefined);
  assert.equal(listShape('3,14'), undefined);
  assert.equal(listShape('one value'), undefined);
});

const groups = (t: Table, ws = workspace([t])) => detectRepeatingGroups(t, ws).map((h) => h.columns.join(','));

test('repeating groups: number at the end, middle or front; camelCase; two or more members', () => {
  assert.deepEqual(groups(table('a', ['id', 'phone1', 'phone2', 'phone3'])), ['phone1,phone2,phone3']);
  assert.deepEqual(groups(table('b', ['id', 'metric1_name', 'metric1_value', 'metric2_name', 'metric2_value'])), ['metric1_name,metric1_value,metric2_name,metric2_value']);
  assert.deepEqual(groups(table('c', ['answer_1', 'answer_2', 'answer_3', 'answer_4', 'answer_5'])), ['answer_1,answer_2,answer_3,answer_4,answer_5']);
  assert.deepEqual(groups(table('d', ['q1_target', 'q2_target', 'q3_target', 'q4_target'])), ['q1_target,q2_target,q3_target,q4_target']);
  assert.deepEqual(groups(table('e', ['imageUrl1', 'imageAlt1', 'imageUrl2', 'imageAlt2'])), ['imageUrl1,imageAlt1,imageUrl2,imageAlt2']);
  assert.deepEqual(groups(table('f', ['StudentID', 'Course1', 'Course2'])), ['Course1,Course2']);
  const [h] = detectRepeatingGroups(table('g', ['metric1_name', 'metric1_value', 'metric2_name', 'metric2_value']), workspace([]));
  assert.equal(h.stem, 'metric');
  assert.deepEqual(h.slots, [
    { ordinal: 1, columns: [{ attr: 'name', column: 'metric1_name' }, { attr: 'value', column: 'metric1_value' }] },
    { ordinal: 2, columns: [{ attr: 'name', column: 'metric2_name' }, { attr: 'value', column: 'metric2_value' }] },
  ]);
  assert.equal(detectRepeatingGroups(table('h', ['Course1', 'Course2']))[0].stem, 'Course');
});

test('digits that belong to a word are not groups', () => {
  const t = table('t', ['sha1', 'sha256', 'utf8', 'utf16', 'ipv4', 'ipv6', 'oauth1_token', 'oauth2_token', 's3_key', 'md5', 'base64', 'x509',
    'i18n', 'l10n', 'k8s', 'mp3', 'mp4', 'h264', 'h265', 'twofa_2fa', 'x_3d', 'x_2d', 'f1_score', 'p25n', 'p50n', 'p95n']);
  assert.deepEqual(groups(t), []);
});

test('not groups: a single member, gaps, address lines, coordinates, key parts, pairs of references, 0/1 ends', () => {
  assert.deepEqual(groups(table('a', ['phone1', 'fax'])), []);
  assert.deepEqual(groups(table('b', ['iso_code_1', 'iso_code_3', 'answer_2024', 'answer_2025'])), []);
  assert.deepEqual(groups(table('c', ['address1', 'address2', 'address_line1', 'address_line2', 'AddressLine1', 'AddressLine2', 'street1', 'street2'])), []);
  assert.deepEqual(groups(table('d', ['x1', 'y1', 'x2', 'y2'])), []);
  const keyed = table('e', ['k1', 'k2', 'extra'], { primaryKey: { columns: ['k1', 'k2'], span } });
  assert.deepEqual(groups(keyed), []);
  const refs = table('f', ['id', 'user1', 'user2'], { foreignKeys: [
    { columns: ['user1'], references: { table: 'users', columns: ['id'] }, span },
    { columns: ['user2'], references: { table: 'users', columns: ['id'] }, span }] });
  assert.deepEqual(groups(refs), []);
  const commented = table('g', [['entity0', 'integer', { comment: 'references area.id' }], ['entity1', 'integer', { comment: 'references artist.id' }], 'entity0_credit', 'entity1_credit']);
  assert.deepEqual(groups(commented), []);
  assert.deepEqual(groups(table('h', ['entity_type0', 'entity_type1'])), []);
  const indexed = table('i', ['objecttype_id', 'name1', 'name2']);
  assert.deepEqual(groups(indexed, workspace([indexed], [], [{ table: 'i', columns: ['objecttype_id', 'name1', 'name2'], expressions: [false, false, false], include: [], unique: false, partial: false, span, file: 't.sql' }])), []);
  // Three references are a repeating group of references.
  const three = table('j', ['member1', 'member2', 'member3'], { foreignKeys: ['member1', 'member2', 'member3'].map((c) => ({ columns: [c], references: { table: 'p', columns: ['id'] }, span })) });
  assert.deepEqual(groups(three), ['member1,member2,member3']);
});

test('breaksFirstNormalForm: reported list columns and groups, not weak plurals', () => {
  assert.equal(breaksFirstNormalForm(table('a', ['id', 'phone1', 'phone2']), workspace([])), true);
  assert.equal(breaksFirstNormalForm(table('b', ['id', 'tags']), workspace([])), true);
  assert.equal(breaksFirstNormalForm(table('c', ['id', 'courses', 'status']), workspace([])), false);
  assert.equal(breaksFirstNormalForm(table('d', ['id', 'name']), workspace([])), false);
});

const idx = (columns: string[], more: Partial<Index> = {}): Index =>
  ({ table: 'c', columns, expressions: columns.map(() => false), include: [], unique: false, partial: false, span, file: 't.sql', ...more });

test('FK coverage: leading columns of PK, UNIQUE or index, in any order', () => {
  const fk = { columns: ['x', 'y'], references: { table: 'p', columns: ['a', 'b'] }, span };
  const base = { foreignKeys: [fk] };
  const cov = (t: Table, ixs: Index[] = []) => foreignKeyCoverage(t, workspace([t], [], ixs))[0].covered;
  assert.equal(cov(table('c', ['x', 'y', 'z'], base)), false);
  assert.equal(cov(table('c', ['x', 'y', 'z'], { ...base, primaryKey: { columns: ['y', 'x', 'z'], span } })), true);
  assert.equal(cov(table('c', ['x', 'y', 'z'], { ...base, uniqueKeys: [{ columns: ['x', 'y'], span }] })), true);
  assert.equal(cov(table('c', ['x', 'y', 'z'], { ...base, uniqueKeys: [{ columns: ['z', 'x', 'y'], span }] })), false);
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['y', 'x'])]), true);
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['x'], { include: ['y'] })]), false);
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['x', 'lower(y)'], { expressions: [false, true] })]), false);
  // The flag decides, not the text: an expression key part is never the column, whatever its text.
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['y', 'x'], { expressions: [true, false] })]), false);
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['x', 'y'], { partial: true, predicate: 'x IS NOT NULL AND y IS NOT NULL' })]), true);
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['x', 'y'], { partial: true, predicate: 'z > 0' })]), false);
  assert.equal(cov(table('c', ['x', 'y', 'z'], base), [idx(['x', 'y'], { table: 'other' })]), false);
});

test('isNotNullPredicate and covers', () => {
  const s = new Set(['a', 'b']);
  assert.equal(isNotNullPredicate('a IS NOT NULL', s), true);
  assert.equal(isNotNullPredicate('((a IS NOT NULL) AND (b IS NOT NULL))', s), true);
  assert.equal(isNotNullPredicate('"a" is not null', s), true);
  assert.equal(isNotNullPredicate('a IS NOT NULL OR b IS NOT NULL', s), false);
  assert.equal(isNotNullPredicate('c IS NOT NULL', s), false);
  assert.equal(isNotNullPredicate('a IS NULL', s), false);
  assert.equal(covers({ label: '', columns: ['a'] }, ['a', 'b']), false);
  assert.equal(covers({ label: '', columns: ['B', 'a', 'c'] }, ['a', 'b']), true);
});
