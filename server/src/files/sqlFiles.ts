// Which files of a folder are SQL (*.sql, *.ddl; node_modules and .git skipped), found the same way by the CLI
// (synchronously) and the language server's indexing (asynchronously, so it keeps answering). Sorted paths.
import { readdirSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const SQL_FILE = /\.(sql|ddl)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** One folder's entries: SQL files into `out`, sub-folders to walk next. */
function visit(dir: string, entries: Dirent[], out: string[]): string[] {
  const folders: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) folders.push(join(dir, e.name)); }
    else if (e.isFile() && SQL_FILE.test(e.name)) out.push(join(dir, e.name));
  }
  return folders;
}

export function findSqlFilesSync(root: string, onError: (dir: string, err: unknown) => void): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch (err) { onError(dir, err); return; }
    for (const d of visit(dir, entries, out)) walk(d);
  };
  walk(root);
  return out.sort();
}

export async function findSqlFiles(root: string, onError: (dir: string, err: unknown) => void): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try { entries = await readdir(dir, { withFileTypes: true }); } catch (err) { onError(dir, err); return; }
    for (const d of visit(dir, entries, out)) await walk(d);
  };
  await walk(root);
  return out.sort();
}
