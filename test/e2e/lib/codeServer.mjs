// Starts code-server (a real VS Code workbench) in its own process group on a free loopback port,
// with fresh extensions and user-data folders, and stops the whole group (it forks a file watcher,
// the extension host and our language server) at the end.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBin, codeServerEnv } from './env.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Installs the VSIX with code-server's own CLI; returns the installed extension ids. */
export function installExtension(vsix, extDir, userDataDir) {
  const args = ['--extensions-dir', extDir, '--user-data-dir', userDataDir];
  execFileSync(codeServerBin, [...args, '--install-extension', vsix], { env: codeServerEnv(), stdio: 'pipe', timeout: 120_000 });
  return execFileSync(codeServerBin, [...args, '--list-extensions', '--show-versions'], { env: codeServerEnv(), encoding: 'utf8', timeout: 60_000 })
    .split('\n').map((s) => s.trim()).filter(Boolean);
}

/** Settings that keep the workbench quiet and deterministic for the test. */
export function writeUserSettings(userDataDir) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'files.autoSave': 'off',
    // Pinned tabs: a preview tab would close the previous file and drop its (pulled) diagnostics.
    'workbench.editor.enablePreview': false,
    'editor.hover.delay': 300,
    'editor.minimap.enabled': false,
    'window.commandCenter': false,
    'problems.autoReveal': true,
  }, null, 2));
}

export async function startCodeServer({ extDir, userDataDir, workspaceDir, logFile }) {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(codeServerBin, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', extDir, '--user-data-dir', userDataDir, workspaceDir,
  ], { env: codeServerEnv(), detached: true, stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, port, child, stop: () => stopGroup(child) };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopGroup(child);
  throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
}

/** Kills code-server's whole process group (negative pid), TERM first, then KILL. */
export async function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const timer = new Promise((r) => setTimeout(r, 5000, 'timeout'));
  await Promise.race([gone, timer]);
  // Helpers (file watcher, extension host, language server) may outlive the main process.
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
}
