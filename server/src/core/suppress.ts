// normlint-disable comments: -line, -next-line, and disable … enable blocks. No rule ids = all rules.
import type { Finding } from './findings.ts';
import type { FileModel } from './model.ts';

export function isSuppressed(fm: FileModel, f: Finding): boolean {
  const line = f.range.start.line;
  const hits = (rules: string[]) => rules.length === 0 || rules.includes(f.rule);
  let blocked = false;
  for (const s of fm.suppressions) {
    if (s.kind === 'line' && s.line === line && hits(s.rules)) return true;
    if (s.kind === 'next-line' && s.line + 1 === line && hits(s.rules)) return true;
    if (s.line > line) continue;
    // disable/enable blocks are in file order: the last one before the finding decides.
    if (s.kind === 'disable' && hits(s.rules)) blocked = true;
    else if (s.kind === 'enable' && hits(s.rules)) blocked = false;
  }
  return blocked;
}
