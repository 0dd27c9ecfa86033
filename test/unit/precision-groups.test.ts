// Issue 15, repeating groups on real schemas: generic slots and the two ends of a pair are not a
// repeated attribute. Each test fails without the rule it names (README "repeating-group").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

function groups(text: string): string[] {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'mysql', minConfidence: 'low' });
  return r.findings.filter((f) => f.rule === 'repeating-group').map((f) => `${f.table} ${f.columns.join(',')} ${f.severity}`);
}

test('generic slots (a slot or data-type word as stem) are not reported: their meaning is decided per row', () => {
  assert.deepEqual(groups(`
    CREATE TABLE job_props (id INT PRIMARY KEY, kind VARCHAR(20), STR_PROP_1 VARCHAR(50), STR_PROP_2 VARCHAR(50), STR_PROP_3 VARCHAR(50),
      INT_PROP_1 INT, INT_PROP_2 INT);
    CREATE TABLE meter_templates (id INT PRIMARY KEY, model VARCHAR(80), VersionOID VARCHAR(80), StatusOID VARCHAR(80),
      OID1 VARCHAR(80), OID2 VARCHAR(80), OID3 VARCHAR(80), profile VARCHAR(20));
    CREATE TABLE people (id INT PRIMARY KEY, Phone1 VARCHAR(20), Phone2 VARCHAR(20), Phone3 VARCHAR(20));
  `), ['people Phone1,Phone2,Phone3 warning']);
});

test('two integer slots named after a table of the schema are the two ends of a pair, not a group', () => {
  assert.deepEqual(groups(`
    CREATE TABLE devices (id INT PRIMARY KEY, hostname VARCHAR(100));
    CREATE TABLE sites (id INT PRIMARY KEY, title VARCHAR(100));
    CREATE TABLE links (id INT PRIMARY KEY, device1 INT, site1 INT, device2 INT, site2 INT);
    CREATE TABLE pupils (id INT PRIMARY KEY, Course1 VARCHAR(10), Course2 VARCHAR(10));
    CREATE TABLE racks (id INT PRIMARY KEY, device1 INT, device2 INT, device3 INT);
  `), ['pupils Course1,Course2 info', 'racks device1,device2,device3 warning']);
});
