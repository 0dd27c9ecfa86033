// The extension manifest (package.json contributes), the .normlintrc.json schema and the CLI's
// config validation (server/src/core/config.ts) must describe the same options; the VSIX must ship
// what the manifest points at and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { RULE_IDS, parseConfig } from '../../server/src/core/config.ts';
import { defaultOptions } from '../../server/src/core/options.ts';
import { Commands } from '../../client/src/protocol.ts';

const repo = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const c = pkg.contributes;
const schemaPath = join(repo, c.jsonValidation[0].url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const settings = c.configuration.properties;

test('commands: the three ids, category normlint, palette and context menu only in SQL files', () => {
  const ids = c.commands.map((x: { command: string }) => x.command).sort();
  assert.deepEqual(ids, Object.values(Commands).sort());
  for (const cmd of c.commands) assert.equal(cmd.category, 'normlint');
  const ctx = c.menus['editor/context'].map((m: { command: string; when: string }) => [m.command, m.when]);
  assert.deepEqual(ctx.find(([id]: string[]) => id === Commands.normalizeTable)?.[1], 'editorLangId == sql');
});

// The editor writes data migrations to their own file by default (issue 11: inline blocks clutter the schema
// file); the CLI keeps the core's default.
const EDITOR_DEFAULTS: Record<string, unknown> = { migrations: 'file' };

test('settings: the five options, resource scope, defaults of the core (migrations: file in the editor)', () => {
  for (const key of ['dialect', 'rules', 'dataInference', 'migrations', 'minConfidence']) {
    const s = settings[`normlint.${key}`];
    assert.ok(s, `normlint.${key}`);
    assert.equal(s.scope, 'resource', `normlint.${key} is per resource`);
    assert.ok(s.description || s.markdownDescription, `normlint.${key} is described`);
    assert.deepEqual(s.default, EDITOR_DEFAULTS[key] ?? (defaultOptions as unknown as Record<string, unknown>)[key], `normlint.${key} default`);
  }
  assert.deepEqual(Object.keys(settings['normlint.rules'].properties).sort(), [...RULE_IDS].sort());
});

test('the .normlintrc.json schema matches the settings and what the CLI accepts', () => {
  assert.deepEqual(Object.keys(schema.properties).filter((k) => k !== '$schema').sort(), ['dataInference', 'dialect', 'migrations', 'minConfidence', 'rules']);
  assert.deepEqual(schema.properties.minConfidence.enum, settings['normlint.minConfidence'].enum);
  assert.deepEqual(schema.properties.dialect.enum, settings['normlint.dialect'].enum);
  assert.deepEqual(schema.properties.migrations.enum ?? schema.properties.migrations.oneOf?.[0]?.enum, settings['normlint.migrations'].enum);
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULE_IDS].sort());
  assert.deepEqual(schema.definitions.ruleSetting.enum, settings['normlint.rules'].properties['list-column'].enum);
  // Every value the schema allows, the CLI accepts; an unknown key is refused by both.
  const all = { $schema: './x.json', dialect: 'mariadb', dataInference: false, migrations: 'file', minConfidence: 'low', rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'off'])) };
  assert.deepEqual(parseConfig(JSON.stringify(all), 'rc').errors, []);
  assert.equal(schema.additionalProperties, false);
  assert.ok(parseConfig('{"dialet": "mysql"}', 'rc').errors.length, 'a misspelt key is an error for the CLI too');
});

test('languages, grammar and schema paths exist; .ddl is SQL', () => {
  assert.deepEqual(c.languages, [{ id: 'sql', extensions: ['.ddl'] }]);
  for (const g of c.grammars) assert.ok(existsSync(join(repo, g.path)), g.path);
  assert.ok(existsSync(schemaPath));
  assert.equal(c.jsonValidation[0].fileMatch, '.normlintrc.json');
  assert.ok(existsSync(join(repo, pkg.icon)), 'icon');
  assert.ok(pkg.activationEvents.includes('onLanguage:sql'));
});

test('the VSIX file list: bundles, manifest, docs, grammar, schema, icon; no sources or node_modules', () => {
  const out = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = out.split('\n').map((s) => s.trim()).filter(Boolean).sort();
  for (const need of ['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/server.js', pkg.icon, c.grammars[0].path.replace(/^\.\//, ''), c.jsonValidation[0].url.replace(/^\.\//, '')]) {
    assert.ok(files.includes(need), `ships ${need} (list: ${files.join(', ')})`);
  }
  const stray = files.filter((f) => /node_modules|\.ts$|\.map$|^test\/|^server\/|^client\/src\//.test(f));
  assert.deepEqual(stray, [], 'nothing but the runtime files');
});
