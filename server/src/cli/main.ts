// normlint CLI (contract in DESIGN.md): check | schema | erd | normalize, --help, --version.
import pkg from '../../../package.json';
import { UsageError } from './args.ts';
import { runNormalize } from './normalize.ts';
import { run } from './run.ts';
import { ERD_USAGE, runErd } from './erd.ts';

const USAGE = `normlint — normal-form linter for SQL schemas

Usage:
  normlint check  [--dialect D] [--format text|json|sarif] [--config FILE] PATHS...
  normlint schema [--dialect D] --format json PATHS...
  ${ERD_USAGE}
  normlint normalize …            (see normlint normalize --help)
  normlint --help | --version

PATHS are .sql files or folders (searched recursively for *.sql and *.ddl).
Dialects: auto (default: from each file's syntax), postgresql, mysql, mariadb, sqlite.
Config: --config FILE, else the nearest .normlintrc.json from the current folder upward.
Exit codes: 0 no findings, 1 findings, 2 usage, config or read error.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { out: (s: string) => process.stdout.write(s + '\n'), err: (s: string) => process.stderr.write(s + '\n') };
  if (!command || command === '--help' || command === '-h' || command === 'help') { io.out(USAGE); return command ? 0 : 2; }
  if (command === '--version' || command === '-v') { io.out(pkg.version); return 0; }
  if (command === 'normalize') return runNormalize(rest);
  if (command !== 'check' && command !== 'schema' && command !== 'erd') { io.err(`normlint: unknown command "${command}"\n\n${USAGE}`); return 2; }
  if (rest.includes('--help') || rest.includes('-h')) { io.out(USAGE); return 0; }
  try {
    return command === 'erd' ? runErd(rest, io) : run(command, rest, io, pkg.version);
  } catch (err) {
    if (err instanceof UsageError) { io.err(`normlint: ${err.message}\n(see normlint --help)`); return 2; }
    io.err(`normlint: internal error: ${(err as Error).stack ?? err}`);
    return 2;
  }
}

// `normlint check … | head`: the reader of our output went away; stop quietly
process.stdout.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw err; });

main(process.argv.slice(2)).then((code) => {
  // let stdout drain before exiting (large JSON/SARIF output into a pipe)
  process.exitCode = code;
}, (err) => { process.stderr.write(`normlint: ${(err as Error).stack ?? err}\n`); process.exitCode = 2; });
