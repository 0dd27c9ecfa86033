// Acceptance (issue 13), migration folders: for every table with a dependency, 1NF or fk-missing-index
// finding in the real folders of ../shared/migrations, the fix is written as the folder's NEW migration
// (the product's own file: the fix's createFile edits, or normalizeInProject for Normalize to 3NF / BCNF)
// and checked in the folder's engine (PostgreSQL folders → PGlite with the folders' extensions; the MySQL
// folder → MariaDB): the folder's migrations run in the migrator's order (a statement the engine refuses
// is skipped, as when the expected catalogs were made), the table gets generated rows that satisfy its
// dependencies, then the new migration runs; the engine's columns equal the model of the folder replayed
// with the new migration; joining back gives the original rows; the views that worked still work; re-lint
// of the folder plus the new migration has the finding gone and nothing new; where the folder keeps down
// files, the down migration restores the table (columns and rows) and the up runs again. A templated folder's
// new migration keeps the folder's placeholders and is rendered as the migrator renders it.
// fk-missing-index fixes run up, down, up on one copy of the folder's database (an index needs no rows).
// Prints ok / declined (with reason) / fail per engine; a folder's test fails on any fail.
// Cost: ~5 min at load 9 on 2 cores (each dependency case opens a copy of the replayed database and re-lints
// the folder; MariaDB start ~5 s); a folder without findings is not replayed.
//   node --import tsx --test test/engines/migrations-acceptance.test.ts
// NORMLINT_MIGRATIONS_EXTRA=/abs/folder[:/abs/other] adds real folders kept outside the repo (same checks;
// docs/evaluation/real-schemas.md lists the ones checked), NORMLINT_MIGRATIONS_ONLY=1 runs only those.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeProject, normalizeInProject, type ProjectResult } from '../../server/src/core/migrations/index.ts';
import { defaultOptions, type Options } from '../../server/src/core/options.ts';
import type { Finding, TextEdit } from '../../server/src/core/findings.ts';
import type { Table } from '../../server/src/core/model.ts';
import type { TableRole } from '../../server/src/core/fix/plan.ts';
import { quoteIdent } from '../../server/src/core/fix/ident.ts';
import { CONFIG, FOLDERS, folderSources } from '../helpers/migrations-folders.ts';
import { DEPENDENCY_RULES, fillReferenced, fixDetailOf, viewRows, workingViews } from './helpers/roundtrip.ts';
import { generateRows, literal } from './helpers/rows.ts';
import { detectStyle } from '../../server/src/core/fix/style.ts';
import { checkLossless } from './helpers/lossless.ts';
import { openCopy, replayFolder, runMigration } from './helpers/folder-pglite.ts';
import { openMariadb, skipMariadb } from './helpers/mariadb.ts';
import type { Engine, Row } from './helpers/engine.ts';

type Tally = { ok: number; declined: number; fail: number; lines: string[] };
const tallies = new Map<string, Tally>();
const tally = (engine: string) => { let t = tallies.get(engine); if (!t) tallies.set(engine, (t = { ok: 0, declined: 0, fail: 0, lines: [] })); return t; };
after(() => {
  for (const [engine, t] of tallies) {
    const all = t.ok + t.declined + t.fail;
    console.log(`migrations acceptance ${engine}: ${t.ok} ok, ${t.declined} declined, ${t.fail} fail of ${all} (${all ? Math.round((100 * t.ok) / all) : 0} % ok)`);
    for (const l of t.lines) console.log(`  ${l}`);
  }
});

const lc = (s: string) => s.toLowerCase();
const key = (f: Finding) => `${f.rule} ${lc(f.table)} [${f.columns.map(lc).sort()}]`;
const DEP_OR_FK = (f: Finding) => DEPENDENCY_RULES.has(f.rule) || f.rule === 'fk-missing-index';

/** The folder's placeholders rendered, as the migrator renders every file of it (the new ones too). */
const renderer = (folder: string) => (t: string) => Object.entries(CONFIG[folder]?.placeholders ?? {}).reduce((s, [from, to]) => s.split(from).join(to), t);

const canon = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v instanceof Date ? v.toISOString() : v === null || v === undefined ? 'null' : String(v));
const rowSet = (rows: Row[], cols: string[]) => rows.map((r) => JSON.stringify(cols.map((c) => canon(r[c])))).sort();

/** What a case writes: the new files (from the product) and, for the lossless check, the tables it creates. */
interface Action { label: string; files: TextEdit[]; tables?: { name: string; role: TableRole }[]; declined?: string; explained?: (f: Finding) => boolean }

function checkNewFiles(project: ProjectResult, files: TextEdit[], label: string): void {
  const folder = project.migrations[0];
  const known = new Set(project.plan.sources.map((s) => s.file).concat([...project.skipped.keys()]));
  for (const e of files) {
    assert.ok(e.createFile, `${label}: ${e.file} is a new file, not an edit of an applied migration`);
    assert.ok(e.file.startsWith(folder.path + '/') && !known.has(e.file), `${label}: ${e.file} is a new file in ${folder.path}`);
  }
}

/** The folder replayed with the new files: the up file runs last and the down file is not schema. */
function relint(sources: { file: string; text: string }[], files: TextEdit[], options: Options, label: string): ProjectResult {
  const again = analyzeProject([...sources, ...files.map((e) => ({ file: e.file, text: e.newText }))], options);
  assert.equal(again.migrations[0].order.at(-1), files[0].file, `${label}: the new migration runs last`);
  for (const e of files.slice(1)) assert.ok(again.skipped.has(e.file), `${label}: ${e.file} is read as a down migration`);
  return again;
}

const extra = (process.env.NORMLINT_MIGRATIONS_EXTRA ?? '').split(':').filter(Boolean);
for (const folder of [...(process.env.NORMLINT_MIGRATIONS_ONLY === '1' ? [] : FOLDERS), ...extra]) {
  test(`migrations acceptance: ${folder}`, { timeout: 900_000 }, async () => {
    const options: Options = { ...defaultOptions, migrationFolders: CONFIG[folder] };
    const sources = folderSources(folder);
    const project = analyzeProject(sources, options);
    const [mf] = project.migrations;
    assert.ok(mf, `${folder} is read as a migrations folder`);
    const render = renderer(folder);
    const texts = new Map(project.plan.sources.map((s) => [s.file, s.text])); // as the migrator runs them
    const dialect = project.workspace.files.find((f) => f.file === mf.order[0])!.dialect;
    const findings = project.findings.filter(DEP_OR_FK);
    if (dialect === 'mysql' || dialect === 'mariadb') return checkMysqlFolder(folder, project, mf.order.map((f) => texts.get(f)!));
    const t = tally('pglite');
    // a folder with nothing to fix has no case to run (its replay is compared with expected/, the engine's catalog, in migrations-folders.test.ts)
    if (!findings.length) { t.lines.push(`(${folder}: no dependency, 1NF or fk-missing-index finding: no case)`); return; }
    const before = new Set(project.findings.map(key));
    const schemas = [...new Set(project.workspace.tables.map((x) => x.schema).filter((s): s is string => !!s))];
    const { dir, refused } = await replayFolder(mf.order.map((f) => texts.get(f)!), schemas);
    const failsBefore = t.fail;
    const result = (label: string, outcome: 'ok' | 'declined' | 'fail', why = '') => {
      t[outcome]++;
      if (outcome !== 'ok') t.lines.push(`${outcome} ${folder} ${label}: ${why.split('\n')[0].slice(0, 400)}`);
    };

    // fk-missing-index: each new migration up, down, up on one copy; one re-lint with all of them
    const fk = findings.filter((f) => f.rule === 'fk-missing-index');
    if (fk.length) {
      const { db } = await openCopy(dir);
      const added: { f: Finding; files: TextEdit[] }[] = [];
      try {
        for (const f of fk) {
          const label = `${f.table} (${f.columns}) fk index`;
          const fix = f.fixes.find((x) => !x.declined);
          if (!fix) { result(label, f.declinedFixes?.length ? 'declined' : 'fail', f.declinedFixes?.[0]?.reason ?? 'no fix and no reason'); continue; }
          try {
            checkNewFiles(project, fix.edits, label);
            const [up, down] = fix.edits;
            await db.exec(render(up.newText));
            if (down) { await db.exec(render(down.newText)); await db.exec(render(up.newText)); }
            added.push({ f, files: fix.edits });
          } catch (e) { result(label, 'fail', (e as Error).message); }
        }
      } finally { await db.close(); }
      const merged = added.length ? [{ ...added[0].files[0], newText: added.map((a) => a.files[0].newText).join('\n') }] : [];
      const left = merged.length ? new Set(relint(sources, merged, options, 'fk indexes').findings.map(key)) : new Set<string>();
      for (const a of added) result(`${a.f.table} (${a.f.columns}) fk index`, left.has(key(a.f)) ? 'fail' : 'ok', 're-lint still reports it');
    }

    // dependency and 1NF findings: per table, the rule's own fix and Normalize to 3NF and BCNF
    const tables = new Map<string, { T: Table; fs: Finding[] }>();
    for (const f of findings.filter((x) => DEPENDENCY_RULES.has(x.rule))) {
      const T = project.workspace.tables.find((x) => lc(x.name) === lc(f.table) && lc(x.schema ?? '') === lc(f.schema ?? ''))!;
      const e = tables.get(T.name) ?? { T, fs: [] };
      e.fs.push(f);
      tables.set(T.name, e);
    }
    for (const { T, fs } of tables.values()) {
      const actions: Action[] = [];
      for (const f of fs) {
        const label = `${T.name}: ${f.rule} [${f.columns}] fix`;
        if (!f.fixes.length) { actions.push({ label, files: [], declined: f.declinedFixes?.[0]?.reason ?? '' }); continue; }
        const d = fixDetailOf(project, f, texts.get(T.file)!, options, T);
        // the second fix keeps the old shape as a (materialized) view beside the same split: the same tables
        f.fixes.forEach((fix, i) => actions.push({ label: i ? `${label} + view` : label, files: fix.edits, tables: d.tables, explained: (x) => key(x) !== key(f) }));
      }
      for (const to of ['3nf', 'bcnf'] as const) {
        const out = normalizeInProject(project, project.plan, T.file, T.schema ? `${T.schema}.${T.name}` : T.name, to, options, texts.get(T.file)!);
        const label = `${T.name} → ${to}`;
        // "already in 3NF" beside a finding is a disagreement, not a decline (as in the corpus acceptance)
        if (!out.edits.length) { actions.push({ label, files: [], declined: out.warnings.some((w) => /is already in (3NF|BCNF)/.test(w)) ? '' : out.warnings.join('; ') }); continue; }
        const why = (f: Finding) => out.declined.some((d) => d.determinant.every((x) => (f.determinant ?? []).some((y) => lc(x) === lc(y))) && f.columns.every((c) => d.dependents.some((x) => lc(x) === lc(c))));
        actions.push({ label, files: out.edits, tables: out.tables, explained: why });
      }
      for (const a of actions) {
        if (!a.files.length) { result(a.label, a.declined ? 'declined' : 'fail', a.declined || `no new migration and no reason${a.label.includes('→') ? ' (Normalize: already normal beside a finding)' : ''}`); continue; }
        try {
          await runCase(folder, texts, project, sources, options, T, a, dir, before, render);
          result(a.label, 'ok');
        } catch (e) { result(a.label, 'fail', (e as Error).message); }
      }
    }
    if (refused.length) t.lines.push(`(${folder}: ${refused.length} statements of the folder refused by PGlite while replaying, skipped as when expected/ was made)`);
    assert.equal(t.fail, failsBefore, `${folder}: cases that neither pass nor are declined with a reason (see the summary)`);
  });
}

async function runCase(folder: string, texts: Map<string, string>, project: ProjectResult, sources: { file: string; text: string }[], options: Options, T: Table, a: Action, dir: Blob, before: Set<string>, render: (t: string) => string): Promise<void> {
  checkNewFiles(project, a.files, a.label);
  for (const v of Object.values(CONFIG[folder]?.placeholders ?? {})) {
    for (const e of a.files) assert.ok(!new RegExp(`(^|[^\\w-])"?${v}"?\\.`, 'm').test(e.newText.replace(/^--.*$/gm, '')), `${e.file}: names the rendered value ${v}, not the folder's placeholder`);
  }
  const { db, engine } = await openCopy(dir);
  try {
    // names quoted as the folder quotes them (Prisma's "Passkey" keeps its case)
    const style = detectStyle([...texts.values()].join('\n'), 'postgresql');
    const q = (n: string) => quoteIdent(n, 'postgresql', style);
    const name = T.schema ? `${q(T.schema)}.${q(T.name)}` : q(T.name);
    // generated rows that satisfy the table's dependencies (enum columns take the type's labels; a list column gets lists of two items)
    const enums = new Map<string, string[]>();
    for (const ev of project.workspace.files.flatMap((f) => f.events)) {
      if (ev.kind !== 'create-type') continue;
      enums.set(lc(ev.name), ev.values);
      if (ev.schema) enums.set(lc(`${ev.schema}.${ev.name}`), ev.values);
    }
    const g = generateRows(T, project.analysis(T), 6, enums);
    const lists = new Set(project.findings.filter((f) => f.rule === 'list-column' && f.table === T.name).flatMap((f) => f.columns.map(lc)));
    const rows = g.rows.map((r) => r.map((v, i) => (lists.has(lc(g.columns[i])) && typeof v === 'string' ? `${v}a,${v}b` : v)));
    await engine.foreignKeyChecks(false);
    await engine.exec(`INSERT INTO ${name} (${g.columns.map(q).join(', ')}) VALUES ${rows.map((r) => `(${r.map((v) => literal(v, 'postgresql')).join(', ')})`).join(', ')}`);
    await fillParents(engine, project, T, q, enums);
    await engine.foreignKeyChecks(true);
    if (a.tables) await fillReferenced(engine, project, T.name, a.tables);
    const original = await engine.query(`SELECT * FROM ${name}`);
    assert.ok(original.length > 0, `${T.name}: no rows to migrate`);
    const colsBefore = await engine.columns(T.name);
    const views = await workingViews(engine, project);

    const [up, down] = a.files;
    try { await engine.exec(render(up.newText)); } catch (e) { throw new Error(`migration failed: ${(e as Error).message}`); }
    const again = relint(sources, a.files, options, a.label);
    // the engine's columns are the model of the folder replayed with the new migration
    const model = again.workspace.tables;
    const created = (a.tables ?? []).map((x) => x.name);
    for (const t of [T.name, ...created]) {
      const m = model.find((x) => lc(x.name) === lc(t) && lc(x.schema ?? '') === lc(T.schema ?? ''));
      assert.ok(m, `${t}: in the model after the new migration`);
      assert.deepEqual([...await engine.columns(t)].sort(), m.columns.map((c) => lc(c.name)).sort(), `${t}: engine columns differ from the rewritten model`);
    }
    if (a.tables) {
      const loss = await checkLossless(engine, { table: T.name, tables: a.tables }, original, q);
      assert.ok(loss.ok, `join of the new tables differs from the original rows: ${loss.problems.join('; ')}`);
    }
    // existing views (re-created over the new tables where they read a moved column) give the same columns and rows
    const sameViews = async (when: string) => {
      for (const [v, rows] of views) {
        let now: string[];
        try { now = await viewRows(engine, v); } catch (e) { throw new Error(`view ${v} no longer works ${when}: ${(e as Error).message}`); }
        assert.deepEqual(now, rows, `view ${v}: other columns or rows ${when}`);
      }
    };
    await sameViews('after the migration');
    // a view the migration creates for the old shape answers with the original rows
    for (const m of up.newText.matchAll(/^CREATE (?:MATERIALIZED )?VIEW ((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/gim)) {
      const shape = render(m[1]);
      assert.deepEqual(rowSet(await engine.query(`SELECT * FROM ${shape}`), colsBefore), rowSet(original, colsBefore), `view ${shape}: rows of the old shape`);
    }
    // re-lint: nothing the folder did not report before, except what Normalize said it left and why
    const fresh = new Set(created.map(lc));
    const bad = again.findings.filter((f) => DEP_OR_FK(f) && (!before.has(key(f)) || fresh.has(lc(f.table)) || (lc(f.table) === lc(T.name) && DEPENDENCY_RULES.has(f.rule) && !a.explained?.(f))));
    assert.deepEqual(bad.map(key), [], 're-lint of the folder with the new migration');
    if (down) {
      try { await engine.exec(render(down.newText)); } catch (e) { throw new Error(`down migration failed: ${(e as Error).message}`); }
      assert.deepEqual([...await engine.columns(T.name)].sort(), [...colsBefore].sort(), `${T.name}: columns after the down migration`);
      assert.deepEqual(rowSet(await engine.query(`SELECT * FROM ${name}`), colsBefore), rowSet(original, colsBefore), `${T.name}: rows after the down migration`);
      for (const t of created) if (!project.workspace.tables.some((x) => lc(x.name) === lc(t))) assert.deepEqual(await engine.columns(t), [], `${t} dropped by the down migration`);
      await sameViews('after the down migration');
      try { await engine.exec(render(up.newText)); } catch (e) { throw new Error(`the up migration does not run again after the down: ${(e as Error).message}`); }
    }
  } finally { await db.close(); }
}

/**
 * Generated rows name parent rows that do not exist (they were inserted with the checks off); a real
 * database's rows satisfy its foreign keys, and the down migration re-adds the keys it dropped (which
 * checks every row). So each parent gets the keys the rows name, its other NOT NULL columns a value of
 * their type unique per row (md5 of the key for text, a hash for numbers; an enum's first label).
 */
async function fillParents(engine: Engine, project: ProjectResult, T: Table, q: (n: string) => string, enums: Map<string, string[]>): Promise<void> {
  for (const fk of T.foreignKeys) {
    const P = project.workspace.tables.find((x) => lc(x.name) === lc(fk.references.table) && lc(x.schema ?? '') === lc(fk.references.schema ?? T.schema ?? ''))
      ?? project.workspace.tables.find((x) => lc(x.name) === lc(fk.references.table));
    if (!P || P === T || fk.references.columns.length !== fk.columns.length) continue;
    const pn = P.schema ? `${q(P.schema)}.${q(P.name)}` : q(P.name), tn = T.schema ? `${q(T.schema)}.${q(T.name)}` : q(T.name);
    const keyText = fk.columns.map((c) => `t.${q(c)}::text`).join(` || '|' || `);
    const refs = new Set(fk.references.columns.map(lc));
    const extra = P.columns.filter((c) => !c.nullable && c.default === undefined && !c.generated && !refs.has(lc(c.name)) && !/serial|identity/i.test(c.type));
    const label = (type: string) => enums.get(lc(type).replace(/"/g, '')) ?? enums.get(lc(type).replace(/"/g, '').replace(/^\w+\./, ''));
    const value = (type: string) => (label(type)?.length ? `'${label(type)![0].replace(/'/g, "''")}'` : /bool/i.test(type) ? 'false' : /int|serial/i.test(type) ? `abs(hashtext(${keyText})) % 1000000` : /dec|num|real|double|float/i.test(type) ? `abs(hashtext(${keyText})) % 1000` : /timestamp/i.test(type) ? `'2024-01-01 00:00:00'` : /date/i.test(type) ? `'2024-01-01'` : /json/i.test(type) ? `'{}'` : /uuid/i.test(type) ? `md5(${keyText})::uuid` : /bytea/i.test(type) ? `decode(md5(${keyText}), 'hex')` : `md5(${keyText})`);
    const cols = [...fk.references.columns, ...extra.map((c) => c.name)].map(q).join(', ');
    const vals = [...fk.columns.map((c) => `t.${q(c)}`), ...extra.map((c) => `${value(c.type)}::${c.type}`)].join(', ');
    const on = fk.references.columns.map((r, i) => `p.${q(r)} = t.${q(fk.columns[i])}`).join(' AND ');
    // a parent the engine refuses to fill this way (a CHECK, an enum) leaves the rows as they are: the down migration then says so
    await engine.exec(`INSERT INTO ${pn} (${cols}) SELECT DISTINCT ON (${fk.columns.map((c) => `t.${q(c)}`).join(', ')}) ${vals} FROM ${tn} t WHERE ${fk.columns.map((c) => `t.${q(c)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${pn} p WHERE ${on})`).catch(() => {});
  }
}

/**
 * The MySQL folder: its migrations run in MariaDB (database charset utf8mb4, unlike the tables' own
 * declarations), and every table of the replayed model exists there with the model's columns. Its
 * dependency findings, if any, would need a MariaDB copy per case; hawkbit-mysql has none (asserted).
 */
async function checkMysqlFolder(folder: string, project: ProjectResult, files: string[]): Promise<void> {
  const t = tally('mariadb');
  const cases = project.findings.filter(DEP_OR_FK);
  assert.deepEqual(cases.map(key), [], `${folder}: a MySQL folder with findings needs the MariaDB case runner`);
  if (skipMariadb) { t.lines.push(`(${folder}: NORMLINT_SKIP_MARIADB=1, not loaded)`); return; }
  const engine = await openMariadb();
  try {
    for (const text of files) await engine.exec(text);
    const diff: string[] = [];
    for (const tb of project.workspace.tables) {
      const cols = await engine.columns(tb.name);
      if (JSON.stringify([...cols].sort()) !== JSON.stringify(tb.columns.map((c) => lc(c.name)).sort())) diff.push(tb.name);
    }
    t.lines.push(`(${folder}: 0 tables with findings; its ${files.length} migration(s) run in MariaDB and the ${project.workspace.tables.length} tables' columns equal the replayed model${diff.length ? `, except ${diff.join(', ')}` : ''})`);
    assert.deepEqual(diff, [], `${folder}: tables whose MariaDB columns differ from the replayed model`);
  } finally { await engine.close(); }
}

