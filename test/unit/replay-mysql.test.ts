// Replay of MySQL history: MODIFY, CHANGE, DROP FOREIGN KEY, DROP INDEX (in ALTER and DROP INDEX … ON),
// RENAME INDEX, DROP PRIMARY KEY, RENAME TABLE, and MySQL's default key names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayed, shape, table } from '../helpers/replay.ts';

const base = `CREATE TABLE \`p\` (\`id\` INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (\`id\`)) ENGINE=InnoDB;
CREATE TABLE \`t\` (
  \`id\` INT NOT NULL, \`p_id\` INT, \`name\` VARCHAR(64) NOT NULL, \`note\` TEXT,
  PRIMARY KEY (\`id\`), UNIQUE KEY \`uk_name\` (\`name\`), KEY \`idx_p\` (\`p_id\`),
  CONSTRAINT \`fk_t_p\` FOREIGN KEY (\`p_id\`) REFERENCES \`p\` (\`id\`)
) ENGINE=InnoDB;`;

test('MODIFY replaces the definition; CHANGE renames and replaces, keys and indexes follow', () => {
  const ws = replayed([base, 'ALTER TABLE t MODIFY note VARCHAR(255) NOT NULL, CHANGE COLUMN p_id parent_id BIGINT NULL;'], 'mysql');
  assert.deepEqual(shape(table(ws, 't')), {
    columns: ['id INT not null', 'parent_id BIGINT', 'name VARCHAR(64) not null', 'note VARCHAR(255) not null'],
    pk: 'PRIMARY(id)', unique: ['uk_name(name)'], fks: ['fk_t_p(parent_id)->p(id)'], indexes: ['idx_p(parent_id)'],
  });
});

test('DROP FOREIGN KEY, DROP INDEX (an index and a UNIQUE key), DROP PRIMARY KEY', () => {
  const ws = replayed([base, 'ALTER TABLE t DROP FOREIGN KEY fk_t_p, DROP INDEX idx_p, DROP KEY uk_name, DROP PRIMARY KEY;'], 'mysql');
  assert.deepEqual(shape(table(ws, 't')), {
    columns: ['id INT not null', 'p_id INT', 'name VARCHAR(64) not null', 'note TEXT'], pk: undefined, unique: [], fks: [], indexes: [],
  });
});

test('DROP INDEX … ON t, RENAME INDEX, RENAME TABLE', () => {
  const ws = replayed([base, 'DROP INDEX uk_name ON t; ALTER TABLE t RENAME INDEX idx_p TO idx_parent;', 'RENAME TABLE t TO things;'], 'mysql');
  assert.deepEqual(shape(table(ws, 'things'))?.indexes, ['idx_parent(p_id)']);
  assert.deepEqual(shape(table(ws, 'things'))?.unique, []);
  assert.equal(ws.indexes[0].table, 'things');
});

test('unnamed MySQL keys get MySQL\'s names: PRIMARY, the first column, <table>_ibfk_<n>', () => {
  const ws = replayed(['CREATE TABLE q (id INT PRIMARY KEY, code INT UNIQUE, p_id INT, FOREIGN KEY (p_id) REFERENCES p (id)) ENGINE=InnoDB;',
    'ALTER TABLE q DROP FOREIGN KEY q_ibfk_1, DROP INDEX code;'], 'mysql');
  assert.deepEqual(shape(table(ws, 'q')), { columns: ['id INT not null', 'code INT', 'p_id INT'], pk: 'PRIMARY(id)', unique: [], fks: [], indexes: [] });
});

test('MODIFY of a primary-key column without NOT NULL keeps it NOT NULL (MySQL forces it)', () => {
  const ws = replayed([base, 'ALTER TABLE t MODIFY id BIGINT;'], 'mysql');
  assert.deepEqual(shape(table(ws, 't'))?.columns[0], 'id BIGINT not null');
});
