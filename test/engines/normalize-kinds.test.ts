// One small schema per kind of corpus-acceptance failure (issue 13), through Normalize and the round-trip
// checks of helpers/roundtrip.ts in the engines the kind concerns. Each case either round-trips (with the
// dependencies Normalize declined to split, and why, when the re-lint still shows them), or is declined as a
// whole with a reason matching `declined`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import type { Engine } from './helpers/engine.ts';
import { openPglite } from './helpers/pglite.ts';
import { openSqlite } from './helpers/sqlite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import { roundTrip } from './helpers/roundtrip.ts';
import { ENROLLMENTS } from './helpers/enrollments.ts';

type EngineName = 'pglite' | 'sqlite' | 'mariadb';
interface Kind {
  name: string;
  sql: string;
  /** Dialect the SQL is written in (translated for the other engines). */
  dialect: 'postgresql' | 'mariadb';
  table: string;
  engines: EngineName[];
  /** A dependency the re-lint still reports, declined with this reason. */
  declinedStep?: RegExp;
  /** Normalize declines the whole table with this reason. */
  declined?: RegExp;
  /** A warning Normalize must give (what it left out and why). */
  warns?: RegExp;
}

const places = (extraRow: string) => `CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name VARCHAR(40) NOT NULL,
  city VARCHAR(30),
  region VARCHAR(30),
  country VARCHAR(30)
);
INSERT INTO customers VALUES (1, 'a', 'Vancouver', 'BC', 'Canada'), (2, 'b', 'Vancouver', 'BC', 'Canada'), (3, 'c', 'Victoria', 'BC', 'Canada'),
  (4, 'd', 'Toronto', 'ON', 'Canada'), (5, 'e', 'Toronto', 'ON', 'Canada'), (6, 'f', 'Seattle', 'WA', 'USA'), (7, 'g', 'Seattle', 'WA', 'USA'),
  (8, 'h', 'Spokane', 'WA', 'USA'), (9, 'i', 'Ottawa', 'ON', 'Canada')${extraRow};
`;

const hostsAndDevices = (hostId: string, hostOptions: string) => `CREATE TABLE hosts (
  id ${hostId} NOT NULL PRIMARY KEY,
  hostname VARCHAR(100) NOT NULL
) ${hostOptions};
CREATE TABLE devices (
  id INT UNSIGNED NOT NULL PRIMARY KEY,
  host_id INT UNSIGNED NOT NULL,
  hostname VARCHAR(100) NOT NULL,
  ip VARCHAR(17) NOT NULL
) ENGINE=InnoDB;
INSERT INTO hosts VALUES (1, 'a.example'), (2, 'b.example');
INSERT INTO devices VALUES (10, 1, 'a.example', '10.0.0.1'), (11, 1, 'a.example', '10.0.0.2'), (12, 2, 'b.example', '10.0.0.3');
`;

const enrollments = ENROLLMENTS;

const ALL: EngineName[] = ['pglite', 'sqlite', 'mariadb'];
export const kinds: Kind[] = [
  // the new table cities (city, region, country) shows region → country in its rows: split again
  { name: 'a new table is analysed as the re-lint will see it', sql: places(''), dialect: 'postgresql', table: 'customers', engines: ALL },
  // … unless a city with no region has a country (the split would lose it): declined with the reason (and the
  // re-lint reports region → country only as a low-confidence info: the rows hold a country for its own sake)
  { name: 'a follow-up split that would lose values is declined', sql: places(`, (10, 'j', 'London', NULL, 'UK'), (11, 'k', 'London', NULL, 'UK')`), dialect: 'postgresql', table: 'customers', engines: ALL, warns: /not splitting region → country: INSERT rows with no region still have a country/ },
  // the rows give product 10 two names: no products table can hold that (mall's oms_order_item)
  {
    name: 'rows that contradict the dependency decline the split', dialect: 'postgresql', table: 'order_lines', engines: ALL,
    sql: `CREATE TABLE order_lines (\n  line_id INTEGER PRIMARY KEY,\n  product_id INTEGER NOT NULL,\n  product_name VARCHAR(40)\n);\nINSERT INTO order_lines VALUES (1, 10, 'Pen'), (2, 10, 'Pen '), (3, 11, 'Ink');\n`,
    declined: /not splitting product_id → product_name: the INSERT rows contradict it \(product_id 10 has product_name 'Pen' and 'Pen '\)/,
  },
  // the key the new child table references is added by a later ALTER TABLE (pg_dump): the child goes after it (synapse)
  {
    name: 'a child table is placed after the statement that adds the key it references', dialect: 'postgresql', table: 'txns', engines: ['pglite', 'mariadb'],
    sql: `CREATE TABLE txns (\n  as_id VARCHAR(64) NOT NULL,\n  txn_id INTEGER NOT NULL,\n  event_ids TEXT NOT NULL\n);\n\nINSERT INTO txns VALUES ('a', 1, '$e1,$e2'), ('a', 2, '$e3'), ('b', 1, '$e1');\n\nALTER TABLE txns\n    ADD CONSTRAINT txns_as_id_txn_id_key UNIQUE (as_id, txn_id);\n`,
  },
  // InnoDB refuses a foreign key between different integer types (errno 150): the copy goes, no FK, says why (cacti)
  {
    name: 'a foreign key InnoDB would refuse is not added, and the warning says why', dialect: 'mariadb', table: 'devices', engines: ['mariadb'],
    sql: hostsAndDevices('MEDIUMINT UNSIGNED', 'ENGINE=InnoDB'),
    warns: /no FOREIGN KEY \(host_id\) REFERENCES hosts is added: InnoDB needs the same type on both sides \(devices.host_id INT UNSIGNED → hosts.id MEDIUMINT UNSIGNED\)/,
  },
  {
    name: 'no foreign key to a MyISAM table', dialect: 'mariadb', table: 'devices', engines: ['mariadb'],
    sql: hostsAndDevices('INT UNSIGNED', 'ENGINE=MyISAM'),
    warns: /no FOREIGN KEY \(host_id\) REFERENCES hosts is added: hosts is MyISAM, which does not support foreign keys/,
  },
  // a MyISAM table's new tables are MyISAM too, which ignores FOREIGN KEY clauses: none is written, and it says so
  {
    name: 'no foreign keys among MyISAM tables', dialect: 'mariadb', table: 'enrollments', engines: ['mariadb'],
    sql: `CREATE TABLE enrollments (\n  student_id INT NOT NULL,\n  course_id VARCHAR(10) NOT NULL,\n  course_title VARCHAR(100),\n  grade CHAR(2),\n  PRIMARY KEY (student_id, course_id)\n) ENGINE=MyISAM DEFAULT CHARSET=latin1;\nINSERT INTO enrollments VALUES (1, 'db1', 'Databases', 'A'), (1, 'os1', 'Systems', 'B'), (2, 'db1', 'Databases', 'B'), (2, 'os1', 'Systems', 'A'), (3, 'db1', 'Databases', 'C');\n`,
    warns: /no FOREIGN KEYs are written: enrollments is MyISAM/,
  },
  // views that read a moved column (PostgreSQL would refuse the DROP, the others break the view) are re-created
  // over the new tables: same columns and rows (the round trip compares them), a view on the view still works
  {
    name: 'views using a moved column are re-created over the new tables', dialect: 'postgresql', table: 'enrollments', engines: ALL,
    sql: enrollments + `CREATE VIEW course_list AS SELECT DISTINCT course_id, course_title FROM enrollments;
CREATE VIEW graded AS SELECT e.*, x.one FROM enrollments AS e JOIN (SELECT 1 AS one) x ON x.one = 1 WHERE e.grade <> 'F';
CREATE VIEW titles AS SELECT enrollments.course_title, count(*) AS n FROM enrollments GROUP BY enrollments.course_title;
CREATE VIEW title_list AS SELECT course_title FROM course_list;
`,
  },
  // PostgreSQL: a materialized view is dropped before the change and created again after it
  {
    name: 'a materialized view using a moved column is created again', dialect: 'postgresql', table: 'enrollments', engines: ['pglite'],
    sql: enrollments + `CREATE MATERIALIZED VIEW course_list AS SELECT DISTINCT course_id, course_title FROM enrollments;\n`,
  },
  // MySQL's dump form (version comments, ALGORITHM, DEFINER, SQL SECURITY) keeps its head
  {
    name: 'a mysqldump view using a moved column is replaced', dialect: 'mariadb', table: 'enrollments', engines: ['mariadb'],
    sql: enrollments + `/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=CURRENT_USER SQL SECURITY INVOKER */
/*!50001 VIEW \`course_list\` AS select \`enrollments\`.\`course_id\` AS \`course_id\`,\`enrollments\`.\`course_title\` AS \`course_title\` from \`enrollments\` */;
`,
  },
  // a view that reads a list column cannot get it back by a join: declined, naming the view
  {
    name: 'a view over a list column declines the rewrite, naming the view', dialect: 'postgresql', table: 'posts', engines: ALL,
    sql: `CREATE TABLE posts (\n  post_id INTEGER PRIMARY KEY,\n  tags VARCHAR(200)\n);\nINSERT INTO posts VALUES (1, 'sql,go'), (2, 'go');\nCREATE VIEW tagged AS SELECT post_id, tags FROM posts;\n`,
    declined: /view tagged uses a column of posts that moves to a child table/,
  },
  // WITH CHECK OPTION: a view over a join cannot be written through, so it is not rewritten
  {
    name: 'a view WITH CHECK OPTION declines the rewrite', dialect: 'postgresql', table: 'enrollments', engines: ['pglite', 'mariadb'],
    sql: enrollments + `CREATE VIEW good AS SELECT student_id, course_id, course_title, grade FROM enrollments WHERE grade = 'A' WITH CHECK OPTION;\n`,
    declined: /view good has WITH CHECK OPTION/,
  },
  // a view over the columns that stay keeps working (the round trip queries it after the migration)
  {
    name: 'a view over the kept columns still works after the migration', dialect: 'postgresql', table: 'enrollments', engines: ALL,
    sql: enrollments + `CREATE VIEW grades AS SELECT student_id, course_id, grade FROM enrollments;\n`,
  },
  // the README example: employees (emp_id, name, dept_id → departments) plus child and junction tables
  { name: 'README example (examples/school.sql) employees', dialect: 'postgresql', table: 'employees', engines: ALL, sql: readFileSync('examples/school.sql', 'utf8') },
  // a list column whose DEFAULT holds the delimiter: the values move (the SQLite rebuild copies no default in), the default is named
  {
    name: 'a list column with a list DEFAULT moves its values and names the default it cannot keep', dialect: 'postgresql', table: 'posts', engines: ALL,
    sql: `CREATE TABLE posts (\n  post_id INTEGER PRIMARY KEY,\n  title VARCHAR(100) NOT NULL,\n  tags VARCHAR(200) NOT NULL DEFAULT 'news,misc'\n);\nINSERT INTO posts VALUES (1, 'a', 'sql,go'), (2, 'b', 'go');\nINSERT INTO posts (post_id, title) VALUES (3, 'c');\n`,
    warns: /the DEFAULT 'news,misc' of posts\.tags is a list; rows of posts_tags cannot have a default/,
  },
  // InnoDB keys are at most 3,072 bytes: no table can be keyed by a varchar(1000) utf8mb4 value, so the values go
  // to a child table with a surrogate key and a UNIQUE (parent key, SHA-256 hash); 'Go' and 'go' stay two values
  {
    name: 'a list value over InnoDB\'s 3,072-byte key limit gets a surrogate key and a unique hash', dialect: 'mariadb', table: 'posts', engines: ['mariadb'],
    sql: `CREATE TABLE posts (\n  post_id INT NOT NULL PRIMARY KEY,\n  tags VARCHAR(1000) NOT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\nINSERT INTO posts VALUES (1, 'sql,go'), (2, 'go'), (3, 'Go,go');\n`,
    warns: /a key over posts\.tags values takes up to 4,016 bytes, over InnoDB's 3,072-byte limit: posts_tags has a surrogate key posts_tags_id and a UNIQUE index over \(post_id, tag_hash\)/,
  },
  // a TEXT determinant cannot hold a foreign key in InnoDB
  {
    name: 'a TEXT determinant declines the split (no foreign key on TEXT)', dialect: 'mariadb', table: 'sections', engines: ['mariadb'],
    sql: `-- @fd course_code -> course_title\nCREATE TABLE sections (\n  section_id INT NOT NULL PRIMARY KEY,\n  course_code TEXT,\n  course_title VARCHAR(100)\n) ENGINE=InnoDB;\nINSERT INTO sections VALUES (1, 'db', 'Databases'), (2, 'db', 'Databases'), (3, 'os', 'Systems');\n`,
    declined: /sections\.course_code is TEXT, which InnoDB cannot use in a foreign key/,
  },
  // pg_dump empties search_path and qualifies every name: new tables go in the original's schema (openstreetmap)
  {
    name: 'new tables are created in the schema of a qualified table (pg_dump, empty search_path)', dialect: 'postgresql', table: 'enrollments', engines: ['pglite'],
    sql: `SELECT pg_catalog.set_config('search_path', '', false);\n` + enrollments.replace(/enrollments/g, 'public.enrollments'),
  },
];

const opens: Record<EngineName, () => Promise<Engine>> = { pglite: openPglite, sqlite: openSqlite, mariadb: openMariadb };

for (const name of ['pglite', 'sqlite', 'mariadb'] as const) {
  describe(`normalize kinds in ${name}`, { skip: name === 'mariadb' && skipMariadb ? 'NORMLINT_SKIP_MARIADB=1' : false }, () => {
    let engine: Engine;
    before(async () => { engine = await opens[name](); }, { timeout: 300_000 });
    after(async () => { await engine?.close(); });
    for (const k of kinds.filter((x) => x.engines.includes(name))) {
      for (const to of ['3nf', 'bcnf'] as const) {
        test(`${k.name} (${to})`, { timeout: 120_000 }, async () => {
          const src = { name: `${k.table}.sql`, text: k.sql, dialect: k.dialect };
          if (k.declined) {
            await assert.rejects(roundTrip(engine, src, [{ table: k.table, to }]), (e: Error) => /Normalize produced no migration/.test(e.message) && k.declined!.test(e.message));
          } else {
            const { declinedSteps, warnings } = await roundTrip(engine, src, [{ table: k.table, to }]);
            if (k.warns) assert.ok(warnings.some((w) => k.warns!.test(w)), `warned: ${warnings.join('; ')}`);
            if (k.declinedStep) assert.ok(declinedSteps.some((d) => k.declinedStep!.test(d)), `declined with the reason: ${declinedSteps.join('; ')}`);
            else assert.deepEqual(declinedSteps, []);
          }
        });
      }
    }
  });
}
