// `normlint normalize --table T [--to 3nf|bcnf] [--dialect D] [--format text|json] FILE`: prints the new DDL
// and the data migration for one table. Exit 0 on success, 2 on usage / read errors or an unknown table.
import { readFileSync } from 'node:fs';
import { analyzeSources } from '../core/analyze.ts';
import { defaultOptions, type Options } from '../core/options.ts';
import type { DialectSetting } from '../core/model.ts';
import { normalizeTable } from '../core/fix/normalize.ts';
import { parseDialect, UsageError, walkArgs } from './args.ts';

const USAGE = `Usage: normlint normalize --table T [--to 3nf|bcnf] [--dialect D] [--format text|json] FILE

Decomposes table T of FILE into third normal form (synthesis from a minimal cover; default) or BCNF
(--to bcnf; warns for every dependency the decomposition no longer preserves), after moving list
columns and repeating groups into child tables. Prints the rewritten DDL and the data migration
(create and fill the new tables, then drop the moved columns). FILE is not modified.
Dialects: auto (default: from the file's syntax), postgresql, mysql, mariadb, sqlite.
Exit codes: 0 done, 2 usage or read error, unknown table.`;

interface Args { table: string; to: '3nf' | 'bcnf'; dialect: DialectSetting; format: 'text' | 'json'; file: string }

function parse(argv: string[]): Args | 'help' {
  let table: string | undefined, to: '3nf' | 'bcnf' = '3nf', dialect: DialectSetting = 'auto', format: 'text' | 'json' = 'text';
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
  if (files.length !== 1) throw new UsageError(files.length ? `normalize takes one FILE (got ${files.length})` : 'normalize needs a FILE');
  return { table, to, dialect, format, file: files[0] };
}

export async function runNormalize(argv: string[], io = {
  out: (s: string) => { process.stdout.write(s + '\n'); },
  err: (s: string) => { process.stderr.write(s + '\n'); },
}): Promise<number> {
  let args: Args | 'help';
  try { args = parse(argv); } catch (e) {
    if (e instanceof UsageError) { io.err(`normlint normalize: ${e.message}\n\n${USAGE}`); return 2; }
    throw e;
  }
  if (args === 'help') { io.out(USAGE); return 0; }
  let text: string;
  try { text = readFileSync(args.file, 'utf8'); } catch (e) {
    io.err(`normlint normalize: cannot read ${args.file}: ${(e as Error).message}`);
    return 2;
  }
  const options: Options = { ...defaultOptions, dialect: args.dialect, migrations: 'inline' };
  const result = analyzeSources([{ file: args.file, text }], options);
  const known = result.workspace.tables.filter((t) => t.file === args.file);
  if (!known.some((t) => t.name.toLowerCase() === args.table.toLowerCase() || `${t.schema ?? ''}.${t.name}`.toLowerCase() === args.table.toLowerCase())) {
    io.err(`normlint normalize: unknown table "${args.table}" in ${args.file} (tables: ${known.map((t) => t.name).join(', ') || 'none'})`);
    return 2;
  }
  let out;
  try { out = normalizeTable(result, args.file, args.table, args.to, options, text); } catch (e) {
    io.err(`normlint normalize: ${(e as Error).message}`);
    return 2;
  }
  if (args.format === 'json') {
    io.out(JSON.stringify({ version: 1, table: out.table, to: args.to, ddl: out.ddl, migration: out.migration, warnings: out.warnings, tables: out.tables.map((t) => ({ name: t.name, kind: t.role.kind })) }, null, 2));
    return 0;
  }
  const target = args.to === 'bcnf' ? 'BCNF' : '3NF';
  for (const w of out.warnings) io.err(`warning: ${w}`);
  if (!out.ddl) { io.out(`-- ${out.table}: nothing to change for ${target}.`); return 0; }
  io.out(`-- normlint normalize: ${out.table} → ${target}\n-- New DDL (replaces CREATE TABLE ${out.table}):\n`);
  io.out(out.ddl.trimEnd());
  io.out(`\n-- Data migration:\n`);
  io.out(out.migration.trimEnd());
  return 0;
}
