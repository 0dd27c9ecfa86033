// The options a CLI command runs with: defaults, then the config file, then --dialect.
import { defaultOptions, type Options } from '../core/options.ts';
import type { DialectSetting } from '../core/model.ts';
import { loadConfig } from './config-file.ts';

/** Undefined (after printing the config's errors) when the config file is invalid. */
export function cliOptions(args: { config?: string; dialect?: DialectSetting }, io: { err(s: string): void; cwd?: string }): Options | undefined {
  const cfg = loadConfig(args.config, io.cwd);
  if (cfg.errors.length) { for (const e of cfg.errors) io.err(`normlint: ${e}`); return undefined; }
  const options: Options = { ...defaultOptions, ...cfg.options, rules: { ...defaultOptions.rules, ...cfg.options.rules } };
  if (args.dialect) options.dialect = args.dialect;
  return options;
}
