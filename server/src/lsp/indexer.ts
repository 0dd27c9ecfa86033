// Workspace indexing: every *.sql / *.ddl under a folder (node_modules and .git skipped), read from disk
// asynchronously so the server keeps answering while a large workspace is read.
import { readFile, stat } from 'node:fs/promises';
import { findSqlFiles as walkSqlFiles } from '../files/sqlFiles.ts';

export { SQL_FILE } from '../files/sqlFiles.ts';

export function findSqlFiles(root: string, log: (m: string) => void): Promise<string[]> {
  return walkSqlFiles(root, (dir, err) => log(`normlint: cannot list ${dir}: ${(err as Error).message}`));
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
