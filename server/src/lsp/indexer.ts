// Workspace indexing: every *.sql / *.ddl under a folder (node_modules and .git skipped), read from disk
// asynchronously so the server keeps answering while a large workspace is read.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const SQL_FILE = /\.(sql|ddl)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

export async function findSqlFiles(root: string, log: (m: string) => void): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try { entries = await readdir(dir, { withFileTypes: true }); } catch (err) { log(`normlint: cannot list ${dir}: ${(err as Error).message}`); return; }
    for (const e of entries) {
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) await walk(join(dir, e.name)); }
      else if (e.isFile() && SQL_FILE.test(e.name)) out.push(join(dir, e.name));
    }
  };
  await walk(root);
  return out.sort();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

export interface DiskText { text: string; problem?: string }

/** Reads a file as UTF-8; invalid UTF-8 is decoded with replacement characters and reported. */
export async function readSqlFile(path: string): Promise<DiskText> {
  const buf = await readFile(path);
  try {
    return { text: utf8.decode(buf) };
  } catch {
    return { text: lossy.decode(buf), problem: 'the file is not valid UTF-8; invalid bytes were replaced with U+FFFD' };
  }
}

export async function isFile(path: string): Promise<boolean> {
  try { return (await stat(path)).isFile(); } catch { return false; }
}

/** Lets queued messages (edits, cancellations) run between chunks of indexing. */
export const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
