// `.normlintrc.json` and the `normlint.*` editor settings: one validator, pure (value in, options + messages
// out), used by the CLI and the language server. The rules are the contributed JSON schema
// (client/schemas/normlintrc.schema.json, what VS Code checks the file against), run with ajv; its errors
// become messages that name the key ("dialect", rule "x"), which the server places on the key.
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../client/schemas/normlintrc.schema.json';
import type { RuleId } from './findings.ts';
import type { Options } from './options.ts';
import { parseMigrationsConfig } from './migrations/config.ts';

export const CONFIG_FILE_NAME = '.normlintrc.json';

export const RULE_IDS: readonly RuleId[] = [
  'list-column', 'repeating-group', 'fk-missing-index', 'partial-dependency', 'transitive-dependency',
  'bcnf-violation', 'unreadable-statement',
];
const KEYS = Object.keys(schema.properties).filter((k) => k !== '$schema');
// Compiled on first use: compiling costs ~100 ms, paid by every server and CLI start otherwise, with or without a config.
let compiled: ReturnType<Ajv['compile']> | null = null;
const validator = () => (compiled ??= new Ajv({ allErrors: true, strict: false }).compile(schema));

const list = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

export function parseConfig(text: string, sourceName: string): { options: Partial<Options>; errors: string[] } {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) {
    return { options: {}, errors: [`${sourceName}: not valid JSON (${(err as Error).message})`] };
  }
  return validateConfig(raw, sourceName);
}

/**
 * Validates a config object against the schema. A key with a bad value is reported and left out (its default
 * applies); the valid keys are returned as options. `ignoreUnknown`: other keys are not errors (editor
 * settings hold more than the file's keys); null values are "not set" there.
 */
export function validateConfig(raw: unknown, where: string, { ignoreUnknown = false } = {}): { options: Partial<Options>; errors: string[] } {
  const options: Partial<Options> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { options, errors: [`${where}: expected a JSON object with keys ${list(KEYS)}`] };
  }
  let value = raw as Record<string, unknown>;
  if (ignoreUnknown) value = Object.fromEntries(Object.entries(value).filter(([k, v]) => KEYS.includes(k) && v !== null && v !== undefined));
  const errors: string[] = [];
  const bad = new Set<string>();
  const seen = new Set<string>();
  const validate = Object.keys(value).length ? validator() : null; // {} is valid: nothing to compile for
  if (validate && !validate(value)) {
    for (const e of validate.errors ?? []) {
      const m = messageOf(e, value, where);
      if (!m) continue;
      bad.add(m.path);
      if (!seen.has(m.text)) { seen.add(m.text); errors.push(m.text); }
    }
  }
  if (typeof value.dialect === 'string' && !bad.has('dialect')) options.dialect = value.dialect as Options['dialect'];
  if (typeof value.dataInference === 'boolean') options.dataInference = value.dataInference;
  if (typeof value.minConfidence === 'string' && !bad.has('minConfidence')) options.minConfidence = value.minConfidence as Options['minConfidence'];
  const m = value.migrations;
  if (m === 'inline' || m === 'file') options.migrations = m;
  else if (m !== null && typeof m === 'object' && !Array.isArray(m)) {
    // the object form's own messages (its keys are checked there, with the folder conventions)
    const r = parseMigrationsConfig(m as Record<string, unknown>, `${where}: "migrations"`, errors);
    if (r.fixes) options.migrations = r.fixes;
    options.migrationFolders = r.folders;
  }
  if (value.rules !== null && typeof value.rules === 'object' && !Array.isArray(value.rules)) {
    const rules: Options['rules'] = {};
    for (const [id, setting] of Object.entries(value.rules as Record<string, unknown>)) {
      if (!bad.has(`rules/${id}`) && typeof setting === 'string') rules[id as RuleId] = setting as NonNullable<Options['rules'][RuleId]>;
    }
    options.rules = rules;
  }
  return { options, errors };
}

/** One ajv error as a message naming its key (or null when another message covers it). */
function messageOf(e: ErrorObject, value: Record<string, unknown>, where: string): { path: string; text: string } | null {
  const path = e.instancePath.replace(/^\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
  const got = (p: string) => JSON.stringify(p.split('/').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value));
  const enumOf = (p: string) => (e.params as { allowedValues?: string[] }).allowedValues ?? [p];
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    if (path === '') return { path: key, text: `${where}: unknown key "${key}" (known: ${list(KEYS)})` };
    if (path === 'rules') return { path: `rules/${key}`, text: `${where}: unknown rule "${key}" in "rules" (known: ${list(RULE_IDS)})` };
    return null;
  }
  if (path.startsWith('migrations')) {
    // the object form is checked by parseMigrationsConfig; anything else is one message
    const m = value.migrations;
    if (m !== null && typeof m === 'object' && !Array.isArray(m)) return null;
    return { path: 'migrations', text: `${where}: "migrations" must be "inline", "file" or an object {path, convention, exclude, placeholders, fixes}, got ${JSON.stringify(m)}` };
  }
  if (path === 'rules') return { path, text: `${where}: "rules" must be an object of rule id → severity` };
  if (path.startsWith('rules/')) {
    const id = path.slice('rules/'.length);
    return { path, text: `${where}: rule "${id}" must be one of ${list(enumOf(path))}, got ${got(path)}` };
  }
  if (path === 'dataInference') return { path, text: `${where}: "dataInference" must be true or false, got ${got(path)}` };
  if (e.keyword === 'enum') return { path, text: `${where}: "${path}" must be one of ${list(enumOf(path))}, got ${got(path)}` };
  return { path, text: `${where}: "${path}" ${e.message ?? 'is not valid'}, got ${got(path)}` };
}
