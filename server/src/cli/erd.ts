// `normlint erd [--format mermaid|svg|dot] [--table T --depth N] [--dialect D] [--config FILE] PATHS...`:
// the ER diagram of the schema (or of one table and its neighbours) on stdout.
import { analyzeProject } from '../core/migrations/index.ts';
import { buildDiagram, DEFAULT_DEPTH, findEntity, neighbourhood } from '../core/erd/model.ts';
import { toDot } from '../core/erd/dot.ts';
import { toMermaid } from '../core/erd/mermaid.ts';
import { toSvg } from '../core/erd/svg.ts';
import type { DialectSetting } from '../core/model.ts';
import { parseDialect, UsageError, walkArgs } from './args.ts';
import { cliOptions } from './options.ts';
import { collectInputs } from './files.ts';
import type { Io } from './run.ts';

const FORMATS = ['mermaid', 'svg', 'dot'] as const;
type ErdFormat = (typeof FORMATS)[number];

export const ERD_USAGE = 'normlint erd    [--format mermaid|svg|dot] [--table T [--depth N]] [--dialect D] [--config FILE] PATHS...';

interface ErdArgs { format: ErdFormat; table?: string; depth?: number; dialect?: DialectSetting; config?: string; paths: string[] }

export function parseErdArgs(argv: string[]): ErdArgs {
  const out: ErdArgs = { format: 'mermaid', paths: [] };
  walkArgs(argv, (flag, value, a, rest) => {
    switch (flag) {
      case '--format': {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format for erd must be one of ${FORMATS.join(', ')} (got "${v}")`);
        out.format = v as ErdFormat;
        break;
      }
      case '--table': out.table = value(); break;
      case '--depth': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--depth must be a whole number ≥ 0 (got "${v}")`);
        out.depth = Number(v);
        break;
      }
      case '--dialect': out.dialect = parseDialect(value()); break;
      case '--config': out.config = value(); break;
      case '--': out.paths.push(...rest()); break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        out.paths.push(a);
    }
  });
  if (out.depth !== undefined && out.table === undefined) throw new UsageError('--depth needs --table');
  if (out.paths.length === 0) throw new UsageError('erd needs at least one file or folder');
  return out;
}

export function runErd(argv: string[], io: Io): number {
  const args = parseErdArgs(argv);
  const options = cliOptions(args, io);
  if (!options) return 2;
  const inputs = collectInputs(args.paths);
  for (const e of inputs.errors) io.err(`normlint: ${e}`);
  // a migrations folder is replayed as `check` does: the diagram is of the schema the migrations build
  const result = analyzeProject(inputs.sources, options);
  let diagram = buildDiagram(result.workspace, result.findings);
  if (args.table !== undefined) {
    const centre = findEntity(diagram, args.table);
    if (!centre) { io.err(`normlint: no table "${args.table}" in ${inputs.sources.length} file(s) read`); return 2; }
    diagram = neighbourhood(diagram, centre.id, args.depth ?? DEFAULT_DEPTH);
  }
  io.out(args.format === 'svg' ? toSvg(diagram, { standalone: true }) : args.format === 'dot' ? toDot(diagram) : toMermaid(diagram));
  return inputs.errors.length ? 2 : 0;
}
