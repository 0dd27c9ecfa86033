// Command-line arguments of `normlint check|schema`: flags and paths, with clear usage errors.
import type { DialectSetting } from '../core/model.ts';

export type Format = 'text' | 'json' | 'sarif';

export interface CliArgs {
  command: 'check' | 'schema';
  dialect?: DialectSetting;
  format: Format;
  config?: string;
  paths: string[];
}

export class UsageError extends Error {}

const DIALECTS = ['auto', 'postgresql', 'mysql', 'mariadb', 'sqlite'];

export function parseDialect(v: string): DialectSetting {
  if (!DIALECTS.includes(v)) throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')} (got "${v}")`);
  return v as DialectSetting;
}

/**
 * Walks the words of a command line: `onArg(flag, value, arg, rest)` for each, where `flag` is the word
 * (or the part before `=` of `--flag=value`), `value()` takes the flag's value (after `=`, else the next
 * word, which must not be another option), and `rest()` takes every word left (after `--`).
 */
export function walkArgs(argv: string[], onArg: (flag: string, value: () => string, arg: string, rest: () => string[]) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const rest = () => { const r = argv.slice(i + 1); i = argv.length; return r; };
    onArg(flag, value, a, rest);
  }
}

export function parseArgs(command: 'check' | 'schema', argv: string[]): CliArgs {
  const out: CliArgs = { command, format: command === 'schema' ? 'json' : 'text', paths: [] };
  walkArgs(argv, (flag, value, a, rest) => {
    switch (flag) {
      case '--dialect': out.dialect = parseDialect(value()); break;
      case '--format': {
        const v = value();
        const allowed = command === 'schema' ? ['json'] : ['text', 'json', 'sarif'];
        if (!allowed.includes(v)) throw new UsageError(`--format for ${command} must be one of ${allowed.join(', ')} (got "${v}")`);
        out.format = v as Format;
        break;
      }
      case '--config': out.config = value(); break;
      case '--': out.paths.push(...rest()); break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        out.paths.push(a);
    }
  });
  if (out.paths.length === 0) throw new UsageError(`${command} needs at least one file or folder`);
  return out;
}
