// Finds and loads .normlintrc.json: --config FILE, else the nearest one from the current folder upward.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../core/config.ts';
import type { Options } from '../core/options.ts';

export function loadConfig(explicit: string | undefined, cwd = process.cwd()): { options: Partial<Options>; errors: string[]; path?: string } {
  let path = explicit;
  if (!path) {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      const candidate = join(dir, CONFIG_FILE_NAME);
      if (existsSync(candidate)) { path = candidate; break; }
      if (dirname(dir) === dir) break;
    }
  }
  if (!path) return { options: {}, errors: [] };
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (err) {
    return { options: {}, errors: [`cannot read config ${path}: ${(err as Error).message}`], path };
  }
  return { ...parseConfig(text, path), path };
}
