// `normlint normalize --table T [--to 3nf|bcnf] [--dialect D] [--format text|json] FILE`: prints the new DDL
// and the data migration for one table. Exit 0 on success, 2 on usage / read errors or an unknown table.
import { readFileSync } from 'node:fs';
import { analyzeSources } from '../core/analyze.ts';
import { defaultOptions, type Options } from '../core/options.ts';
import type { DialectSetting } from '../core/model.ts';
import { normalizeTable } from '../core/fix/normalize.ts';

const USAGE = `Usage: normlint normalize --table T [--to 3nf|bcnf] [--dialect D] [--format text|json] FILE

Decomposes table T of FILE into third normal form (synthesis from a minimal cover; default) or BCNF
(--to bcnf; warns for every dependency the decomposition no longer preserves), after moving list
columns and repeating groups into child tables. Prints the rewritten DDL and the data migration
(create and fill the new tables, then drop the moved columns). FILE is not modified.
Dialects: auto (default: from the file's syntax), postgresql, mysql, mariadb, sqlite.
Exit codes: 0 done, 2 usage or read error, unknown table.`;

const DIALECTS = ['auto', 'postgresql', 'mysql', 'mariadb', 'sqlite'];

class Usage extends Error {}

interface Args { table: string; to: '3nf' | 'bcnf'; dialect: DialectSetting; format: 'text' | 'json'; file: string }

function parse(argv: string[]): Args | 'help' {
  let table: string | undefined, to: '3nf' | 'bcnf' = '3nf', dialect: DialectSetting = 'auto', format: 'text' | 'json' = 'text';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Usage(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help': case '-h': return 'help';
      case '--table': case '-t': table = value(); break;
      case '--to': {
        const v = value().toLowerCase();
        if (v !== '3nf' && v !== 'bcnf') throw new Usage(`--to must be 3nf or bcnf (got "${v}")`);
        to = v; break;
      }
      case '--dialect': {
        const v = value();
        if (!DIALECTS.includes(v)) throw new Usage(`--dialect must be one of ${DIALECTS.join(', ')} (got "${v}")`);
        dialect = v as DialectSetting; break;
      }
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new Usage(`--format must be text or json (got "${v}")`);
        format = v; break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new Usage(`unknown option ${a}`);
        files.push(a);
    }
  }
  if (!table) throw new Usage('--table is required');
  if (files.length !== 1) throw new Usage(files.length ? `normalize takes one FILE (got ${files.length})` : 'normalize needs a FILE');
  return { table, to, dialect, format, file: files[0] };
}

export async function runNormalize(argv: string[], io = {
  out: (s: string) => { process.stdout.write(s + '\n'); },
  err: (s: string) => { process.stderr.write(s + '\n'); },
}): Promise<number> {
  let args: Args | 'help';
  try { args = parse(argv); } catch (e) {
    if (e instanceof Usage) { io.err(`normlint normalize: ${e.message}\n\n${USAGE}`); return 2; }
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
