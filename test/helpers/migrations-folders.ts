// The six real migration folders of ../shared/migrations: their files as sources and the config each
// needs (supabase-auth's Go template rendered as schema auth, as the expected catalog was made).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../../server/src/core/analyze.ts';
import type { MigrationsConfig } from '../../server/src/core/migrations/plan.ts';
import { sharedDir } from './cases.ts';
import type { Expected } from './migrations-compare.ts';

export const migrationsDir = join(sharedDir, 'migrations');
export const FOLDERS = ['atuin-pg', 'documenso', 'harness-pg', 'lemmy', 'supabase-auth', 'hawkbit-mysql'];
export const CONFIG: Record<string, MigrationsConfig> = {
  'supabase-auth': { placeholders: { '{{ index .Options "Namespace" }}': 'auth' } },
};

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.sql')) out.push(p);
  }
}

/** The .sql files of a folder of ../shared/migrations, or of any folder given by absolute path. */
export function folderSources(folder: string): SourceFile[] {
  const files: string[] = [];
  walk(folder.startsWith('/') ? folder : join(migrationsDir, folder), files);
  return files.sort().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

export function expectedOf(folder: string): Expected | undefined {
  try { return JSON.parse(readFileSync(join(migrationsDir, 'expected', `${folder}.json`), 'utf8')); } catch { return undefined; }
}
