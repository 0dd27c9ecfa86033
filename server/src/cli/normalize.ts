// `normlint normalize --table T [--to 3nf|bcnf] [--dialect D] [--format text|json] [--write] PATH`: prints the
// new DDL and the data migration for one table. PATH is a schema file, or a migrations folder or a file in one:
// then the table is the one the migrations build and the decomposition is the folder's next migration (and its
// down file), never an edit of a migration that has run. Exit 0 on success, 2 on usage / read errors or an
// unknown table.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, normalize } from 'node:path';
import { analyzeSources, type SourceFile } from '../core/analyze.ts';
import { analyzeProject, classify, normalizeInProject, planMigrations, type MigrationsConfig } from '../core/migrations/index.ts';
import { classifyAs } from '../core/migrations/conventions.ts';
import { collectInputs } from './files.ts';
import { defaultOptions, type Options } from '../core/options.ts';
import { cliOptions } from './options.ts';
import type { Io } from './run.ts';
import type { DialectSetting } from '../core/model.ts';
import { normalizeTable } from '../core/fix/normalize.ts';
import { parseDialect, UsageError, walkArgs } from './args.ts';

const USAGE = `Usage: normlint normalize --table T [--to 3nf|bcnf] [--dialect D] [--format text|json] [--config FILE] [--write] PATH

Decomposes table T of FILE into third normal form (synthesis from a minimal cover; default) or BCNF
(--to bcnf; warns for every dependency the decomposition no longer preserves), after moving list
columns and repeating groups into child tables. Prints the rewritten DDL and the data migration
(create and fill the new tables, then drop the moved columns). No file is modified.
PATH is a schema file, or a migrations folder (or a file in one): then T is the table the migrations
build, and the output is the folder's next migration file (and its down file where the folder keeps
them), in the folder's convention; --write creates those files (it never overwrites one).
Dialects: auto (default: from the file's syntax), postgresql, mysql, mariadb, sqlite.
Config: --config FILE, else the nearest .normlintrc.json from the current folder upward (as for check:
its dialect, dataInference and "migrations" folder settings apply, --dialect wins; rule settings do not).
Exit codes: 0 done, 2 usage, config or read error, unknown table.`;

interface Args { table: string; to: '3nf' | 'bcnf'; dialect?: DialectSetting; format: 'text' | 'json'; file: string; write: boolean; config?: string }

function parse(argv: string[]): Args | 'help' {
  let table: string | undefined, to: '3nf' | 'bcnf' = '3nf', dialect: DialectSetting | undefined, config: string | undefined, format: 'text' | 'json' = 'text', write = false;
  const files: string[] = [];
  let help = false;
  walkArgs(argv, (flag, value, a) => {
    if (help) return;
    switch (flag) {
      case '--help': case '-h': help = true; return;
      case '--table': case '-t': table = value(); break;
      case '--to': {
        const v = value().toLowerCase();
        if (v !== '3nf' && v !== 'bcnf') throw new UsageError(`--to must be 3nf or bcnf (got "${v}")`);
        to = v; break;
      }
      case '--dialect': dialect = parseDialect(value()); break;
      case '--config': config = value(); break;
      case '--write': write = true; break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json (got "${v}")`);
        format = v; break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        files.push(a);
    }
  });
  if (help) return 'help';
  if (!table) throw new UsageError('--table is required');
  if (files.length !== 1) throw new UsageError(files.length ? `normalize takes one PATH (got ${files.length})` : 'normalize needs a PATH (a file or a migrations folder)');
  return { table, to, dialect, format, file: files[0], write, config };
}

export async function runNormalize(argv: string[], io: Io = {
  out: (s: string) => { process.stdout.write(s + '\n'); },
  err: (s: string) => { process.stderr.write(s + '\n'); },
}): Promise<number> {
  let args: Args | 'help';
  try { args = parse(argv); } catch (e) {
    if (e instanceof UsageError) { io.err(`normlint normalize: ${e.message}\n\n${USAGE}`); return 2; }
    throw e;
  }
  if (args === 'help') { io.out(USAGE); return 0; }
  const configured = cliOptions(args, io);
  if (!configured) return 2;
  // What the config says about reading applies; what check reports does not: a rule turned off or a higher
  // minConfidence must not change the decomposition the user asks for. The data migration is printed (or is
  // the next migration file), never a file beside the schema.
  const options: Options = { ...defaultOptions, dialect: configured.dialect, dataInference: configured.dataInference, migrationFolders: configured.migrationFolders, migrations: 'inline' };
  const inputs = inputsOf(args.file, options.migrationFolders, options.dialect);
  if ('error' in inputs) { io.err(`normlint normalize: ${inputs.error}`); return 2; }
  const folderMode = inputs.sources.length > 1 || inputs.isFolder;
  const result = folderMode ? analyzeProject(inputs.sources, options) : analyzeSources(inputs.sources, options);
  const named = (t: { name: string; schema?: string }) => t.name.toLowerCase() === args.table.toLowerCase() || `${t.schema ?? ''}.${t.name}`.toLowerCase() === args.table.toLowerCase();
  const known = result.workspace.tables.filter((t) => folderMode || t.file === args.file);
  const matches = known.filter(named);
  const T = matches.find((t) => normalize(t.file) === normalize(args.file)) ?? matches[0];
  if (!T) {
    io.err(`normlint normalize: unknown table "${args.table}" in ${folderMode ? `the schema ${args.file}'s folder builds` : args.file} (tables: ${known.map((t) => t.name).join(', ') || 'none'})`);
    return 2;
  }
  if (new Set(matches.map((t) => t.file)).size > 1 && !matches.some((t) => normalize(t.file) === normalize(args.file))) {
    io.err(`normlint normalize: table "${args.table}" is in several files (${matches.map((t) => t.file).join(', ')}); give the file`);
    return 2;
  }
  const text = inputs.sources.find((x) => x.file === T.file)!.text;
  const plan = folderMode ? planMigrations(inputs.sources, options.migrationFolders, options.dialect) : undefined;
  let out;
  try {
    out = plan?.replay ? normalizeInProject(result, plan, T.file, args.table, args.to, options, text) : normalizeTable(result, T.file, args.table, args.to, options, text);
  } catch (e) {
    io.err(`normlint normalize: ${(e as Error).message}`);
    return 2;
  }
  // in a migrations folder the output is the next migration (and its down file): new files only
  const newFiles = plan?.replay ? out.edits.filter((e) => e.createFile).map((e) => ({ path: e.file, text: e.newText })) : undefined;
  if (args.write && !newFiles) { io.err('normlint normalize: --write creates a migrations folder\'s new migration; for a schema file, apply the printed DDL yourself'); return 2; }
  if (args.write && newFiles) {
    const taken = newFiles.find((f) => existsSync(f.path));
    if (taken) { io.err(`normlint normalize: ${taken.path} exists; nothing written`); return 2; }
    for (const f of newFiles) { mkdirSync(dirname(f.path), { recursive: true }); writeFileSync(f.path, f.text, { flag: 'wx' }); }
  }
  if (args.format === 'json') {
    io.out(JSON.stringify({ version: 1, table: out.table, to: args.to, ddl: out.ddl, migration: out.migration, warnings: out.warnings, tables: out.tables.map((t) => ({ name: t.name, kind: t.role.kind })), ...(newFiles ? { files: newFiles, written: args.write } : {}) }, null, 2));
    return 0;
  }
  const target = args.to === 'bcnf' ? 'BCNF' : '3NF';
  for (const w of out.warnings) io.err(`warning: ${w}`);
  if (!out.ddl) { io.out(`-- ${out.table}: nothing to change for ${target}.`); return 0; }
  io.out(`-- normlint normalize: ${out.table} → ${target}\n-- ${newFiles ? `The tables after the new migration (the folder's files are not edited)` : `New DDL (replaces CREATE TABLE ${out.table})`}:\n`);
  io.out(out.ddl.trimEnd());
  if (newFiles) {
    for (const f of newFiles) io.out(`\n-- ${args.write ? 'Written' : 'New migration file'}: ${f.path}\n${f.text.trimEnd()}`);
    return 0;
  }
  io.out(`\n-- Data migration:\n`);
  io.out(out.migration.trimEnd());
  return 0;
}

/**
 * The files to read for PATH: a folder's files; a file named like a migration that its folder's plan replays
 * (the file's folder, or the one above: Prisma keeps each migration in a folder of its own) with that
 * folder's files; else the file alone.
 */
function inputsOf(path: string, config: MigrationsConfig = {}, dialect: DialectSetting = 'auto'): { sources: SourceFile[]; isFolder: boolean } | { error: string } {
  let isFolder: boolean;
  try { isFolder = statSync(path).isDirectory(); } catch (e) { return { error: `cannot read ${path}: ${(e as Error).message}` }; }
  if (isFolder) {
    const inputs = collectInputs([path]);
    return inputs.errors.length ? { error: inputs.errors.join('; ') } : { sources: inputs.sources, isFolder };
  }
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { return { error: `cannot read ${path}: ${(e as Error).message}` }; }
  // only a file named like a migration is looked up in its folder (the file's, or the one above for one
  // folder per migration): a schema file's surroundings are never read
  const readings = config.convention ? [classifyAs(path, config.convention)].filter((c) => !!c) : classify(path);
  for (const dir of new Set(readings.map((c) => c.root || '.'))) {
    const around = collectInputs([dir]);
    if (around.errors.length) continue;
    const plan = planMigrations(around.sources, config, dialect);
    if (plan.replay && plan.folders.some((f) => f.order.some((o) => normalize(o) === normalize(path)))) {
      return { sources: around.sources.map((s) => (normalize(s.file) === normalize(path) ? { file: path, text } : s)), isFolder: true };
    }
  }
  return { sources: [{ file: path, text }], isFolder: false };
}
