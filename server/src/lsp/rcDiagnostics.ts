// `.normlintrc.json` problems as diagnostics on the file itself, at the key each message names, so the person
// sees where to fix it (and no toast on every change). A message names its key as a quoted word ("dialect",
// rule "no-such-rule") or a JSON pointer (/rules/x); a syntax error gives a position; else line 1.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { computeLineStarts, rangeOf } from '../core/positions.ts';

/** Offsets of `"name"` written as a key (followed by `:`). */
function keyAt(text: string, name: string): { start: number; end: number } | undefined {
  const quoted = JSON.stringify(name);
  for (let i = text.indexOf(quoted); i >= 0; i = text.indexOf(quoted, i + 1)) {
    if (/^\s*:/.test(text.slice(i + quoted.length, i + quoted.length + 20))) return { start: i, end: i + quoted.length };
  }
  return undefined;
}

export function placeOf(text: string, message: string): { start: number; end: number } {
  const body = message.replace(/^[^:]*\.normlintrc\.json:\s*/, '');
  const names = [...body.matchAll(/"([^"\\]+)"/g)].map((m) => m[1]);
  const pointer = /(?:^|\s)(\/[\w./-]+)/.exec(body)?.[1]?.split('/').filter(Boolean) ?? [];
  // As written ("rule \"x\" in \"rules\"": the rule id first); a pointer from its last segment up.
  for (const n of [...names, ...pointer.slice().reverse()]) {
    const at = keyAt(text, n);
    if (at) return at;
  }
  const pos = /position (\d+)/i.exec(body);
  if (pos) { const o = Math.min(Number(pos[1]), text.length); return { start: o, end: Math.min(o + 1, text.length) }; }
  return { start: 0, end: 0 };
}

export function rcDiagnostics(text: string, problems: string[]): Diagnostic[] {
  const starts = computeLineStarts(text);
  return problems.map((m) => {
    const at = placeOf(text, m);
    return { range: rangeOf(starts, at), severity: DiagnosticSeverity.Error, source: 'normlint', message: m.replace(/^[^:]*\.normlintrc\.json:\s*/, '') };
  });
}
