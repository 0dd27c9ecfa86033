// Issue 15: the false-alarm classes and misses seen on real schemas, each on an invented schema.
// Each test fails without the rule it names (see README "Where dependencies come from").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';
import type { Finding } from '../../server/src/core/findings.ts';

const DEP = ['partial-dependency', 'transitive-dependency', 'bcnf-violation'];

function run(text: string, opts: Partial<Options> = {}, rules = DEP) {
  const r = analyzeSources([{ file: 'schema.sql', text }], { ...defaultOptions, dialect: 'postgresql', ...opts });
  return r.findings.filter((f) => rules.includes(f.rule));
}
const brief = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.table} [${f.columns.join(', ')}] <- [${(f.determinant ?? []).join(', ')}] ${f.confidence ?? f.severity}`).sort();
const low = { minConfidence: 'low' as const };

test('class 1: free text, JSON or a payload never determines x_suffix', () => {
  const fs = run(`
    CREATE TABLE jobs_run (id INT PRIMARY KEY, script TEXT, script_kind VARCHAR(10), message TEXT, message_level INT);
    CREATE TABLE envelopes (id INT PRIMARY KEY, payload JSONB, payload_format VARCHAR(10), spec LONGTEXT, spec_long VARCHAR(20));
    CREATE TABLE posts (id INT PRIMARY KEY, object VARCHAR(200) /* JSON encoded object structure */, object_title VARCHAR(200));
    COMMENT ON COLUMN posts.object IS 'JSON encoded object structure';
  `, low);
  assert.deepEqual(brief(fs), []);
});

test('class 1: a bare word names an entity only with several attributes; one x_attr is a low hint', () => {
  const text = `CREATE TABLE models (id INT PRIMARY KEY, framework VARCHAR(50), framework_creator VARCHAR(100), framework_year INT);
                CREATE TABLE parcels (id INT PRIMARY KEY, sku VARCHAR(20), sku_label VARCHAR(20));`;
  assert.deepEqual(brief(run(text)), ['transitive-dependency models [framework_creator, framework_year] <- [framework] medium']);
  assert.deepEqual(brief(run(text, low)), [
    'transitive-dependency models [framework_creator, framework_year] <- [framework] medium',
    'transitive-dependency parcels [sku_label] <- [sku] low',
  ]);
  assert.equal(run(text, low).find((f) => f.table === 'parcels')!.severity, 'info');
});

test('class 2: the table\'s own name (also after a module prefix) is not another entity', () => {
  const fs = run(`
    CREATE TABLE rooms (room_code VARCHAR(10), building_id INT, room_label VARCHAR(40), room_capacity INT, PRIMARY KEY (room_code, building_id));
    CREATE TABLE JOBS (JOB_NAME VARCHAR(80), JOB_GROUP VARCHAR(80), JOB_CLASS VARCHAR(200), PRIMARY KEY (JOB_NAME, JOB_GROUP));
    CREATE TABLE QRTZ_TRIGGERS (SCHED_NAME VARCHAR(80), TRIGGER_NAME VARCHAR(80), TRIGGER_GROUP VARCHAR(80), TRIGGER_TYPE VARCHAR(8), TRIGGER_TITLE VARCHAR(80),
      PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP));
    CREATE TABLE api (app_id INT PRIMARY KEY, app_code VARCHAR(32), app_name VARCHAR(40), app_permissions INT, app_comment TEXT, app_lock INT);
  `, low);
  assert.deepEqual(brief(fs), []);
});

test('per-language tables: an attribute named after part of the key is not a partial dependency when the rest is a language', () => {
  const fs = run(`
    CREATE TABLE products_description (products_id INT, language_id INT, products_name VARCHAR(64), products_url VARCHAR(255),
      PRIMARY KEY (products_id, language_id));
    CREATE TABLE coupons_i18n (coupon_id INT, locale VARCHAR(5), coupon_name VARCHAR(64), PRIMARY KEY (coupon_id, locale));
  `, low);
  assert.deepEqual(brief(fs), []);
});

test('class 3: history, log and order-line tables keep copies on purpose: at most a low "if this is a snapshot" info', () => {
  const text = `
    CREATE TABLE articles (article_id INT PRIMARY KEY, article_title VARCHAR(80), price NUMERIC);
    CREATE TABLE invoice_lines (line_id INT PRIMARY KEY, article_id INT REFERENCES articles, article_title VARCHAR(80), qty INT);
    CREATE TABLE devices (device_id INT PRIMARY KEY, device_label VARCHAR(40));
    CREATE TABLE sessions (session_id INT PRIMARY KEY, device_id INT REFERENCES devices ON DELETE SET NULL, device_label VARCHAR(40));
  `;
  assert.deepEqual(brief(run(text)), []);
  const all = run(text, low);
  assert.deepEqual(brief(all), [
    'transitive-dependency invoice_lines [article_title] <- [article_id] low',
    'transitive-dependency sessions [device_label] <- [device_id] low',
  ]);
  for (const f of all) { assert.equal(f.severity, 'info'); assert.match(f.message, /If this is a snapshot/); }
});

test('class 4: a chain through a self-reference is not the row\'s own FK path', () => {
  const fs = run(`
    CREATE TABLE zones (zone_id INT PRIMARY KEY, zone_label VARCHAR(20));
    CREATE TABLE nodes (node_id INT PRIMARY KEY, parent_node_id INT REFERENCES nodes(node_id), zone_id INT REFERENCES zones, zone_label VARCHAR(20));
  `, low);
  // zone_label copies zones.zone_label through the row's own zone_id; never through parent_node_id
  assert.deepEqual(brief(fs), ['transitive-dependency nodes [zone_label] <- [zone_id] high']);
});

test('messages: the problem first, within 120 characters, "inferred from names" when names are all there is', () => {
  const fs = run(`CREATE TABLE staff (staff_id INT PRIMARY KEY, full_name TEXT, hired_on DATE, dept_id INT, dept_name TEXT, dept_title TEXT, dept_manager TEXT, dept_city TEXT, dept_phone TEXT, dept_email TEXT);`);
  assert.equal(fs.length, 1);
  const leadSentence = fs[0].message.slice(0, fs[0].message.indexOf('). ') + 2);
  assert.ok(leadSentence.length <= 120, leadSentence);
  assert.match(leadSentence, /inferred from names/);
  assert.doesNotMatch(fs[0].message, /Evidence:/);
});

test('minConfidence high keeps only declared, referenced and data-shown dependencies', () => {
  const text = `-- @fd a -> b
  CREATE TABLE e (id INT PRIMARY KEY, dept_id INT, dept_name TEXT, a INT, b INT);`;
  assert.deepEqual(brief(run(text, { minConfidence: 'high' })), ['transitive-dependency e [b] <- [a] high']);
  assert.equal(brief(run(text)).length, 2);
});

test('class 6: # lines outside MySQL are comments with a note; a # inside a definition makes the statement unreadable', () => {
  const text = `# members of a team\nCREATE TABLE members (\n  id INTEGER PRIMARY KEY,\n  # the member's display name\n  name TEXT\n);\nCREATE TABLE teams (id INTEGER PRIMARY KEY, title TEXT, # the team's name\n  city TEXT);\n`;
  const r = analyzeSources([{ file: 'hash.sql', text }], { ...defaultOptions, dialect: 'sqlite' });
  assert.deepEqual(r.workspace.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(', ')})`), ['members(id, name)']);
  const notes = r.findings.filter((f) => f.rule === 'unreadable-statement').map((f) => `${f.severity} ${f.table}: ${f.message}`);
  assert.equal(notes.length, 2, notes.join('\n'));
  assert.match(notes.join('\n'), /2 lines starting with # were read as comments/);
  assert.match(notes.join('\n'), /info teams: .*contains #, which starts a comment only in MySQL, not in sqlite/);
  // MySQL: # is a comment everywhere, nothing to say
  const m = analyzeSources([{ file: 'hash.sql', text }], { ...defaultOptions, dialect: 'mysql' });
  assert.deepEqual(m.workspace.tables.map((t) => t.columns.length), [2, 3]);
  assert.deepEqual(m.findings.filter((f) => f.rule === 'unreadable-statement'), []);
});

test('class 5: a structured value is not a list; a list has items of one shape', async () => {
  const { listShape } = await import('../../server/src/core/nf1/list-values.ts');
  for (const v of ['Mon-Fri,08:00-17:00', '52.37,4.89', '>=1.2,<2', 'cn=admin,ou=users,dc=example,dc=org', '$firstname $lastname$cr$city, $postcode']) assert.equal(listShape(v), undefined, v);
  for (const v of ['nlp,transformer,bert', '555-1111, 555-2222', 'CS101,Math', 'c++,java', '1;2', 'deep-learning,nlp']) assert.ok(listShape(v), v);
  const fs = run(`CREATE TABLE shops (id INT PRIMARY KEY, opening_hours VARCHAR(40) DEFAULT 'Mon-Fri,08:00-17:00',
    position VARCHAR(30) DEFAULT '52.37,4.89', requires VARCHAR(30) DEFAULT '>=1.2,<2', tags VARCHAR(200) DEFAULT 'food,drinks');`, {}, ['list-column']);
  assert.deepEqual(fs.map((f) => f.columns.join()), ['tags']);
});

test('misses: comments saying "list of" or "separated by" show a list column', () => {
  const fs = run(`CREATE TABLE acl (id INT PRIMARY KEY,
    allowed_groups VARCHAR(255), -- list of permitted group names
    hosts VARCHAR(255) -- host names separated by semicolons
  );`, {}, ['list-column']);
  assert.deepEqual(fs.map((f) => `${f.columns.join()} ${f.severity}`).sort(), ['allowed_groups warning', 'hosts warning']);
});

test('one singularizer (pluralize) for dependency names, 1NF names and fix table names', async () => {
  const { singular, plural } = await import('../../server/src/core/inflect.ts');
  const fd = await import('../../server/src/core/fd/names.ts');
  const fix = await import('../../server/src/core/fix/ident.ts');
  for (const [w, s] of [['status', 'status'], ['categories', 'category'], ['addresses', 'address'], ['analysis', 'analysis'], ['data', 'data'], ['Courses', 'Course'], ['boxes', 'box']]) {
    assert.equal(singular(w), s, w);
    assert.equal(fd.singular(w), s, `fd ${w}`);
    assert.equal(fix.singular(w), s, `fix ${w}`);
  }
  assert.equal(plural('category'), 'categories');
  assert.equal(fix.plural('Class'), 'Classes');
});

test('class 2 guard: a table named after an entity another table is (sms_home_brand with pms_brand) still copies it', () => {
  const fs = run(`
    CREATE TABLE pms_brand (id INT PRIMARY KEY, name VARCHAR(64));
    CREATE TABLE sms_home_brand (id INT PRIMARY KEY, brand_id INT, brand_name VARCHAR(64), sort INT);
  `);
  assert.deepEqual(brief(fs), ['transitive-dependency sms_home_brand [brand_name] <- [brand_id] medium']);
});

test('repeating-group: rectangle corners are not a group; two slots are at most info', () => {
  const fs = run(`CREATE TABLE cabinets (id INT PRIMARY KEY, MapX1 INT, MapY1 INT, MapX2 INT, MapY2 INT,
      phone1 VARCHAR(20), phone2 VARCHAR(20), phone3 VARCHAR(20), device1 INT, device2 INT,
      STR_PROP_1 VARCHAR(50), STR_PROP_2 VARCHAR(50), STR_PROP_3 VARCHAR(50));`, {}, ['repeating-group']);
  assert.deepEqual(fs.map((f) => `${f.columns.join(',')} ${f.severity}`), [
    'phone1,phone2,phone3 warning', 'device1,device2 info',
  ]);
});

test('misses: keyless tables still have naming evidence, and x_id → x is the entity\'s name beside its id', () => {
  const fs = run(`CREATE TABLE teams (team_id INT PRIMARY KEY, team VARCHAR(40));
    CREATE TABLE import_scores (player VARCHAR(40), team_id INT, team VARCHAR(40), score INT);
    CREATE TABLE activity (id INT PRIMARY KEY, object_id INT, object VARCHAR(40));`);
  // keyless: the key is derived (player, team_id, score), so team depends on part of it
  assert.deepEqual(brief(fs), ['partial-dependency import_scores [team] <- [team_id] medium']);
});

test('list-column: a two-item DEFAULT alone is not a list (two fields of one setting), three items or a list name are', () => {
  const fs = run(`CREATE TABLE settings (id INT PRIMARY KEY, pingStatus VARCHAR(32) DEFAULT '1800;3600', subnetOrdering VARCHAR(20) DEFAULT 'subnet,asc',
    widgets VARCHAR(100) DEFAULT 'statistics,favourite_subnets,changelog', roles VARCHAR(100) DEFAULT 'read,write');`, {}, ['list-column']);
  assert.deepEqual(fs.map((f) => f.columns.join()).sort(), ['roles', 'widgets']);
});

test('x_type beside a bare name column x is not a dependency (a package name recurs in several ecosystems); beside a name in the key it still is', () => {
  const r = analyzeSources([{ file: 'schema.sql', text: `
    CREATE TABLE vulnerability_record (id SERIAL PRIMARY KEY, cve_id TEXT NOT NULL, package TEXT NOT NULL,
      package_version TEXT NOT NULL, package_type TEXT NOT NULL, UNIQUE (cve_id, package, package_version));
    CREATE TABLE experiment_results (experiment_id INT, metric_name TEXT, metric_type TEXT, value FLOAT,
      PRIMARY KEY (experiment_id, metric_name));
  ` }], { ...defaultOptions, dialect: 'postgresql' });
  const got = r.findings.filter((f) => f.rule === 'partial-dependency' || f.rule === 'transitive-dependency').map((f) => `${f.table}.${f.columns.join()}`);
  assert.deepEqual(got, ['experiment_results.metric_type']);
});

test('what names x\'s type or kind (x_type_name, x_kind_code) beside x_id without a foreign key is not fixed by the id; with one it is', () => {
  const fs = run(`
    CREATE TABLE executions_visibility (namespace_id CHAR(64), run_id CHAR(64), workflow_id VARCHAR(255) NOT NULL,
      workflow_type_name VARCHAR(255) NOT NULL, PRIMARY KEY (namespace_id, run_id));
    CREATE TABLE events (id INT PRIMARY KEY, subject_id INT, subject_kind_code VARCHAR(10));
  `, low);
  assert.deepEqual(brief(fs), []);
  // precondition of the rule: through a declared reference the copied type name is still found
  const ref = run(`
    CREATE TABLE workflows (workflow_id INT PRIMARY KEY, workflow_type_name VARCHAR(255));
    CREATE TABLE schedules (schedule_id INT PRIMARY KEY, workflow_id INT REFERENCES workflows, workflow_type_name VARCHAR(255));
  `, low);
  assert.deepEqual(brief(ref), ['transitive-dependency schedules [workflow_type_name] <- [workflow_id] high']);
});

test('a user name or login beside a password is the row\'s own credential, not the referenced user\'s name', () => {
  const users = 'CREATE TABLE users (id INT PRIMARY KEY, username VARCHAR(255) NOT NULL);\n';
  const fs = run(users + `
    CREATE TABLE smtp (id INT PRIMARY KEY, user_id INT REFERENCES users, host VARCHAR(255), username VARCHAR(255), password VARCHAR(255));
    CREATE TABLE imap (user_id INT REFERENCES users, host VARCHAR(255), login_name VARCHAR(255), passwd VARCHAR(255));
  `, low);
  assert.deepEqual(brief(fs), []);
  // precondition: without the password the same column is a copy of users.username
  const copy = run(users + 'CREATE TABLE posts (id INT PRIMARY KEY, user_id INT REFERENCES users, username VARCHAR(255), body TEXT);\n', low);
  assert.deepEqual(brief(copy), ['transitive-dependency posts [username] <- [user_id] medium']);
});
