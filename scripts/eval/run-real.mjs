#!/usr/bin/env node
// Real-schema evaluation (issue 15): runs the built CLI over the public schema files listed in
// real-schemas.tsv, each taken at its pinned commit from a local snapshot, and prints a TSV that
// can be diffed between runs. Other projects' files never enter this repo: only their repo, commit
// and path are listed here; the files go to a temporary folder.
//
//   node scripts/eval/run-real.mjs [MIRROR_DIR] [--cli dist/cli.js] [--messages]
//   node scripts/eval/run-real.mjs --corpus ../shared/corpus      (the shared corpus, same output)
//   node scripts/eval/run-real.mjs … -- --config low.json         (extra arguments for `normlint check`)
//
// MIRROR_DIR (default /work/.mirror) holds one bare snapshot per repository at
// MIRROR_DIR/<owner>+<name>/repo (the layout of the search tool's `fetch github:<owner>/<name>`;
// a plain `git clone --bare https://github.com/<owner>/<name> MIRROR_DIR/<owner>+<name>/repo` works too).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = process.argv.slice(2);
// Everything after `--` goes to `normlint check` as is, e.g. `-- --config low.json` for minConfidence low.
const cliExtra = all.includes('--') ? all.slice(all.indexOf('--') + 1) : [];
const args = all.includes('--') ? all.slice(0, all.indexOf('--')) : all;
const flag = (name) => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const cli = resolve(flag('--cli') ?? join(here, '../../dist/cli.js'));
const corpus = flag('--corpus');
const withMessages = args.includes('--messages') && (args.splice(args.indexOf('--messages'), 1), true);
const mirror = resolve(args[0] ?? '/work/.mirror');

// The corpus is local: its MANIFEST.tsv names file and dialect first; no snapshot is needed.
const rows = corpus
  ? readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => { const [file, dialect] = line.split('\t'); return { label: file, local: resolve(corpus, file), dialect }; })
  : readFileSync(join(here, 'real-schemas.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => { const [repo, commit, path, dialect] = line.split('\t'); return { label: `${repo}:${path}`, repo, commit, path, dialect }; });

if (!existsSync(cli)) fail(`no built CLI at ${cli}: run \`npm run build\` first`);

// Check every snapshot before running anything, so one message lists all that are missing.
const gitDir = (repo) => join(mirror, repo.replace('/', '+'), 'repo');
const missing = rows.filter((r) => r.local ? !existsSync(r.local) : !hasObject(gitDir(r.repo), `${r.commit}:${r.path}`));
if (missing.length > 0) {
  fail(`missing ${missing.length} of ${rows.length} snapshot files under ${mirror}:\n` +
    missing.map((r) => `  ${r.local ?? `${r.repo} ${r.commit} ${r.path}`}`).join('\n') +
    `\nThis script cannot fetch. Get each repository with the search tool's \`fetch github:<owner>/<name>\`` +
    ` (it lands in ${mirror}/<owner>+<name>/repo), or with\n  git clone --bare https://github.com/<owner>/<name> ${mirror}/<owner>+<name>/repo` +
    `\nand make sure the listed commit is in it (git fetch origin <commit>).`);
}

const work = mkdtempSync(join(tmpdir(), 'normlint-real-'));
const perRule = new Map();
const lines = [];
try {
  for (const r of rows) {
    // A path ending in / is a folder (a migrations folder): checked as one project, as the CLI does.
    const folder = !r.local && r.path.endsWith('/');
    const file = r.local ?? join(work, `${r.repo.replace('/', '+')}--${basename(r.path).replace(/\.sql$/i, '')}${folder ? '' : '.sql'}`);
    if (folder) {
      mkdirSync(file, { recursive: true });
      const tar = execFileSync('git', ['--git-dir', gitDir(r.repo), 'archive', r.commit, r.path], { maxBuffer: 1 << 28 });
      execFileSync('tar', ['-x', '-C', file, '--strip-components', String(r.path.split('/').filter(Boolean).length)], { input: tar });
    } else if (!r.local) writeFileSync(file, execFileSync('git', ['--git-dir', gitDir(r.repo), 'show', `${r.commit}:${r.path}`], { maxBuffer: 1 << 28 }));
    const json = runCli(file, r.dialect);
    for (const f of json.findings) {
      const key = `${f.rule}\t${f.severity}`;
      perRule.set(key, (perRule.get(key) ?? 0) + 1);
      if (f.rule === 'fk-missing-index') continue;
      const sources = [...new Set((f.evidence ?? []).map((e) => e.source))].join(',');
      const label = folder ? `${r.label}${f.file.slice(file.length + 1)}` : r.label;
      const cells = [label, f.rule, f.severity, f.confidence ?? '', f.table ?? '',
        (f.columns ?? []).join(','), (f.determinant ?? []).join(','), sources];
      if (withMessages) cells.push(oneLine(f.message));
      lines.push(cells.join('\t'));
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`# ${rows.length} files (${corpus ? `corpus ${corpus}` : `snapshots in ${mirror}`}); cli ${cli}${cliExtra.length ? ` ${cliExtra.join(' ')}` : ''}`);
console.log('# rule\tseverity\tcount');
for (const [key, n] of [...perRule].sort()) console.log(`# ${key}\t${n}`);
console.log(['file', 'rule', 'severity', 'confidence', 'table', 'columns', 'determinant', 'sources', ...(withMessages ? ['message'] : [])].join('\t'));
for (const line of lines.sort()) console.log(line);

function runCli(file, dialect) {
  // Exit code 1 means "findings"; only 2 (usage/read error) or a crash is a failure.
  let out;
  try {
    out = execFileSync(process.execPath, [cli, 'check', '--format', 'json', '--dialect', dialect, ...cliExtra, file], { maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status !== 1) fail(`normlint failed on ${file} (exit ${e.status}):\n${e.stderr}`);
    out = e.stdout;
  }
  return JSON.parse(out.toString());
}

function hasObject(dir, spec) {
  if (!existsSync(dir)) return false;
  try { execFileSync('git', ['--git-dir', dir, 'cat-file', '-e', spec], { stdio: 'ignore' }); return true; } catch { return false; }
}

function oneLine(s) { return String(s ?? '').replace(/\s+/g, ' '); }
function fail(message) { console.error(`run-real: ${message}`); process.exit(2); }
