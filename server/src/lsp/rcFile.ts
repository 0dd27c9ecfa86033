// `.normlintrc.json`: the same file and validation as the CLI (core/config.ts). As the CLI run from the
// folder finds it, the nearest one from the workspace folder upward applies.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../core/config.ts';
import type { Options } from '../core/options.ts';

export const RC_NAME = CONFIG_FILE_NAME;

export interface RcResult { path: string; options?: Partial<Options>; problems: string[]; exists: boolean; text: string }

export function findRc(folder: string): string | undefined {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const candidate = join(dir, RC_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function loadRc(folder: string): Promise<RcResult> {
  const path = findRc(folder) ?? join(folder, RC_NAME);
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch { return { path, problems: [], exists: false, text: '' }; }
  const r = parseConfig(text, path);
  return { path, exists: true, options: r.options, problems: r.errors, text };
}
