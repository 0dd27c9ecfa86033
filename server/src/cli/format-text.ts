// `check --format text`: one line per finding, 1-based line:column for humans and editors.
import type { Finding } from '../core/findings.ts';

/** `unread`: paths that could not be read (reported on stderr): the summary says so rather than "no problems". */
export function checkText(findings: Finding[], fileCount: number, unread = 0): string {
  const lines = findings.map((f) =>
    `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`
    + (f.fixes.length ? ` (fix: ${f.fixes[0].title})` : ''));
  const n = findings.length;
  lines.push(n === 0 ? `normlint: no problems in ${fileCount} file${fileCount === 1 ? '' : 's'}`
    : `normlint: ${n} problem${n === 1 ? '' : 's'} in ${new Set(findings.map((f) => f.file)).size} of ${fileCount} file${fileCount === 1 ? '' : 's'}`);
  if (unread) lines[lines.length - 1] += ` (${unread} path${unread === 1 ? '' : 's'} could not be read)`;
  return lines.join('\n');
}
