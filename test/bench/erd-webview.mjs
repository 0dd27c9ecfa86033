// ER diagram in the browser (issue 12, "renders in ≤ 2 s in the webview"): the webview's own script and
// stylesheet (dist/erd-webview.*) in Debian's Chromium (playwright-core), given the server's answer for
// musicbrainz (with its commented references as FKs) and adventureworks: time from the message to the
// SVG laid out and painted (two animation frames), whole schema and a neighbourhood. Skips with a message
// when Chromium or the bundle is missing. The answer is built by the core as the server builds it.
// Usage: node test/bench/erd-webview.mjs   (after npm run build)
import { build } from 'esbuild';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '../..');
const corpus = resolve(repo, '../shared/corpus/postgresql');
const chromium = (() => { try { return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim(); } catch { return ''; } })();
if (!chromium || !existsSync(join(repo, 'dist/erd-webview.js'))) {
  console.log(`skipped: ${chromium ? 'dist/erd-webview.js missing (npm run build)' : 'no chromium (apt-get install chromium)'}`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'normlint-bench-erdweb-'));
const core = join(repo, 'server/src/core');
writeFileSync(join(dir, 'entry.ts'), `
export { analyzeSources } from ${JSON.stringify(join(core, 'analyze.ts'))};
export { defaultOptions } from ${JSON.stringify(join(core, 'options.ts'))};
export { buildDiagram, neighbourhood } from ${JSON.stringify(join(core, 'erd/model.ts'))};
export { toSvg } from ${JSON.stringify(join(core, 'erd/svg.ts'))};
`);
await build({ entryPoints: [join(dir, 'entry.ts')], outfile: join(dir, 'core.mjs'), bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
const m = await import(pathToFileURL(join(dir, 'core.mjs')).href);

const musicbrainz = readFileSync(join(corpus, 'musicbrainz.sql'), 'utf8')
  .replace(/^(\s+\w+\s+[^,\n-]+?)(,?)([ \t]*--\s*references\s+(\w+)\.(\w+))/gim, '$1 REFERENCES $4($5)$2$3');
const answers = [];
for (const [name, text, centre] of [['musicbrainz+fk', musicbrainz, 'artist'], ['adventureworks', readFileSync(join(corpus, 'adventureworks.sql'), 'utf8'), 'product']]) {
  const res = m.analyzeSources([{ file: `${name}.sql`, text }], m.defaultOptions);
  const all = m.buildDiagram(res.workspace, res.findings);
  const answer = (d, scope) => ({ scope, depth: 1, tables: all.entities.map((e) => e.name), svg: m.toSvg(d), relationships: d.relationships.length,
    entities: d.entities.map((e) => ({ id: e.id, name: e.name, uri: '', range: null, columns: [] })), ...(scope === 'table' ? { centre } : {}) });
  answers.push([`${name} whole (${all.entities.length} tables)`, answer(all, 'workspace')]);
  const n = m.neighbourhood(all, centre, 1);
  answers.push([`${name} ${centre} + 1 hop (${n.entities.length} tables)`, answer(n, 'table')]);
}

// The webview page as the extension writes it, with a stand-in for VS Code's acquireVsCodeApi.
const page = `<!DOCTYPE html><html><head><meta charset="UTF-8"><link rel="stylesheet" href="${pathToFileURL(join(repo, 'dist/erd-webview.css'))}"></head><body>
<div id="toolbar"><select id="scope"><option value="workspace">w</option><option value="file">f</option><option value="table">t</option></select>
<input id="table" list="tables"><datalist id="tables"></datalist><input id="depth" type="number"><button id="fit">Fit</button><span id="info"></span></div>
<div id="canvas"></div>
<script>window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });</script>
<script src="${pathToFileURL(join(repo, 'dist/erd-webview.js'))}"></script></body></html>`;
writeFileSync(join(dir, 'page.html'), page);
const { chromium: pw } = createRequire(import.meta.url)('playwright-core');
const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await tab.goto(pathToFileURL(join(dir, 'page.html')).href);
  console.log('ER diagram webview in Chromium: message → SVG shown and painted (median of 3)');
  for (const [label, answer] of answers) {
    const ts = [];
    for (let k = 0; k < 3; k++) {
      ts.push(await tab.evaluate(async (diagram) => {
        document.getElementById('canvas').innerHTML = '';   // so the wait below sees this message's tables
        const t = performance.now();
        window.postMessage({ type: 'diagram', diagram }, '*');
        await new Promise((r) => { const wait = () => (document.querySelectorAll('.erd-entity').length === diagram.entities.length ? requestAnimationFrame(() => requestAnimationFrame(r)) : setTimeout(wait, 1)); wait(); });
        return performance.now() - t;
      }, answer));
    }
    ts.sort((a, b) => a - b);
    console.log(`  ${label.padEnd(48)} ${ts[1].toFixed(0)} ms (max ${ts[2].toFixed(0)}), SVG ${(answer.svg.length / 1024).toFixed(0)} KB`);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
