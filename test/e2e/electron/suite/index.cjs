// Runs inside desktop VS Code's extension host (loaded by @vscode/test-electron). Plain CommonJS
// and node:assert, no test framework: each check is an async function; the first failure rejects
// run(), which fails the VS Code process and ../run.mjs.
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const vscode = require('vscode');

const RULE_IDS = ['list-column', 'repeating-group', 'fk-missing-index', 'partial-dependency', 'transitive-dependency', 'bcnf-violation', 'unreadable-statement'];
const ws = () => vscode.workspace.workspaceFolders[0].uri;
const fileUri = (name) => vscode.Uri.joinPath(ws(), name);

function expected(name) {
  const text = fs.readFileSync(path.join(process.env.NORMLINT_CASES_DIR, name), 'utf8');
  const counts = new Map();
  for (const m of text.matchAll(/^--\s*(expect|optional):\s*(\S+)/gm)) {
    const [min, max] = counts.get(m[2]) ?? [0, 0];
    counts.set(m[2], [min + (m[1] === 'expect' ? 1 : 0), max + 1]);
  }
  return counts;
}

async function until(what, fn, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const normlintDiagnostics = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'normlint');
const ruleOf = (d) => (typeof d.code === 'object' ? d.code.value : d.code);

const checks = {
  async 'the extension activates and registers its commands'() {
    const ext = vscode.extensions.getExtension('normlint.normlint');
    assert.ok(ext, 'normlint.normlint is loaded');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('09_ml_platform.sql')));
    await until('activation', () => ext.isActive);
    const all = await vscode.commands.getCommands(true);
    for (const c of ['normlint.normalizeTable', 'normlint.showDependencies', 'normlint.restartServer']) assert.ok(all.includes(c), c);
  },

  async 'diagnostics match the case headers, with code and documentation link'() {
    for (const name of ['09_ml_platform.sql', '24_courses_3nf.sql']) {
      const uri = fileUri(name);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const want = expected(name);
      const ok = () => {
        const ds = normlintDiagnostics(uri);
        const rules = new Set([...want.keys(), ...ds.map(ruleOf)]);
        return [...rules].every((r) => {
          const n = ds.filter((d) => ruleOf(d) === r).length;
          const [min, max] = want.get(r) ?? [0, 0];
          return n >= min && n <= max;
        });
      };
      await until(`${name}: diagnostics as the header says (have ${JSON.stringify(normlintDiagnostics(uri).map(ruleOf))})`, ok);
      for (const d of normlintDiagnostics(uri)) {
        assert.ok(RULE_IDS.includes(ruleOf(d)), `rule id ${ruleOf(d)}`);
        assert.match(String(d.code.target), /README\.md#/, 'codeDescription links to the README');
      }
    }
  },

  async 'hover on a determinant column shows keys and dependencies'() {
    const uri = fileUri('24_courses_3nf.sql');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc.getText().split('\n').findIndex((l) => /^\s+InstructorID/.test(l));
    const pos = new vscode.Position(line, doc.lineAt(line).firstNonWhitespaceCharacterIndex + 2);
    const text = await until('a normlint hover', async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
      const t = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /candidate key/i.test(t) && t;
    });
    assert.match(text, /InstrName/);
  },

  async 'the CREATE INDEX quick fix applies and the file saves'() {
    const uri = fileUri('09_ml_platform.sql');
    const doc = await vscode.workspace.openTextDocument(uri);
    const diag = normlintDiagnostics(uri).find((d) => ruleOf(d) === 'fk-missing-index');
    assert.ok(diag, 'an fk-missing-index diagnostic');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /create (unique )?index/i.test(a.title));
    assert.ok(fix && fix.edit, `a Create index action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applied');
    assert.ok(await doc.save(), 'saved');
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /CREATE\s+INDEX[^;]*\((created_by|model_id|tag_id)\)/i);
  },
};

exports.run = async function run() {
  const failures = [];
  for (const [name, fn] of Object.entries(checks)) {
    try {
      await fn();
      console.log(`PASS ${name}`);
    } catch (err) {
      failures.push(name);
      console.log(`FAIL ${name}: ${err && err.message}`);
    }
  }
  console.log(`${Object.keys(checks).length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
};
