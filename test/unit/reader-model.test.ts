// The schema model the reader builds: tables, columns, keys, references, indexes, ALTERs, comments,
// annotations, suppressions, dialect detection, and the workspace merge across files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, detectDialect } from '../../server/src/core/reader/index.ts';
import { buildWorkspace } from '../../server/src/core/workspace.ts';
import { validateCreateTable } from '../helpers/parser-crosscheck.ts';
import type { Table } from '../../server/src/core/model.ts';

const one = (sql: string, d: 'postgresql' | 'mysql' | 'sqlite' | 'auto' = 'postgresql') => buildWorkspace([readFile(sql, 'a.sql', d)]);
const cols = (t: Table) => t.columns.map((c) => c.name);

test('CREATE TABLE: column and table constraints, inline and table-level foreign keys', () => {
  const sql = `CREATE TABLE IF NOT EXISTS app.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code varchar(20) NOT NULL UNIQUE,
    customer_id int CONSTRAINT fk_c REFERENCES customers(id) ON DELETE CASCADE,
    price numeric(10, 2) DEFAULT 0 CHECK (price >= 0),
    total numeric GENERATED ALWAYS AS (price * 2) STORED,
    created timestamp with time zone DEFAULT now() NOT NULL, -- when it was made
    a int, b int,
    CONSTRAINT u_ab UNIQUE (a, b),
    FOREIGN KEY (a, b) REFERENCES pairs (x, y)
  );`;
  const t = one(sql).tables[0];
  assert.equal(t.name, 'orders');
  assert.equal(t.schema, 'app');
  assert.deepEqual(cols(t), ['id', 'code', 'customer_id', 'price', 'total', 'created', 'a', 'b']);
  assert.deepEqual(t.primaryKey?.columns, ['id']);
  assert.deepEqual(t.uniqueKeys.map((u) => u.columns), [['code'], ['a', 'b']]);
  assert.deepEqual(t.foreignKeys.map((f) => [f.name, f.columns, f.references.table, f.references.columns]),
    [['fk_c', ['customer_id'], 'customers', ['id']], [undefined, ['a', 'b'], 'pairs', ['x', 'y']]]);
  const c = Object.fromEntries(t.columns.map((x) => [x.name, x]));
  assert.equal(c.price.type, 'numeric(10,2)');
  assert.equal(c.price.default, '0');
  assert.deepEqual(c.price.checks, ['price >= 0']);
  assert.equal(c.total.generated, true);
  assert.equal(c.id.generated, undefined, 'an identity column is a key, not a derived column');
  assert.equal(c.created.type, 'timestamp with time zone');
  assert.equal(c.created.nullable, false);
  assert.equal(c.created.default, 'now()');
  assert.equal(c.created.comment, 'when it was made');
  assert.equal(c.code.nullable, false);
  assert.equal(c.a.nullable, true);
  assert.equal(sql.slice(t.nameSpan.start, t.nameSpan.end), 'orders');
  assert.equal(sql.slice(c.code.nameSpan.start, c.code.nameSpan.end), 'code');
});

test('REFERENCES t without columns resolves to t\'s primary key after the merge', () => {
  const ws = one('CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent);\nCREATE TABLE parent (pid int, k int, PRIMARY KEY (pid));');
  assert.deepEqual(ws.lookup.get('child')!.foreignKeys[0].references.columns, ['pid']);
});

test('MySQL dump: backticks, inline KEY / UNIQUE KEY / FULLTEXT, COMMENT, ENGINE', () => {
  const sql = "CREATE TABLE `film` (\n `film_id` smallint unsigned NOT NULL AUTO_INCREMENT,\n `title` varchar(128) NOT NULL COMMENT 'the title',\n `key` varchar(10),\n `lang_id` tinyint(3) unsigned NOT NULL,\n PRIMARY KEY (`film_id`),\n UNIQUE KEY `u_title` (`title`),\n KEY `idx_lang` (`lang_id`),\n FULLTEXT KEY `ft` (`title`),\n CONSTRAINT `fk_lang` FOREIGN KEY (`lang_id`) REFERENCES `language` (`language_id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='films';";
  const ws = one(sql, 'auto');
  assert.equal(ws.files[0].dialect, 'mysql');
  const t = ws.tables[0];
  assert.deepEqual(cols(t), ['film_id', 'title', 'key', 'lang_id']);
  assert.equal(t.columns[1].comment, 'the title');
  assert.equal(t.comment, 'films');
  assert.deepEqual(t.uniqueKeys.map((u) => [u.name, u.columns]), [['u_title', ['title']]]);
  assert.deepEqual(t.indexes.map((i) => [i.name, i.columns, i.inline]), [['idx_lang', ['lang_id'], true], ['ft', ['title'], true]]);
  assert.equal(ws.indexes.length, 2);
  assert.deepEqual(t.foreignKeys[0].references, { schema: undefined, table: 'language', columns: ['language_id'] });
});

test('SQLite: [names], AUTOINCREMENT, WITHOUT ROWID, REFERENCES t without columns', () => {
  const ws = one('CREATE TABLE [a b] ([id] INTEGER PRIMARY KEY AUTOINCREMENT, x REFERENCES t) WITHOUT ROWID;\nCREATE TABLE t (k TEXT PRIMARY KEY);', 'auto');
  assert.equal(ws.files[0].dialect, 'sqlite');
  const t = ws.tables[0];
  assert.equal(t.name, 'a b');
  assert.deepEqual(cols(t), ['id', 'x']);
  assert.equal(t.columns[1].type, '');
  assert.deepEqual(t.foreignKeys[0].references.columns, ['k']);
});

test('CREATE INDEX: unique, unnamed, partial, expression and INCLUDE; attached to the table', () => {
  const sql = `CREATE TABLE t (a int, b int, c text);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS u_ab ON ONLY public.t USING btree (a, b DESC) INCLUDE (c);
CREATE INDEX ON t (b) WHERE b IS NOT NULL;
CREATE INDEX e ON t (lower(c), a);`;
  const ws = one(sql);
  const idx = ws.lookup.get('t')!.indexes;
  assert.equal(idx.length, 3);
  assert.deepEqual([idx[0].name, idx[0].unique, idx[0].columns, idx[0].include], ['u_ab', true, ['a', 'b'], ['c']]);
  assert.deepEqual([idx[1].name, idx[1].partial, idx[1].predicate], [undefined, true, 'b IS NOT NULL']);
  assert.deepEqual([idx[2].columns, idx[2].expressions], [['lower(c)', 'a'], [true, false]]);
});

test('pg_dump style: constraints added by ALTER TABLE ONLY, COMMENT ON, SET, functions', () => {
  const sql = `SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$;
CREATE TABLE public.film (film_id integer NOT NULL, title text, lang integer);
ALTER TABLE public.film OWNER TO postgres;
COMMENT ON TABLE public.film IS 'Films';
COMMENT ON COLUMN public.film.title IS 'The title';
CREATE TABLE public.lang (id integer NOT NULL);
ALTER TABLE ONLY public.film ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);
ALTER TABLE ONLY public.lang ADD CONSTRAINT lang_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.film ADD CONSTRAINT film_lang_fkey FOREIGN KEY (lang) REFERENCES public.lang(id) ON UPDATE CASCADE;
CREATE INDEX idx_lang ON public.film USING btree (lang);`;
  const fm = readFile(sql, 'a.sql', 'auto');
  assert.equal(fm.dialect, 'postgresql');
  assert.equal(fm.dialectSource, 'detected');
  assert.equal(fm.tables[0].primaryKey, undefined, 'file models are not changed by ALTERs');
  const ws = buildWorkspace([fm]);
  const film = ws.lookup.get('public.film')!;
  assert.equal(ws.lookup.get('film'), film);
  assert.deepEqual(film.primaryKey?.columns, ['film_id']);
  assert.deepEqual(film.foreignKeys.map((f) => [f.name, f.columns, f.references.table, f.references.columns]), [['film_lang_fkey', ['lang'], 'lang', ['id']]]);
  assert.equal(film.comment, 'Films');
  assert.equal(film.columns[1].comment, 'The title');
  assert.deepEqual(film.indexes.map((i) => i.name), ['idx_lang']);
});

test('ALTER TABLE ADD COLUMN / ADD PRIMARY KEY / ADD UNIQUE / DROP / RENAME', () => {
  const ws = one(`CREATE TABLE t (a int, b int, c int);
ALTER TABLE t ADD COLUMN d text REFERENCES u(id), ADD PRIMARY KEY (a), ADD CONSTRAINT uq UNIQUE (b, c);
ALTER TABLE t DROP COLUMN c;
ALTER TABLE t RENAME COLUMN b TO bb;`);
  const t = ws.tables[0];
  assert.deepEqual(cols(t), ['a', 'bb', 'd']);
  assert.deepEqual(t.primaryKey?.columns, ['a']);
  assert.equal(t.columns[0].nullable, false);
  assert.deepEqual(t.uniqueKeys.map((u) => [u.name, u.columns]), [['uq', ['b', 'c']]]);
  assert.deepEqual(t.foreignKeys.map((f) => [f.columns, f.references.table]), [[['d'], 'u']]);
});

test('workspace: a foreign key in one file, its table and index in another', () => {
  const a = readFile('CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);', 'a.sql', 'postgresql');
  const b = readFile('CREATE TABLE customers (id int PRIMARY KEY);\nCREATE INDEX o_c ON orders (customer_id);\nALTER TABLE orders ADD COLUMN note text;\nINSERT INTO orders VALUES (1, 2, \'x\');', 'b.sql', 'postgresql');
  const ws = buildWorkspace([a, b]);
  const orders = ws.lookup.get('orders')!;
  assert.deepEqual(orders.foreignKeys[0].references.columns, ['id']);
  assert.deepEqual(orders.indexes.map((i) => [i.name, i.file]), [['o_c', 'b.sql']]);
  assert.deepEqual(cols(orders), ['id', 'customer_id', 'note']);
  assert.equal(ws.rows.get(orders)?.[0].rows.length, 1);
  assert.equal(ws.indexes.length, 1);
  assert.equal(a.tables[0].indexes.length, 0, 'file models stay untouched');
  assert.equal(a.tables[0].columns.length, 2);
});

test('PARTITION OF, CREATE SCHEMA … CREATE TABLE, TEMP, AS SELECT, LIKE', () => {
  const ws = one(`CREATE TABLE m (id int, d date, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE SCHEMA s CREATE TABLE s1 (x int) CREATE INDEX ON s1 (x);
CREATE TEMPORARY TABLE tmp (y int);
CREATE TABLE sel AS SELECT * FROM m;
CREATE TABLE lk (LIKE m INCLUDING ALL);`);
  const byName = Object.fromEntries(ws.tables.map((t) => [t.name, t]));
  assert.equal(byName.m_2024.kind, 'partition');
  assert.equal(byName.m_2024.derivedFrom, 'm');
  assert.deepEqual(cols(byName.m_2024), [], 'a partition is checked through its parent');
  assert.deepEqual(cols(byName.s1), ['x']);
  assert.equal(byName.s1.indexes.length, 1);
  assert.equal(byName.tmp.temporary, true);
  assert.equal(byName.sel.kind, 'as-select');
  assert.ok(byName.sel.notes.length > 0);
  assert.equal(byName.lk.kind, 'like');
  assert.deepEqual(cols(byName.lk), ['id', 'd']);
});

test('@fd / @key annotations inside the table or in the comment block directly above it', () => {
  const sql = `-- unrelated header

-- @key email
-- @fd zip → city, state
CREATE TABLE p (
  id int, email text, zip text, city text, state text,
  -- @fd a, b -> c
  PRIMARY KEY (id)
);
-- @fd x -> y

CREATE TABLE q (x int, y int);`;
  const ws = one(sql);
  const p = ws.lookup.get('p')!;
  assert.deepEqual(p.annotations.map((a) => [a.kind, a.determinant, a.dependents]),
    [['key', ['email'], []], ['fd', ['zip'], ['city', 'state']], ['fd', ['a', 'b'], ['c']]]);
  assert.ok(sql.slice(p.annotations[0].span.start, p.annotations[0].span.end).startsWith('@key email'));
  assert.deepEqual(ws.lookup.get('q')!.annotations, [], 'a blank line separates a comment from the next table');
});

test('normlint-disable comments → suppressions sorted by line', () => {
  const fm = readFile(`/* normlint-disable repeating-group */
CREATE TABLE t (
  a int, -- normlint-disable-line list-column
  -- normlint-disable-next-line transitive-dependency, bcnf-violation
  b int
);
-- normlint-enable repeating-group
-- normlint-disable`, 'a.sql', 'postgresql');
  assert.deepEqual(fm.suppressions, [
    { kind: 'disable', line: 0, rules: ['repeating-group'] },
    { kind: 'line', line: 2, rules: ['list-column'] },
    { kind: 'next-line', line: 3, rules: ['transitive-dependency', 'bcnf-violation'] },
    { kind: 'enable', line: 6, rules: ['repeating-group'] },
    { kind: 'disable', line: 7, rules: [] },
  ]);
  assert.equal(fm.tables[0].columns[0].comment, undefined, 'a directive is not a column description');
});

test('dialect detection from syntax', () => {
  assert.deepEqual(detectDialect('CREATE TABLE `a` (id int AUTO_INCREMENT) ENGINE=InnoDB;', 'auto'), { dialect: 'mysql', source: 'detected' });
  assert.deepEqual(detectDialect('CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID;', 'auto'), { dialect: 'sqlite', source: 'detected' });
  assert.deepEqual(detectDialect('CREATE TABLE a (id SERIAL, d jsonb); COMMENT ON TABLE a IS $$x$$;', 'auto'), { dialect: 'postgresql', source: 'detected' });
  assert.deepEqual(detectDialect('CREATE TABLE a (id int);', 'auto'), { dialect: 'postgresql', source: 'default' });
  assert.deepEqual(detectDialect('-- talks about AUTO_INCREMENT and ENGINE=x\nCREATE TABLE a (id serial);', 'auto'), { dialect: 'postgresql', source: 'detected' });
  assert.deepEqual(detectDialect('CREATE TABLE a (id int);', 'mariadb'), { dialect: 'mariadb', source: 'setting' });
});

test('unreadable CREATE TABLE is recorded with its name and a one-line range; half-typed tables are read', () => {
  const sql = 'CREATE TABLE ok (a int);\nCREATE TABLE bad garbage (x);\nCREATE TABLE wa WITH (fillfactor=70) AS SELECT 1;\nCREATE TABLE typing (a int, b';
  const fm = readFile(sql, 'a.sql', 'postgresql');
  assert.deepEqual(fm.unreadable.map((u) => u.tableName), ['bad']);
  assert.equal(sql.slice(fm.unreadable[0].span.start, fm.unreadable[0].span.end), 'CREATE TABLE bad garbage (x);'.slice(0, -1));
  assert.equal(fm.tables.find((t) => t.name === 'wa')?.kind, 'as-select');
  const typing = fm.tables.find((t) => t.name === 'typing')!;
  assert.deepEqual(cols(typing), ['a', 'b']);
  assert.equal(typing.reader, 'tolerant');
  assert.equal(fm.tables[0].reader, 'tolerant');
  validateCreateTable(fm.tables[0], 'CREATE TABLE ok (a int)', 'postgresql');
  assert.equal(fm.tables[0].reader, 'parser', 'node-sql-parser agrees with the token reader on a plain table');
});

test('a CREATE TABLE being typed (no `)` or `;` yet) does not swallow the tables below it', () => {
  const fm = readFile('CREATE TABLE a (\n  id int,\n  na\nCREATE TABLE b (x int);\nCREATE TABLE c (y int)\nINSERT INTO c VALUES (1);\n', 'a.sql', 'postgresql');
  assert.deepEqual(fm.tables.map((t) => [t.name, cols(t)]), [['a', ['id', 'na']], ['b', ['x']], ['c', ['y']]]);
  assert.equal(fm.inserts.length, 1);
  // a column that happens to be called like a keyword is not a statement start
  const ok = readFile('CREATE TABLE d (\n  comment text,\n  insert_at int,\n  drop_reason text\n);', 'a.sql', 'postgresql');
  assert.deepEqual(cols(ok.tables[0]), ['comment', 'insert_at', 'drop_reason']);
});

test('ALTER without key columns (USING INDEX) changes nothing; MySQL CHANGE renames', () => {
  const ws = one('CREATE TABLE t (a int PRIMARY KEY, b int);\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_idx;\nALTER TABLE t CHANGE COLUMN b bb bigint NOT NULL;', 'mysql');
  assert.deepEqual(ws.tables[0].primaryKey?.columns, ['a']);
  assert.deepEqual(cols(ws.tables[0]), ['a', 'bb']);
});

test('the workspace merge of musicbrainz (375 tables) is repeatable', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { corpusDir } = await import('../helpers/cases.ts');
  const fm = readFile(readFileSync(join(corpusDir, 'postgresql/musicbrainz.sql'), 'utf8'), 'm.sql', 'postgresql');
  for (let i = 0; i < 5; i++) buildWorkspace([fm]);
  // the time is npm run bench's (test/bench/reader.mjs); here: merging again gives the same model
  const again = buildWorkspace([fm]);
  assert.equal(again.tables.length, fm.tables.length);
  assert.deepEqual(again.tables.map((t) => t.columns.length), buildWorkspace([fm]).tables.map((t) => t.columns.length));
});
