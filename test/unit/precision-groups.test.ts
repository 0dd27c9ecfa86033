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

test('numbered address lines after an owner word (contact_address1/2, billing_street1/2) are one address, not a group', () => {
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE service_domain (id INT PRIMARY KEY, contact_address1 VARCHAR(255), contact_address2 VARCHAR(255),
      billing_street1 VARCHAR(255), billing_street2 VARCHAR(255), ns1 VARCHAR(255), ns2 VARCHAR(255), ns3 VARCHAR(255));
  ` }], { ...defaultOptions, dialect: 'mysql' });
  assert.deepEqual(r.findings.filter((f) => f.rule === 'repeating-group').map((f) => f.columns.join()), ['ns1,ns2,ns3']);
});

test('field slots f1..f10 of a plugin table are generic slots, not a repeating group', () => {
  const fs = Array.from({ length: 10 }, (_, i) => `f${i + 1} TEXT`).join(', ');
  const r = analyzeSources([{ file: 'schema.sql', text: `CREATE TABLE service_custom (id INT PRIMARY KEY, plugin VARCHAR(255), ${fs}, phone1 VARCHAR(20), phone2 VARCHAR(20), phone3 VARCHAR(20));` }],
    { ...defaultOptions, dialect: 'mysql' });
  assert.deepEqual(r.findings.filter((f) => f.rule === 'repeating-group').map((f) => f.columns.join()), ['phone1,phone2,phone3']);
});
