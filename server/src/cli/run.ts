// `normlint check` and `normlint schema`: read inputs and config, analyze, print. Returns the exit code.
import type { AnalyzeExtras } from '../core/analyze.ts';
import { analyzeProject } from '../core/migrations/index.ts';
import { RULE_IDS } from '../core/config.ts';
import { defaultOptions, type Options } from '../core/options.ts';
import { parseArgs } from './args.ts';
import { cliOptions } from './options.ts';
import { collectInputs } from './files.ts';
import { checkJson, schemaJson } from './format-json.ts';
import { checkSarif } from './format-sarif.ts';
import { checkText } from './format-text.ts';

export interface Io { out(s: string): void; err(s: string): void; cwd?: string }

/** `core`: passed to the analysis (tests inject a failing rule; the log goes to `io.err` by default). */
export function run(command: 'check' | 'schema', argv: string[], io: Io, version: string, core: AnalyzeExtras = {}): number {
  const args = parseArgs(command, argv);
  const options = cliOptions(args, io);
  if (!options) return 2;
  const inputs = collectInputs(args.paths);
  for (const e of inputs.errors) io.err(`normlint: ${e}`);
  // schema needs only the model and the per-table dependency analysis (lazy): no rule has to run
  const schemaOptions = { ...options, rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'off'])) as Options['rules'] };
  // text, json and sarif print only the fixes' titles: their edits are not built (a quarter of the time on big files)
  const result = analyzeProject(inputs.sources, command === 'schema' ? schemaOptions : options, { log: io.err, fixEdits: false, ...core });
  if (command === 'schema') {
    io.out(schemaJson(result));
    return inputs.errors.length ? 2 : 0;
  }
  const findings = result.findings;
  if (args.format === 'json') io.out(checkJson(findings));
  else if (args.format === 'sarif') io.out(checkSarif(findings, version));
  else io.out(checkText(findings, inputs.sources.length - result.skipped.size, inputs.errors.length));
  if (inputs.errors.length) return 2;
  return findings.length ? 1 : 0;
}
