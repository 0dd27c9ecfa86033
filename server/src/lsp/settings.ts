// Editor settings (section `normlint`) and `.normlintrc.json` → core Options. Invalid values are reported
// (never silently dropped) and fall back to the default for that key.
import { defaultOptions, type Options, type RuleSetting } from '../core/options.ts';
import { CONFIDENCES, type Confidence, type RuleId } from '../core/findings.ts';
import { ruleById } from '../core/rules/index.ts';
import { RULE_IDS } from '../core/config.ts';

const DIALECTS = ['auto', 'postgresql', 'mysql', 'mariadb', 'sqlite'];
const RULE_SETTINGS = ['error', 'warning', 'info', 'hint', 'off'];
const MIGRATIONS = ['inline', 'file'];

export interface SettingsResult { options: Partial<Options>; problems: string[] }

/** Reads the known keys of a settings object; unknown rule ids and bad values become problems. */
export function readSettings(raw: unknown, where: string): SettingsResult {
  const problems: string[] = [];
  const options: Partial<Options> = {};
  if (raw === undefined || raw === null) return { options, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { options, problems: [`${where}: expected an object`] };
  const r = raw as Record<string, unknown>;
  if (r.dialect !== undefined) {
    if (typeof r.dialect === 'string' && DIALECTS.includes(r.dialect)) options.dialect = r.dialect as Options['dialect'];
    else problems.push(`${where}: "dialect" must be one of ${DIALECTS.join(', ')} (got ${JSON.stringify(r.dialect)})`);
  }
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules !== 'object' || Array.isArray(r.rules)) problems.push(`${where}: "rules" must be an object of rule id → ${RULE_SETTINGS.join('|')}`);
    else {
      const rules: Partial<Record<RuleId, RuleSetting>> = {};
      for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
        if (!ruleById.has(id as RuleId) && !(RULE_IDS as readonly string[]).includes(id)) { problems.push(`${where}: unknown rule "${id}"`); continue; }
        if (typeof v === 'string' && RULE_SETTINGS.includes(v)) rules[id as RuleId] = v as RuleSetting;
        else problems.push(`${where}: rule "${id}" must be one of ${RULE_SETTINGS.join(', ')} (got ${JSON.stringify(v)})`);
      }
      options.rules = rules;
    }
  }
  if (r.dataInference !== undefined) {
    if (typeof r.dataInference === 'boolean') options.dataInference = r.dataInference;
    else problems.push(`${where}: "dataInference" must be true or false`);
  }
  if (r.minConfidence !== undefined) {
    if (typeof r.minConfidence === 'string' && (CONFIDENCES as readonly string[]).includes(r.minConfidence)) options.minConfidence = r.minConfidence as Confidence;
    else problems.push(`${where}: "minConfidence" must be one of ${CONFIDENCES.join(', ')} (got ${JSON.stringify(r.minConfidence)})`);
  }
  if (r.migrations !== undefined) {
    if (typeof r.migrations === 'string' && MIGRATIONS.includes(r.migrations)) options.migrations = r.migrations as Options['migrations'];
    else problems.push(`${where}: "migrations" must be "inline" or "file"`);
  }
  return { options, problems };
}


/** defaults ← editor settings ← .normlintrc.json (the project file wins, so the CLI and the editor agree). */
export function mergeOptions(editor: Partial<Options>, rc: Partial<Options> | undefined): Options {
  return {
    ...defaultOptions, ...editor, ...(rc ?? {}),
    rules: { ...defaultOptions.rules, ...(editor.rules ?? {}), ...(rc?.rules ?? {}) },
  };
}

export function sameOptions(a: Options, b: Options): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
