// Developer aid (not run by CI): starts code-server with the built VSIX on a copy of a case, opens
// it, runs a snippet from argv[2] (a file exporting `default async (page, ctx) => …`), keeps
// screenshots in /tmp, and stops everything. Usage: node test/e2e/debug-session.mjs snippet.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { casesDir, chromiumPath, repoDir } from './lib/env.mjs';
import { installExtension, startCodeServer, writeUserSettings } from './lib/codeServer.mjs';
import { waitForWorkbench } from './lib/workbench.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'normlint-e2e-debug-'));
const ws = join(tmp, 'workspace');
mkdirSync(ws, { recursive: true });
for (const c of ['09_ml_platform.sql', '24_courses_3nf.sql']) copyFileSync(join(casesDir, c), join(ws, c));
writeUserSettings(join(tmp, 'ud'));
execFileSync('npx', ['vsce', 'package', '--no-dependencies', '-o', join(tmp, 'n.vsix')], { cwd: repoDir, stdio: 'pipe' });
installExtension(join(tmp, 'n.vsix'), join(tmp, 'ext'), join(tmp, 'ud'));
// NORMLINT_E2E_SERVER=path: run another server bundle in the installed copy (e.g. a stand-in while a feature lands).
if (process.env.NORMLINT_E2E_SERVER) {
  const dir = readdirSync(join(tmp, 'ext')).find((d) => d.startsWith('normlint.normlint-'));
  copyFileSync(process.env.NORMLINT_E2E_SERVER, join(tmp, 'ext', dir, 'dist', 'server.js'));
}
const server = await startCodeServer({ extDir: join(tmp, 'ext'), userDataDir: join(tmp, 'ud'), workspaceDir: ws, logFile: join(tmp, 'cs.log') });
const { chromium } = createRequire(import.meta.url)('playwright-core');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
  await waitForWorkbench(page);
  const snippet = await import(pathToFileURL(resolve(process.argv[2])).href);
  await snippet.default(page, { tmp, ws });
} finally {
  await browser.close();
  await server.stop();
  if (process.env.NORMLINT_E2E_KEEP === '1') console.log('temp:', tmp);
  else rmSync(tmp, { recursive: true, force: true });
}
