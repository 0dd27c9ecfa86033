// Input files: paths as given, folders searched recursively for *.sql and *.ddl (sorted). Read errors are
// collected (the other files are still checked) and reported by the caller.
import { readFileSync, statSync } from 'node:fs';
import type { SourceFile } from '../core/analyze.ts';
import { findSqlFilesSync } from '../files/sqlFiles.ts';

export interface Inputs { sources: SourceFile[]; errors: string[] }

export function collectInputs(paths: string[]): Inputs {
  const sources: SourceFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (err) { errors.push(`cannot read ${file}: ${reason(err)}`); return; }
    // a NUL byte near the start: a binary file (a SQLite database, an archive), not SQL text
    if (text.slice(0, 8192).includes('\u0000')) { errors.push(`cannot read ${file}: not a text file (binary content)`); return; }
    sources.push({ file, text });
  };
  for (const p of paths) {
    let isDir: boolean;
    try { isDir = statSync(p).isDirectory(); } catch (err) { errors.push(`cannot read ${p}: ${reason(err)}`); continue; }
    if (!isDir) { add(p); continue; }
    const found = findSqlFilesSync(p, (dir, err) => errors.push(`cannot read folder ${dir}: ${reason(err)}`));
    if (found.length === 0) errors.push(`no .sql or .ddl files found under ${p}`);
    for (const f of found) add(f);
  }
  return { sources, errors };
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(err);
}
