// `normlint erd`: formats, a table's neighbourhood, and usage errors (exit 2 with a message).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { casesDir } from '../helpers/cases.ts';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const file = join(casesDir, '09_ml_platform.sql');
before(() => { if (!existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs', '--only=cli'], { cwd: root, stdio: 'inherit' }); });
const run = (args: string[]) => { const r = spawnSync(process.execPath, [cli, 'erd', ...args], { encoding: 'utf8' }); return { code: r.status, out: r.stdout, err: r.stderr }; };

test('erd prints Mermaid by default, SVG and DOT on request', () => {
  const m = run([file]);
  assert.equal(m.code, 0, m.err);
  assert.match(m.out, /^erDiagram\n/);
  assert.match(m.out, /^ {2}users \|o--o\{ models : "created_by"$/m);
  const svg = run(['--format', 'svg', file]);
  assert.equal(svg.code, 0, svg.err);
  assert.match(svg.out, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg.out, /<style>/);
  const dot = run(['--format=dot', file]);
  assert.equal(dot.code, 0, dot.err);
  assert.match(dot.out, /^digraph erd \{/);
});

test('erd --table T --depth N: the table and its neighbours only', () => {
  const r = run(['--table', 'tags', '--depth', '1', file]);
  assert.equal(r.code, 0, r.err);
  const entities = [...r.out.matchAll(/^ {2}(\S+) \{$/gm)].map((m) => m[1]);
  assert.deepEqual(entities, ['tags', 'model_tags']);
  const two = run(['--table', 'TAGS', '--depth', '2', file]);
  assert.deepEqual([...two.out.matchAll(/^ {2}(\S+) \{$/gm)].map((m) => m[1]), ['models', 'tags', 'model_tags']);
});

test('erd usage errors exit 2 and say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['--table', 'nope', file], /no table "nope"/],
    [['--format', 'png', file], /--format for erd must be one of mermaid, svg, dot/],
    [['--depth', '2', file], /--depth needs --table/],
    [['--table', 'tags', '--depth', 'x', file], /--depth must be a whole number/],
    [[], /erd needs at least one file or folder/],
    [['--bogus', file], /unknown option --bogus/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
  }
});
