#!/usr/bin/env node
// Desktop VS Code suite (@vscode/test-electron): runs suite/index.cjs inside a real desktop VS Code
// with this repo as the extension under development. It needs a VS Code build: VSCODE_EXECUTABLE
// (a local install) or a download from update.code.visualstudio.com. Where neither is possible (as
// on the offline CI machines, which use the code-server test in ../run.mjs instead) it SKIPS with a
// clear message and exit code 0; any other failure is a failure.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cacheDir, casesDir, repoDir } from '../lib/env.mjs';

const CASES = ['09_ml_platform.sql', '24_courses_3nf.sql'];

async function vscodeExecutable() {
  if (process.env.VSCODE_EXECUTABLE) {
    if (!existsSync(process.env.VSCODE_EXECUTABLE)) throw new Error(`VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE} does not exist`);
    return process.env.VSCODE_EXECUTABLE;
  }
  try {
    // Cached outside the repo, next to the code-server install.
    return await downloadAndUnzipVSCode({ cachePath: join(cacheDir, 'vscode-test'), timeout: 20_000 });
  } catch (err) {
    return { skip: `cannot download VS Code (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
}

const exe = await vscodeExecutable();
if (typeof exe !== 'string') {
  console.log(`SKIP desktop VS Code suite: ${exe.skip}. It runs where VS Code can be downloaded, or with VSCODE_EXECUTABLE=/path/to/code. The editor test for this machine is test/e2e/run.mjs (code-server).`);
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}

execFileSync(process.execPath, ['esbuild.mjs', '--only=client,server'], { cwd: repoDir, stdio: 'inherit' });
const tmp = mkdtempSync(join(tmpdir(), 'normlint-electron-'));
const workspace = join(tmp, 'workspace');
mkdirSync(workspace);
for (const c of CASES) copyFileSync(join(casesDir, c), join(workspace, c));
try {
  await runTests({
    vscodeExecutablePath: exe,
    extensionDevelopmentPath: repoDir,
    extensionTestsPath: join(repoDir, 'test', 'e2e', 'electron', 'suite', 'index.cjs'),
    extensionTestsEnv: { NORMLINT_CASES_DIR: casesDir },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions')],
  });
  console.log('desktop VS Code suite passed');
} catch (err) {
  console.error(`desktop VS Code suite failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
