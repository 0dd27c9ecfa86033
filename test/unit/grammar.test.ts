// The injection grammar (syntaxes/normlint-annotations.injection.json) tokenized with the same
// engine VS Code uses (vscode-textmate + oniguruma), injected into a host SQL grammar whose comment
// rules are copied from VS Code's built-in extensions/sql/syntaxes/sql.tmLanguage.json (line
// comments `comment.line.double-dash.sql`, block comments `comment.block`). When the code-server
// cache of the editor test exists, the real built-in grammar is checked too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const repo = join(import.meta.dirname, '..', '..');
const injectionPath = join(repo, 'syntaxes', 'normlint-annotations.injection.json');
const injection = JSON.parse(readFileSync(injectionPath, 'utf8'));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/** The comment rules of VS Code's built-in SQL grammar, plus a keyword so code is not a comment. */
const minimalSql = {
  scopeName: 'source.sql',
  patterns: [{ include: '#comments' }, { match: '(?i)\\b(create|table|primary|key)\\b', name: 'keyword.other.create.sql' }],
  repository: {
    comments: {
      patterns: [
        {
          begin: '(^[ \\t]+)?(?=--)',
          beginCaptures: { 1: { name: 'punctuation.whitespace.comment.leading.sql' } },
          end: '(?!\\G)',
          patterns: [
            { begin: '--', beginCaptures: { 0: { name: 'punctuation.definition.comment.sql' } }, end: '\\n', name: 'comment.line.double-dash.sql' },
          ],
        },
        { include: '#comment-block' },
      ],
    },
    'comment-block': {
      begin: '/\\*',
      captures: { 0: { name: 'punctuation.definition.comment.sql' } },
      end: '\\*/',
      name: 'comment.block',
      patterns: [{ include: '#comment-block' }],
    },
  },
};

const cacheDir = process.env.NORMLINT_E2E_CACHE ?? join(homedir(), '.cache', 'normlint-e2e');
const builtinSqlPath = join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'sql', 'syntaxes', 'sql.tmLanguage.json');

async function loadRegistry(hostGrammar: object) {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'source.sql') return vsctm.parseRawGrammar(JSON.stringify(hostGrammar), 'sql.json');
      if (scopeName === injection.scopeName) return vsctm.parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
      return null;
    },
    // As VS Code does with the package.json `injectTo`.
    getInjections: (scopeName: string) => (scopeName === 'source.sql' ? [injection.scopeName] : []),
  });
  const grammar = await registry.loadGrammar('source.sql');
  assert.ok(grammar, 'source.sql grammar loads');
  return grammar!;
}

type Token = { text: string; scopes: string[] };

function tokenize(grammar: vsctm.IGrammar, text: string): Token[] {
  let state = vsctm.INITIAL;
  const out: Token[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

/** The innermost normlint scope of the token whose text is `text` (the n-th such token). */
function scopeOf(tokens: Token[], text: string, nth = 0): string | undefined {
  const hits = tokens.filter((t) => t.text === text);
  const t = hits[nth];
  assert.ok(t, `a token "${text}" exists in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes.filter((s) => s.endsWith('.normlint')).at(-1);
}

function checkAnnotations(grammar: vsctm.IGrammar) {
  const fd = tokenize(grammar, '-- @fd instructor, term -> course, room');
  assert.equal(scopeOf(fd, '@fd'), 'keyword.other.annotation.fd.normlint');
  assert.equal(scopeOf(fd, 'instructor'), 'variable.other.column.normlint');
  assert.equal(scopeOf(fd, 'term'), 'variable.other.column.normlint');
  assert.equal(scopeOf(fd, '->'), 'keyword.operator.arrow.normlint');
  assert.equal(scopeOf(fd, 'room'), 'variable.other.column.normlint');
  assert.ok(fd.every((t) => t.scopes.includes('comment.line.double-dash.sql')), 'stays inside the comment');

  const arrow = tokenize(grammar, '    -- @fd CourseID → InstructorID');
  assert.equal(scopeOf(arrow, '→'), 'keyword.operator.arrow.normlint');
  assert.equal(scopeOf(arrow, 'InstructorID'), 'variable.other.column.normlint');

  const key = tokenize(grammar, '-- @key tracking_no, "carrier id"');
  assert.equal(scopeOf(key, '@key'), 'keyword.other.annotation.key.normlint');
  assert.equal(scopeOf(key, 'tracking_no'), 'variable.other.column.normlint');
  assert.equal(scopeOf(key, '"carrier id"'), 'variable.other.column.normlint');

  const block = tokenize(grammar, '/* @fd a -> b */');
  assert.equal(scopeOf(block, '@fd'), 'keyword.other.annotation.fd.normlint');
  assert.equal(scopeOf(block, 'b'), 'variable.other.column.normlint');
  assert.ok(block.find((t) => t.text.includes('*/'))?.scopes.includes('comment.block'), 'the block still closes');

  const next = tokenize(grammar, '-- normlint-disable-next-line transitive-dependency, list-column');
  assert.equal(scopeOf(next, 'normlint-disable-next-line'), 'keyword.control.directive.suppression.normlint');
  assert.equal(scopeOf(next, 'transitive-dependency'), 'constant.language.rule-id.normlint');
  assert.equal(scopeOf(next, 'list-column'), 'constant.language.rule-id.normlint');

  const line = tokenize(grammar, '  tags TEXT, -- normlint-disable-line list-column');
  assert.equal(scopeOf(line, 'normlint-disable-line'), 'keyword.control.directive.suppression.normlint');
  assert.equal(scopeOf(line, 'list-column'), 'constant.language.rule-id.normlint');
  assert.ok(line.filter((t) => t.text.includes('TEXT')).every((t) => !t.scopes.some((s) => s.endsWith('.normlint'))), 'code before the comment is not touched');

  const typo = tokenize(grammar, '-- normlint-disable repeating-groups');
  assert.equal(scopeOf(typo, 'normlint-disable'), 'keyword.control.directive.suppression.normlint');
  assert.equal(scopeOf(typo, 'repeating-groups'), 'invalid.illegal.unknown-rule-id.normlint', 'a misspelt id is flagged');

  const all = tokenize(grammar, '-- normlint-enable');
  assert.equal(scopeOf(all, 'normlint-enable'), 'keyword.control.directive.suppression.normlint');

  const reason = tokenize(grammar, '-- normlint-disable-line fk-missing-index -- small table');
  assert.equal(scopeOf(reason, 'fk-missing-index'), 'constant.language.rule-id.normlint');
  assert.ok(reason.filter((t) => t.text.includes('small')).every((t) => !t.scopes.some((s) => s.endsWith('.normlint'))), 'a free reason is not a rule id');

  // Outside comments nothing is highlighted, and look-alikes are not annotations.
  const code = tokenize(grammar, "CREATE TABLE t (email TEXT DEFAULT 'a@fd.org -> x');");
  assert.ok(code.every((t) => !t.scopes.some((s) => s.endsWith('.normlint'))), 'no normlint scope outside comments');
  const email = tokenize(grammar, '-- contact: ops@fdx.example, normlint-disabled');
  assert.ok(email.every((t) => !t.scopes.some((s) => s.endsWith('.normlint'))), 'ops@fdx and normlint-disabled are plain comment');
}

test('package.json contributes the injection into source.sql', () => {
  const g = pkg.contributes?.grammars?.find((x: { path: string }) => x.path.endsWith('normlint-annotations.injection.json'));
  assert.ok(g, 'contributes.grammars lists the injection');
  assert.equal(g.scopeName, injection.scopeName);
  assert.deepEqual(g.injectTo, ['source.sql']);
});

test('annotations and suppressions are highlighted inside SQL comments (built-in comment scopes)', async () => {
  checkAnnotations(await loadRegistry(minimalSql));
});

test("with VS Code's real built-in SQL grammar (from the editor test's code-server cache)", async (t) => {
  if (!existsSync(builtinSqlPath)) {
    t.skip(`no ${builtinSqlPath}; run scripts/setup/e2e.sh to check against the real grammar`);
    return;
  }
  checkAnnotations(await loadRegistry(JSON.parse(readFileSync(builtinSqlPath, 'utf8'))));
});
