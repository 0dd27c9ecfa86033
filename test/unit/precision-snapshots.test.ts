// Issue 15, class 3 generalised: a row that records a received or queued message (an inbox, a queue, a
// payment notification keyed by its transaction id) keeps what the message said: at most a low info.
// Fails without the event-record rule (README "Where dependencies come from", 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';

function deps(text: string, opts: Partial<Options> = {}) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'mysql', ...opts });
  return r.findings.filter((f) => f.rule.endsWith('-dependency'));
}
const SCHEMA = `
  CREATE TABLE gateway (gateway_ipn_id INT AUTO_INCREMENT, txn_id VARCHAR(20), payer_id VARCHAR(32), payer_email VARCHAR(128),
    payer_business_name VARCHAR(128), paid_at DATETIME, PRIMARY KEY (gateway_ipn_id, txn_id));
  CREATE TABLE webhook_inbox (id INT PRIMARY KEY, sender_id VARCHAR(64), sender_name VARCHAR(64), received DATETIME);
  CREATE TABLE staff (staff_id INT PRIMARY KEY, hired DATE, dept_id INT, dept_name VARCHAR(40));
`;

test('messages received or queued keep what they said: no warning, a low "if this is a snapshot" info', () => {
  assert.deepEqual(deps(SCHEMA).map((f) => `${f.table} ${f.columns.join(',')}`), ['staff dept_name']);
  const low = deps(SCHEMA, { minConfidence: 'low' }).filter((f) => f.table !== 'staff');
  assert.deepEqual(low.map((f) => `${f.table} ${f.columns.join(',')} ${f.severity} ${f.confidence}`).sort(), [
    'gateway payer_email,payer_business_name info low',
    'webhook_inbox sender_name info low',
  ]);
  for (const f of low) assert.match(f.message, /If this is a snapshot/);
  assert.match(low.find((f) => f.table === 'gateway')!.message, /one transaction or notification, by its key (gateway_ipn_id|txn_id),/);
});

// Real-schema audit round 10 (ovh/cds run tables, UPchieve/subway contact form submissions): a run or
// execution of a job keeps what it ran with, a form submission keeps what was submitted. Fails without
// 'run', 'execution', 'submission' in fd/confidence.ts EVENT_TABLE_WORDS.
const RUNS = `
  CREATE TABLE users (id INT PRIMARY KEY, username VARCHAR(64), email VARCHAR(128));
  CREATE TABLE workers (id INT PRIMARY KEY, worker_name VARCHAR(64));
  CREATE TABLE workflow_node_run_job (id INT PRIMARY KEY, worker_id INT REFERENCES workers, worker_name VARCHAR(64), started DATETIME);
  CREATE TABLE pipeline_execution (id INT PRIMARY KEY, user_id INT REFERENCES users, username VARCHAR(64), started DATETIME);
  CREATE TABLE contact_form_submissions (id INT PRIMARY KEY, user_id INT REFERENCES users, user_email VARCHAR(128), message TEXT);
  CREATE TABLE project_member (id INT PRIMARY KEY, user_id INT REFERENCES users, username VARCHAR(64));
`;

test('runs, executions and form submissions keep values as they were: a low "if this is a snapshot" info', () => {
  assert.deepEqual(deps(RUNS).map((f) => `${f.table} ${f.columns.join(',')}`), ['project_member username']);
  const low = deps(RUNS, { minConfidence: 'low' }).filter((f) => f.table !== 'project_member');
  assert.deepEqual(low.map((f) => `${f.table} ${f.columns.join(',')} ${f.severity}`).sort(), [
    'contact_form_submissions user_email info',
    'pipeline_execution username info',
    'workflow_node_run_job worker_name info',
  ]);
  for (const f of low) assert.match(f.message, /If this is a snapshot/);
  assert.match(low.find((f) => f.table === 'workflow_node_run_job')!.message, /records runs or executions/);
});
