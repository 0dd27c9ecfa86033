// The round-trip procedure shared by the case and corpus engine tests (see test/engines/roundtrip.test.ts).
import assert from 'node:assert/strict';
import { analyzeSources } from '../../../server/src/core/analyze.ts';
import { defaultOptions, type Options } from '../../../server/src/core/options.ts';
import { groupFromColumns, normalizeTable } from '../../../server/src/core/fix/normalize.ts';
import { dependencyFixDetail, listColumnFixDetail, repeatingGroupFixDetail, type FixDetail } from '../../../server/src/core/fix/index.ts';
import type { Finding } from '../../../server/src/core/findings.ts';
import type { RuleContext } from '../../../server/src/core/rule.ts';
import type { AnalysisResult } from '../../../server/src/core/analyze.ts';
import { quoteIdent } from '../../../server/src/core/fix/ident.ts';
import { readFile } from '../../../server/src/core/reader/index.ts';
import { splitStatements } from '../../../server/src/core/reader/split.ts';
import type { Engine, Row } from './engine.ts';
import { applyEdits } from './apply.ts';
import { checkLossless } from './lossless.ts';
import { generateRows, insertStatement } from './rows.ts';
import { translateCase } from './translate.ts';
import type { Table, Value } from '../../../server/src/core/model.ts';
import type { TableRole } from '../../../server/src/core/fix/plan.ts';


/** A schema file to round-trip: its name, text and declared dialect. */
export interface RoundTripSource { name: string; text: string; dialect: string }

export const DEPENDENCY_RULES = new Set(['partial-dependency', 'transitive-dependency', 'bcnf-violation', 'list-column', 'repeating-group']);

export function fixableTables(text: string, file: string, options: Options): { table: string; to: '3nf' | 'bcnf' }[] {
  const r = analyzeSources([{ file, text }], options);
  const names = [...new Set(r.findings.filter((f) => DEPENDENCY_RULES.has(f.rule) && f.fixes.some((x) => !x.declined)).map((f) => f.table))];
  return names.map((table) => ({ table, to: r.findings.some((f) => f.table === table && f.rule === 'bcnf-violation') ? 'bcnf' : '3nf' }));
}

/** Every table with a dependency or 1NF finding, also those whose fixes are all declined (the acceptance counts those as declined). */
export function findingTables(text: string, file: string, options: Options): { table: string; to: '3nf' | 'bcnf' }[] {
  const r = analyzeSources([{ file, text }], options);
  const names = [...new Set(r.findings.filter((f) => DEPENDENCY_RULES.has(f.rule)).map((f) => f.table))];
  return names.map((table) => ({ table, to: r.findings.some((f) => f.table === table && f.rule === 'bcnf-violation') ? 'bcnf' : '3nf' }));
}

/** The rewritten schema text with INSERTs into `table` replaced by the migrated rows. */
function withMigratedRows(text: string, file: string, table: string, engine: Engine, rows: Row[], columns: string[]): string {
  const fm = readFile(text, file, engine.dialect);
  let out = text;
  for (const ins of [...fm.inserts].sort((a, b) => b.span.start - a.span.start)) {
    if (ins.table.toLowerCase() !== table.toLowerCase()) continue;
    let end = ins.span.end;
    while (end < out.length && /[ \t;]/.test(out[end])) end++;
    out = out.slice(0, ins.span.start) + out.slice(end);
  }
  const values = rows.map((r) => columns.map((c) => {
    const v = r[c.toLowerCase()];
    return (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v ?? null) as Value;
  }));
  return out + '\n' + insertStatement(table, columns, values, engine.dialect);
}

/** Loads the case and makes sure `table` has rows; returns the analysis and the rows before migrating. */
async function load(engine: Engine, c: { name: string; text: string }, table: string, options: Options): Promise<{ result: AnalysisResult; original: Row[]; generated: boolean }> {
  await engine.reset();
  await execTolerant(engine, c.text, [table], 'case DDL does not load');
  const result = analyzeSources([{ file: c.name, text: c.text }], options);
  const T = result.workspace.tables.find((t) => t.name === table)!;
  const q = (n: string) => quoteIdent(n, engine.dialect);
  let original = await engine.query(`SELECT * FROM ${q(table)}`);
  const generated = original.length === 0;
  if (generated) {
    const enums = new Map<string, string[]>();
    for (const ev of result.workspace.files.flatMap((f) => f.events)) {
      if (ev.kind !== 'create-type') continue;
      enums.set(ev.name.toLowerCase(), ev.values);
      if (ev.schema) enums.set(`${ev.schema}.${ev.name}`.toLowerCase(), ev.values);
    }
    const g = generateRows(T, result.analysis(T), 6, enums);
    await engine.foreignKeyChecks(false);
    await engine.exec(insertStatement(table, g.columns, g.rows, engine.dialect));
    await engine.foreignKeyChecks(true);
    original = await engine.query(`SELECT * FROM ${q(table)}`);
  }
  assert.ok(original.length > 0, `${table}: no rows to migrate`);
  return { result, original, generated };
}

/** The detail (new tables and their roles) of the fix the rule attached, rebuilt from the finding. */
export function fixDetailOf(result: AnalysisResult, f: Finding, text: string, options: Options, table?: Table): FixDetail {
  // a migrations folder's finding sits on the migration that completed it, not on the CREATE TABLE: pass the table
  const T = table ?? result.workspace.tables.find((t) => t.name === f.table && t.file === f.file)!;
  const ctx: RuleContext = {
    workspace: result.workspace, options, analysis: result.analysis, textOf: () => text, tables: result.workspace.tables,
    fileOf: (file) => result.workspace.files.find((x) => x.file === file)!,
  };
  const want = f.fixes[0].migration;
  const candidates: (FixDetail | null)[] = [];
  if (f.rule === 'list-column') {
    for (const entity of [true, false]) for (const delimiter of [',', ';', '|', ' ', '/']) candidates.push(listColumnFixDetail(ctx, T, { column: f.columns[0], delimiter, entity }));
  } else if (f.rule === 'repeating-group') {
    const g = groupFromColumns(f.columns);
    if (g) candidates.push(repeatingGroupFixDetail(ctx, T, g));
  } else {
    candidates.push(dependencyFixDetail(ctx, T, f.determinant ?? [], f.columns));
  }
  const d = candidates.find((x) => x?.fix.migration === want);
  assert.ok(d, `cannot tell which tables the ${f.rule} fix of ${f.table} creates (its migration matches no rebuilt fix)`);
  return d!;
}

export async function fixRoundTrip(engine: Engine, c0: RoundTripSource, key: string): Promise<void> {
  const options: Options = { ...defaultOptions, dialect: engine.dialect, migrations: 'inline' };
  const c = { ...c0, text: translateCase(c0.text, c0.dialect, engine.dialect) };
  const probe = analyzeSources([{ file: c.name, text: c.text }], options);
  const f0 = probe.findings.find((f) => findingKey(f) === key)!;
  const { result, original, generated } = await load(engine, c, f0.table, options);
  const f = result.findings.find((x) => findingKey(x) === key)!;
  const d = fixDetailOf(result, f, c.text, options);
  if (generated) await fillReferenced(engine, result, f.table, d.tables);
  try { await engine.exec(d.fix.migration!); } catch (e) { throw new Error(`${f.table}: fix migration failed in ${engine.name}: ${(e as Error).message}\n${d.fix.migration}`); }
  const cols = await engine.columns(f.table);
  assert.deepEqual([...cols].sort(), d.kept.map((x) => x.toLowerCase()).sort(), `${f.table}: engine columns differ from the rewritten DDL`);
  const loss = await checkLossless(engine, d, original);
  assert.ok(loss.ok, `${f.table}: join of the new tables differs from the original rows: ${loss.problems.join('; ')}`);
  const rewritten = applyEdits(c.text, d.fix.edits.filter((e) => !e.createFile));
  const q = (n: string) => quoteIdent(n, engine.dialect);
  const relintText = withMigratedRows(rewritten, c.name, f.table, engine, await engine.query(`SELECT * FROM ${q(f.table)}`), d.kept);
  const relint = analyzeSources([{ file: c.name, text: relintText }], options);
  const fresh = new Set(d.tables.map((t) => t.name.toLowerCase()));
  const left = relint.findings.filter((x) => DEPENDENCY_RULES.has(x.rule) && (fresh.has(x.table.toLowerCase())
    || (x.table.toLowerCase() === f.table.toLowerCase() && x.rule === f.rule && x.columns.some((col) => f.columns.includes(col)))));
  assert.deepEqual(left.map((x) => `${x.rule} ${x.table} [${x.columns}] <- [${x.determinant ?? ''}]`), [], `${f.table}: re-lint still reports the fixed finding or flags a new table`);
  const T = result.workspace.tables.find((t) => t.name === f.table)!;
  await checkRewrittenFile(engine, rewritten, [f.table, ...d.tables.map((t) => t.name)], (result.workspace.rows.get(T) ?? []).length > 0, d.tables);
}

/**
 * Runs a schema file. A real dump may need what the engine lacks (PGlite has no PostGIS): then it is run
 * statement by statement, and it counts as loaded when every table in `need` was created (the statements
 * the engine cannot run are the same before and after the fix); otherwise it fails with the engine's error.
 */
async function execTolerant(engine: Engine, text: string, need: string[], what: string): Promise<void> {
  try { await engine.exec(text); } catch (e) {
    await engine.reset();
    const { statements } = splitStatements(text, engine.dialect);
    let firstError = '';
    for (const st of statements) {
      try { await engine.exec(text.slice(st.start, st.end)); } catch (x) { firstError ||= (x as Error).message; }
    }
    for (const t of need) {
      if (!(await engine.columns(t)).length) throw new Error(`${what} in ${engine.name}: ${(e as Error).message} (statement by statement: ${t} not created; first error ${firstError})`);
    }
  }
  // pg_dump empties search_path for its own statements (which must work so); the checks after it name tables unqualified
  if (engine.dialect === 'postgresql') await engine.exec('RESET search_path');
}

/**
 * The rewritten schema file (new DDL, rewritten seed INSERTs, migration as a comment) loads in a fresh
 * database; when the case has its own rows, every table then holds what the migrated database holds.
 */
async function checkRewrittenFile(engine: Engine, rewritten: string, tables: string[], hadRows: boolean, roles: { name: string; role: TableRole }[] = []): Promise<void> {
  const q = (n: string) => quoteIdent(n, engine.dialect);
  const snapshot = new Map<string, string[]>();
  // a new table's own surrogate key numbers its rows in whatever order they were inserted: not compared
  const numbering = (t: string) => { const r = roles.find((x) => x.name === t)?.role; return r?.kind === 'list' && r.ownKey ? r.ownKey.toLowerCase() : undefined; };
  const rowsOf = async (t: string) => (await engine.query(`SELECT * FROM ${q(t)}`)).map((r) => JSON.stringify(Object.keys(r).filter((k) => k.toLowerCase() !== numbering(t)).sort().map((k) => [k, String(r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k])]))).sort();
  for (const t of tables) snapshot.set(t, await rowsOf(t));
  await engine.reset();
  await execTolerant(engine, rewritten, tables, 'the rewritten schema file does not load');
  if (!hadRows) return;
  for (const t of tables) assert.deepEqual(await rowsOf(t), snapshot.get(t), `${t}: rows loaded from the rewritten file differ from the migrated database`);
}


/**
 * Generated rows name referenced rows that may not exist: a reference fix drops copies of an existing
 * table, so that table gets the rows (key, copied values) the generated rows imply, as a real database
 * whose copies agree would have. Other NOT NULL columns get a neutral value of their type.
 */
export async function fillReferenced(engine: Engine, result: AnalysisResult, table: string, tables: { name: string; role: TableRole }[]): Promise<void> {
  const q = (n: string) => quoteIdent(n, engine.dialect);
  for (const t of tables) {
    if (t.role.kind !== 'reference') continue;
    const R = result.workspace.tables.find((x) => x.name === t.name)!;
    const role = t.role;
    const cols = [...role.refKey, ...role.copies.map((c) => c.target)];
    const src = [...role.key.map((k) => `t.${q(k)}`), ...role.copies.map((c) => `t.${q(c.column)}`)];
    const extra = R.columns.filter((c) => !c.nullable && c.default === undefined && !c.generated && !cols.some((x) => x.toLowerCase() === c.name.toLowerCase()) && !/serial|auto_increment|identity/i.test(c.type));
    const neutral = (type: string) => (/int|dec|num|real|double|float|bool|serial|bit/i.test(type) ? '0' : /timestamp|datetime/i.test(type) ? `'2024-01-01 00:00:00'` : /date/i.test(type) ? `'2024-01-01'` : /time/i.test(type) ? `'00:00:00'` : `''`);
    const on = role.key.map((k, i) => `r.${q(role.refKey[i])} = t.${q(k)}`).join(' AND ');
    await engine.foreignKeyChecks(false);
    // existing referenced rows take the generated copies' values, missing ones are added
    for (const c of role.copies) {
      const sub = `SELECT MAX(t.${q(c.column)}) FROM ${q(table)} t WHERE ${on}`;
      await engine.exec(`UPDATE ${q(t.name)} ${engine.dialect === 'mariadb' ? '' : 'AS '}r SET ${engine.dialect === 'mariadb' ? 'r.' : ''}${q(c.target)} = (${sub}) WHERE EXISTS (SELECT 1 FROM ${q(table)} t WHERE ${on} AND t.${q(c.column)} IS NOT NULL)`);
    }
    await engine.exec(`INSERT INTO ${q(t.name)} (${[...cols, ...extra.map((c) => c.name)].map(q).join(', ')}) SELECT DISTINCT ${[...src, ...extra.map((c) => neutral(c.type))].join(', ')} FROM ${q(table)} t WHERE ${role.key.map((k) => `t.${q(k)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${q(t.name)} r WHERE ${on})`);
    await engine.foreignKeyChecks(true);
  }
}

/** A view's rows as a sorted list of canonical texts, with its column names in order first. */
export async function viewRows(engine: Engine, name: string): Promise<string[]> {
  const rows = await engine.query(`SELECT * FROM ${name}`);
  const text = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v == null ? null : String(v));
  return [JSON.stringify(Object.keys(rows[0] ?? {})), ...rows.map((r) => JSON.stringify(Object.values(r).map(text))).sort()];
}

/** The file's views that can be queried now (quoted names) and their rows, to check they still give them after the migration. */
export async function workingViews(engine: Engine, result: AnalysisResult): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const v of result.workspace.files.flatMap((f) => f.views ?? [])) {
    const name = (v.schema ? quoteIdent(v.schema, engine.dialect) + '.' : '') + quoteIdent(v.name, engine.dialect);
    try { out.set(name, await viewRows(engine, name)); } catch { /* broken before the migration: not the fix's doing */ }
  }
  return out;
}

export const findingKey = (f: Finding) => `${f.rule} ${f.table} [${f.columns.join(',')}]`;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sameCols = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.some((y) => sameName(x, y)));

/**
 * Normalizes each target and checks it in the engine. Returns the dependencies Normalize declined to split
 * (with its reason) that the re-lint still reports; any other finding left is a failure.
 */
export async function roundTrip(engine: Engine, c0: RoundTripSource, targets: { table: string; to: '3nf' | 'bcnf' }[]): Promise<{ declinedSteps: string[]; warnings: string[] }> {
  const declinedSteps: string[] = [], warnings: string[] = [];
  const options: Options = { ...defaultOptions, dialect: engine.dialect, migrations: 'inline' };
  const c = { ...c0, text: translateCase(c0.text, c0.dialect, engine.dialect) };
  for (const { table, to } of targets) {
    const { result, original, generated } = await load(engine, c, table, options);
    const q = (n: string) => quoteIdent(n, engine.dialect);
    const out = normalizeTable(result, c.name, table, to, options, c.text);
    assert.ok(out.migration, `${table}: Normalize produced no migration (${out.warnings.join('; ')})`);
    warnings.push(...out.warnings);
    if (generated) await fillReferenced(engine, result, table, out.tables);
    const views = await workingViews(engine, result);
    try { await engine.exec(out.migration); } catch (e) { throw new Error(`${table}: migration failed in ${engine.name}: ${(e as Error).message}\n${out.migration}`); }
    for (const [v, rows] of views) {
      let now: string[];
      try { now = await viewRows(engine, v); } catch (e) { throw new Error(`${table}: view ${v} no longer works after the migration: ${(e as Error).message}`); }
      // a view re-created over the new tables gives the same columns, in order, and the same rows
      assert.deepEqual(now, rows, `${table}: view ${v} gives other columns or rows after the migration`);
    }

    const cols = await engine.columns(table);
    assert.deepEqual([...cols].sort(), out.kept.map((x) => x.toLowerCase()).sort(), `${table}: engine columns differ from the rewritten DDL`);
    for (const t of out.tables) assert.ok((await engine.columns(t.name)).length > 0, `${t.name} was not created`);

    const loss = await checkLossless(engine, out, original);
    assert.ok(loss.ok, `${table}: join of the new tables differs from the original rows: ${loss.problems.join('; ')}`);

    const rewritten = applyEdits(c.text, out.edits.filter((e) => !e.createFile));
    const migratedRows = await engine.query(`SELECT * FROM ${q(table)}`);
    const relintText = withMigratedRows(rewritten, c.name, table, engine, migratedRows, out.kept);
    const relint = analyzeSources([{ file: c.name, text: relintText }], options);
    const touched = new Set([table, ...out.tables.map((t) => t.name)].map((x) => x.toLowerCase()));
    // a finding Normalize left in place and said why (out.declined) is an outcome, not a failure
    const why = (f: Finding) => out.declined.find((d) => sameCols(d.determinant, f.determinant ?? []) && f.columns.every((c) => d.dependents.some((x) => sameName(x, c))));
    const left = relint.findings.filter((f) => DEPENDENCY_RULES.has(f.rule) && touched.has(f.table.toLowerCase()));
    const unexplained = left.filter((f) => !why(f));
    assert.deepEqual(unexplained.map((f) => `${f.rule} ${f.table} [${f.columns}] <- [${f.determinant ?? ''}]`), [], `${table}: re-lint still reports findings (${unexplained.flatMap((f) => (f.evidence ?? []).map((e) => `${e.source}: ${e.detail}`)).join('; ')})`);
    for (const f of left) declinedSteps.push(`${f.table}: ${f.determinant} → ${f.columns} not split: ${why(f)!.reason}`);
    await checkRewrittenFile(engine, rewritten, [table, ...out.tables.map((t) => t.name)], (result.workspace.rows.get(result.workspace.tables.find((t) => t.name === table)!) ?? []).length > 0, out.tables);
  }
  return { declinedSteps, warnings };
}
