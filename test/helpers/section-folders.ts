// Single-file up/down migration folders (goose, sql-migrate, dbmate) for the tests, and the statements each
// tool sends to the engine for one direction — written here after the tools' own parsers (goose
// internal/sqlparser, sql-migrate sqlparse, dbmate pkg/dbmate/migration.go), independently of the product's
// reading, so a test can run a folder (or a new migration normlint wrote) up and down as the tool would.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Tool = 'goose' | 'sql-migrate' | 'dbmate';

const M = {
  goose: { up: '-- +goose Up', down: '-- +goose Down', begin: '-- +goose StatementBegin', end: '-- +goose StatementEnd' },
  'sql-migrate': { up: '-- +migrate Up', down: '-- +migrate Down', begin: '-- +migrate StatementBegin', end: '-- +migrate StatementEnd' },
  dbmate: { up: '-- migrate:up', down: '-- migrate:down', begin: '', end: '' },
};

/**
 * The same history in each tool's shape: users (with a table a later migration drops), posts (a foreign key
 * without an index, zip → city in its rows, a trigger function whose body has lines ending with `;`), then a
 * rename and a drop. Every down section undoes its up and some re-create what the up dropped (legacy_tokens,
 * the column `email`): replayed as schema, they would leave tables and columns the folder no longer has.
 * The third migration's number sorts before the second's as text (10 < 2), so the order is checked too.
 */
export function sectionFolder(tool: Tool): Record<string, string> {
  const m = M[tool];
  const stmt = (sql: string) => (m.begin ? `${m.begin}\n${sql}\n${m.end}` : sql);
  const file = (up: string, down: string) => `${tool === 'goose' ? '-- +goose NO TRANSACTION\n' : ''}${m.up}\n${up}\n\n${m.down}\n${down}\n`;
  const names = tool === 'dbmate'
    ? ['20230101120000_users.sql', '20230102120000_posts.sql', '20230110120000_rename.sql']
    : tool === 'goose' ? ['00001_users.sql', '2_posts.sql', '10_rename.sql'] : ['1_users.sql', '2_posts.sql', '10_rename.sql'];
  const out: Record<string, string> = {
    [names[0]]: file(
      'CREATE TABLE users (\n  id integer PRIMARY KEY,\n  email text NOT NULL\n);\nCREATE TABLE legacy_tokens (id integer PRIMARY KEY, token text);\nINSERT INTO users (id, email) VALUES (1, \'a@example.com\'), (2, \'b@example.com\');',
      'DROP TABLE legacy_tokens;\nDROP TABLE users;'),
    [names[1]]: file(
      [
        'CREATE TABLE posts (\n  id integer PRIMARY KEY,\n  user_id integer NOT NULL REFERENCES users (id),\n  body text NOT NULL,\n  zip text NOT NULL,\n  city text NOT NULL,\n  state text NOT NULL\n);',
        stmt('CREATE FUNCTION posts_touch() RETURNS trigger AS $$\nBEGIN\n  NEW.body := trim(NEW.body);\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;'),
        'INSERT INTO posts (id, user_id, body, zip, city, state) VALUES\n  (1, 1, \'x\', \'10001\', \'New York\', \'NY\'), (2, 2, \'y\', \'10001\', \'New York\', \'NY\'), (3, 1, \'z\', \'94105\', \'San Francisco\', \'CA\'),\n  (4, 2, \'w\', \'94105\', \'San Francisco\', \'CA\'), (5, 1, \'v\', \'60601\', \'Chicago\', \'IL\'), (6, 2, \'u\', \'60601\', \'Chicago\', \'IL\');',
      ].join('\n'),
      'DROP FUNCTION posts_touch();\nDROP TABLE posts;'),
    [names[2]]: file(
      'ALTER TABLE users RENAME COLUMN email TO login;\nDROP TABLE legacy_tokens;',
      'CREATE TABLE legacy_tokens (id integer PRIMARY KEY, token text);\nALTER TABLE users RENAME COLUMN login TO email;'),
  };
  // sql-migrate runs names without a leading number after the numbered ones, by name
  if (tool === 'sql-migrate') out['seed_tags.sql'] = file('ALTER TABLE users ADD COLUMN tags text;', 'ALTER TABLE users DROP COLUMN tags;');
  return out;
}

/** The folder written under a new temporary directory, at `db/migrations`; returns that folder. */
export function writeFolder(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'normlint-sections-')), 'db', 'migrations');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The statements `tool` sends for one direction of a migration file, in order. */
export function statementsOf(tool: Tool, text: string, direction: 'up' | 'down'): string[] {
  const m = M[tool];
  const lines = text.split('\n');
  if (tool === 'dbmate') {
    // one text per section: from its marker to the other marker
    const up = lines.findIndex((l) => /^--\s*migrate:up/.test(l)), down = lines.findIndex((l) => /^--\s*migrate:down/.test(l));
    if (up < 0 || down < up) throw new Error('dbmate needs -- migrate:up before -- migrate:down');
    const body = (direction === 'up' ? lines.slice(up + 1, down) : lines.slice(down + 1)).join('\n').trim();
    return body ? [body] : [];
  }
  const out: string[] = [];
  let dir: 'none' | 'up' | 'down' = 'none', inBlock = false, buf: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t === m.up || t.startsWith(m.up + ' ')) { dir = 'up'; continue; }
    if (t === m.down || t.startsWith(m.down + ' ')) { dir = 'down'; continue; }
    if (t === m.begin) { inBlock = true; continue; }
    if (t === m.end) { inBlock = false; if (dir === direction) out.push(buf.join('\n')); buf = []; continue; }
    if (dir === 'none' || (buf.length === 0 && (t === '' || t.startsWith('--')))) continue;
    buf.push(line);
    // outside a block a statement ends at the line that ends with `;`
    if (!inBlock && /;\s*(--.*)?$/.test(t)) { if (dir === direction) out.push(buf.join('\n')); buf = []; }
  }
  if (buf.some((l) => l.trim())) throw new Error(`${tool}: unfinished statement: ${buf.join('\n')}`);
  return out;
}
