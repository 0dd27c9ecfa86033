// Workspace indexing: every *.sql / *.ddl under a folder (node_modules and .git skipped), read from disk
// asynchronously so the server keeps answering while a large workspace is read.
import { readFile, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { findSqlFiles as walkSqlFiles } from '../files/sqlFiles.ts';

export { SQL_FILE } from '../files/sqlFiles.ts';

export function findSqlFiles(root: string, log: (m: string) => void): Promise<string[]> {
  return walkSqlFiles(root, (dir, err) => log(`normlint: cannot list ${dir}: ${(err as Error).message}`));
}

export interface DiskText { text: string; problem?: string }

/** Bytes decoded per loop turn: decoding 17 MB in one call blocks the server for ~100 ms. */
const DECODE_STEP = 1 << 20;

/** Reads a file as UTF-8; invalid UTF-8 is decoded with replacement characters and reported. */
export async function readSqlFile(path: string): Promise<DiskText> {
  const buf = await readFile(path);
  // one streaming decoder: sequences cut between steps and a BOM only at the start are handled as in one call
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  for (let at = 0; at < buf.length; at += DECODE_STEP) {
    if (at > 0) await yieldToLoop();
    parts.push(decoder.decode(buf.subarray(at, at + DECODE_STEP), { stream: true }));
  }
  parts.push(decoder.decode());
  const text = parts.join('');
  return isUtf8(buf) ? { text } : { text, problem: 'the file is not valid UTF-8; invalid bytes were replaced with U+FFFD' };
}

export async function isFile(path: string): Promise<boolean> {
  try { return (await stat(path)).isFile(); } catch { return false; }
}

/** Lets queued messages (edits, cancellations) run between chunks of indexing. */
export const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
