// `.normlintrc.json` validation, pure (text in, options + messages out): used by the CLI and the
// language server. Same keys as the `normlint.*` editor settings.
import { CONFIDENCES, type Confidence, type RuleId } from './findings.ts';
import type { Options, RuleSetting } from './options.ts';
import { parseMigrationsConfig } from './migrations/config.ts';

export const CONFIG_FILE_NAME = '.normlintrc.json';

export const RULE_IDS: readonly RuleId[] = [
  'list-column', 'repeating-group', 'fk-missing-index', 'partial-dependency', 'transitive-dependency',
  'bcnf-violation', 'unreadable-statement',
];
const DIALECTS = ['auto', 'postgresql', 'mysql', 'mariadb', 'sqlite'] as const;
const SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const KEYS = ['dialect', 'rules', 'dataInference', 'migrations', 'minConfidence'];

const list = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

export function parseConfig(text: string, sourceName: string): { options: Partial<Options>; errors: string[] } {
  const errors: string[] = [];
  const options: Partial<Options> = {};
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) {
    return { options, errors: [`${sourceName}: not valid JSON (${(err as Error).message})`] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { options, errors: [`${sourceName}: expected a JSON object with keys ${list(KEYS)}`] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case '$schema': break;
      case 'dialect':
        if (typeof value === 'string' && (DIALECTS as readonly string[]).includes(value)) options.dialect = value as Options['dialect'];
        else errors.push(`${sourceName}: "dialect" must be one of ${list(DIALECTS)}, got ${JSON.stringify(value)}`);
        break;
      case 'dataInference':
        if (typeof value === 'boolean') options.dataInference = value;
        else errors.push(`${sourceName}: "dataInference" must be true or false, got ${JSON.stringify(value)}`);
        break;
      case 'migrations':
        if (value === 'inline' || value === 'file') options.migrations = value;
        else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const m = parseMigrationsConfig(value as Record<string, unknown>, `${sourceName}: "migrations"`, errors);
          if (m.fixes) options.migrations = m.fixes;
          options.migrationFolders = m.folders;
        } else errors.push(`${sourceName}: "migrations" must be "inline", "file" or an object {path, convention, exclude, placeholders, fixes}, got ${JSON.stringify(value)}`);
        break;
      case 'minConfidence':
        if (typeof value === 'string' && (CONFIDENCES as readonly string[]).includes(value)) options.minConfidence = value as Confidence;
        else errors.push(`${sourceName}: "minConfidence" must be one of ${list(CONFIDENCES)}, got ${JSON.stringify(value)}`);
        break;
      case 'rules': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          errors.push(`${sourceName}: "rules" must be an object of rule id → severity`);
          break;
        }
        const rules: Options['rules'] = {};
        for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
          if (!(RULE_IDS as readonly string[]).includes(id)) {
            errors.push(`${sourceName}: unknown rule "${id}" in "rules" (known: ${list(RULE_IDS)})`);
          } else if (typeof setting !== 'string' || !(SETTINGS as readonly string[]).includes(setting)) {
            errors.push(`${sourceName}: rule "${id}" must be one of ${list(SETTINGS)}, got ${JSON.stringify(setting)}`);
          } else rules[id as RuleId] = setting as RuleSetting;
        }
        options.rules = rules;
        break;
      }
      default:
        errors.push(`${sourceName}: unknown key "${key}" (known: ${list(KEYS)})`);
    }
  }
  return { options, errors };
}
