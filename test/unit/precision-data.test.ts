// Issue 15, miss "dependencies visible only in data": INSERT rows show X → A between any two columns, not
// only when X is named as a classifier or an identifier — when the rows show the redundancy plainly and the
// guards hold (README "Where dependencies come from", 9). Fails without the plain-determinant data rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';

function deps(text: string, opts: Partial<Options> = {}) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql', ...opts });
  return r.findings.filter((f) => f.rule.endsWith('-dependency')).map((f) => `${f.table} ${f.columns.join(',')} <- ${f.determinant?.join(',')} ${f.confidence} ${f.severity}`).sort();
}

const ALLIANCE: Record<string, string> = { Lufthansa: 'Star Alliance', United: 'Star Alliance', KLM: 'SkyTeam', Delta: 'SkyTeam', Qantas: 'Oneworld' };
const AIRLINES = Object.keys(ALLIANCE);

/** n flights cycling through the airlines, each with its alliance (and a departure time that varies). */
function flights(table: string, n: number, extra = ''): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const a = AIRLINES[i % AIRLINES.length];
    return `('F${100 + i}', '${a}', '${ALLIANCE[a]}', '${String(6 + (i % 12)).padStart(2, '0')}:00'${extra ? `, ${extra.replace('$i', String(i))}` : ''})`;
  });
  return `INSERT INTO ${table} VALUES\n${rows.join(',\n')};\n`;
}

test('a text column the rows repeat with one value of another (many rows, several values): a warning from data', () => {
  const text = `CREATE TABLE flights (flight_no VARCHAR(10) PRIMARY KEY, airline VARCHAR(30), alliance VARCHAR(30), departs VARCHAR(5));\n${flights('flights', 25)}`;
  assert.deepEqual(deps(text), ['flights alliance <- airline high warning']);
  const f = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql' }).findings.find((x) => x.table === 'flights')!;
  assert.ok(f.evidence.some((e) => /INSERT rows \d+ and \d+: airline 'Lufthansa' → alliance 'Star Alliance'/.test(e.detail)), JSON.stringify(f.evidence));
  assert.deepEqual(deps(text, { dataInference: false }), []);
});

test('a handful of rows shows the same pattern only as a low info, hidden by default', () => {
  const text = `CREATE TABLE legs (flight_no VARCHAR(10) PRIMARY KEY, airline VARCHAR(30), alliance VARCHAR(30), departs VARCHAR(5));\n${flights('legs', 10)}`;
  assert.deepEqual(deps(text), []);
  assert.deepEqual(deps(text, { minConfidence: 'low' }), ['legs alliance <- airline low info']);
});

test('no plain data FD on free text, or on a flag or number dependent', () => {
  const long = "'a long free-text remark typed by the booking agent about this flight'";
  const text = `
    CREATE TABLE t_free (flight_no VARCHAR(10) PRIMARY KEY, airline_blurb VARCHAR(200), alliance VARCHAR(30), departs VARCHAR(5));
    ${flights('t_free', 25).replace(/'(Lufthansa|United|KLM|Delta|Qantas)'/g, (_, a) => `'${a}: ${long.slice(1, -1)}'`)}
    CREATE TABLE t_flag (flight_no VARCHAR(10) PRIMARY KEY, airline VARCHAR(30), alliance VARCHAR(30), departs VARCHAR(5));
    ${flights('t_flag', 25).replace(/'(Star Alliance|SkyTeam|Oneworld)'/g, (_, a) => (a === 'Oneworld' ? "'yes'" : "'no'"))}
    CREATE TABLE t_num (flight_no VARCHAR(10) PRIMARY KEY, airline VARCHAR(30), alliance INT, departs VARCHAR(5));
    ${flights('t_num', 25).replace(/'(Star Alliance|SkyTeam|Oneworld)'/g, (_, a) => String(a.length))}
  `;
  // t_free: long text; t_flag: the dependent has two values (a flag); t_num: the dependent is a number
  assert.deepEqual(deps(text, { minConfidence: 'low' }), []);
});

test('a pair another source already explains gets no plain data FD (both copied from one entity)', () => {
  const text = `
    CREATE TABLE carriers (carrier_id INT PRIMARY KEY, carrier_airline VARCHAR(30), carrier_alliance VARCHAR(30));
    CREATE TABLE hops (flight_no VARCHAR(10) PRIMARY KEY, carrier_id INT REFERENCES carriers, carrier_airline VARCHAR(30), carrier_alliance VARCHAR(30), departs VARCHAR(5));
    ${flights('hops', 25, '$i').replace(/\('(F\d+)', ('[^']+'), ('[^']+'), ('[^']+'), (\d+)\)/g, (_, f, a, al, d, i) => `('${f}', ${AIRLINES.indexOf(a.slice(1, -1)) + 1}, ${a}, ${al}, ${d})`)}
  `;
  const got = deps(text, { minConfidence: 'low' });
  assert.ok(got.every((g) => !/<- carrier_airline/.test(g)), JSON.stringify(got));
  assert.ok(got.some((g) => /^hops .*carrier_alliance.* <- carrier_id/.test(g)), JSON.stringify(got));
});

test('a 1:1 pair of a named and a plain determinant keeps the named direction', () => {
  // carrier ↔ category (1:1 in the rows): category is a classifier name, so category → carrier (carrier comes first, which alone would win)
  const rows = Array.from({ length: 25 }, (_, i) => { const a = AIRLINES[i % AIRLINES.length]; return `('F${100 + i}', '${a} Air', '${a}')`; });
  const text = `CREATE TABLE fares (fare_no VARCHAR(10) PRIMARY KEY, carrier VARCHAR(30), category VARCHAR(30));\nINSERT INTO fares VALUES\n${rows.join(',\n')};`;
  assert.deepEqual(deps(text, { minConfidence: 'low' }), ['fares carrier <- category high warning']);
});

// Issue 13 (northwind suppliers: most have a country but no region): rows with no determinant that still
// hold the dependent record it for its own sake, and no table keyed by the determinant could keep it.
test('a data dependency whose determinant is NULL in rows holding the dependent is a low info, saying why', () => {
  const rows = `INSERT INTO suppliers VALUES (1, 'Québec', 'Canada'), (2, 'Québec', 'Canada'), (3, 'OR', 'USA'), (4, 'MI', 'USA'), (5, NULL, 'UK'), (6, NULL, 'Japan');\n`;
  const text = `CREATE TABLE suppliers (supplier_id INTEGER PRIMARY KEY, region VARCHAR(15), country VARCHAR(15));\n${rows}`;
  assert.deepEqual(deps(text), []);
  assert.deepEqual(deps(text, { minConfidence: 'low' }), ['suppliers country <- region low info']);
  const f = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql', minConfidence: 'low' }).findings.find((x) => x.table === 'suppliers')!;
  assert.match(f.message, /2 INSERT rows with no region still have a country, so country is recorded for its own sake too/);
  // the same rows without the regionless suppliers: the textbook 3NF case, a warning
  const keyed = text.replace(/, \(5, NULL, 'UK'\), \(6, NULL, 'Japan'\)/, '');
  assert.deepEqual(deps(keyed), ['suppliers country <- region medium warning']);
});
