// Issue 15, message wording: "Each customers has one …" and "Each uri has one uri" read badly. The
// entity is singular, and the identifier suffix is dropped only when a dependent is named after the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions } from '../../server/src/core/options.ts';

function each(text: string): string[] {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'mysql' });
  return r.findings.filter((f) => f.rule.endsWith('-dependency')).map((f) => /Each [^,]*,/.exec(f.message)?.[0] ?? f.message).sort();
}

test('the entity a determinant stands for is singular and never the dependent itself', () => {
  assert.deepEqual(each(`
    CREATE TABLE customers (customers_id INT PRIMARY KEY, customers_email VARCHAR(96));
    CREATE TABLE reviews (reviews_id INT PRIMARY KEY, customers_id INT, customers_email VARCHAR(96));
    CREATE TABLE links (id INT PRIMARY KEY, uri VARCHAR(255) UNIQUE);
    CREATE TABLE posts (id INT PRIMARY KEY, \`uri-id\` INT, uri VARCHAR(255), FOREIGN KEY (\`uri-id\`) REFERENCES links (id));
    CREATE TABLE staff (staff_id INT PRIMARY KEY, DeptID INT, DeptName VARCHAR(40));
  `), [
    'Each Dept has one DeptName,',
    'Each customer has one customers_email,',
    'Each uri-id has one uri,',
  ]);
});

test('fk-missing-index names the index that holds the columns only after others (a junction table keyed (a, b), an index led by tenant_id)', () => {
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE tags (id INT PRIMARY KEY);
    CREATE TABLE posts (id INT PRIMARY KEY, tenant_id INT, author_id INT REFERENCES tags(id));
    CREATE TABLE post_tags (post_id INT REFERENCES posts(id), tag_id INT REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));
    CREATE INDEX posts_tenant_author ON posts (tenant_id, author_id);
  ` }], { ...defaultOptions, dialect: 'postgresql' });
  const msgs = r.findings.filter((f) => f.rule === 'fk-missing-index').map((f) => f.message).sort();
  assert.equal(msgs.length, 2, msgs.join('\n'));
  assert.match(msgs[0], /^Foreign key post_tags\(tag_id\) → tags\(id\) has no index that starts with its columns \(PRIMARY KEY \(post_id, tag_id\) has them only after other columns\)/);
  assert.match(msgs[1], /^Foreign key posts\(author_id\) → tags\(id\) has no index that starts with its columns \(INDEX posts_tenant_author \(tenant_id, author_id\) has them only after other columns\)/);
});
