// One file's diagnostics: file-level problems, the reader's notice, the engine's findings (translated by
// diagnostics.ts). A statement still being typed (it holds the latest edit and has no terminating `;`) is
// not reported as unreadable: "no column list yet" while typing `CREATE TABLE name` is noise.
import type { Diagnostic } from 'vscode-languageserver/node';
import { rangeOf } from '../core/positions.ts';
import type { Finding } from '../core/findings.ts';
import type { ServerContext } from './context.ts';
import { toDiagnostic, problemDiagnostic } from './diagnostics.ts';

export function beingTyped(f: Finding, text: string, lastEdit: number | undefined): boolean {
  if (f.rule !== 'unreadable-statement' || lastEdit === undefined) return false;
  if (lastEdit < f.span.start || lastEdit > f.span.end + 1) return false;
  const terminated = /;\s*$/.test(text.slice(f.span.start, f.span.end)) || /^\s*;/.test(text.slice(f.span.end, f.span.end + 200));
  return !terminated;
}

export function findingsShown(ctx: ServerContext, file: string): Finding[] {
  const engine = ctx.projects.forFile(file).engine;
  const text = engine.files.get(file)?.text ?? '';
  const at = ctx.documentsByFile.has(file) ? ctx.lastEdit.get(file) : undefined;
  return engine.findingsOf(file).filter((f) => !beingTyped(f, text, at));
}

export function diagnosticsOf(ctx: ServerContext, file: string): Diagnostic[] {
  const engine = ctx.projects.forFile(file).engine;
  const entry = engine.files.get(file);
  const out: Diagnostic[] = [];
  if (entry?.problem) out.push(problemDiagnostic(entry.problem));
  else if (entry?.notice) {
    const at = rangeOf(entry.model.lineStarts, { start: entry.notice.offset, end: entry.notice.offset + 1 });
    out.push({ ...problemDiagnostic(entry.notice.message), range: at, severity: 2 });
  }
  if (engine.failure) out.push(problemDiagnostic(engine.failure));
  const version = ctx.versionOf(file);
  for (const f of findingsShown(ctx, file)) out.push(toDiagnostic(f, ctx.uriOf, version));
  return out;
}

/** Changes whenever something diagnosticsOf shows changes (findings, file problems, what is hidden while typing). */
export function shownKey(ctx: ServerContext, file: string): string {
  const engine = ctx.projects.forFile(file).engine;
  const entry = engine.files.get(file);
  const hidden = engine.findingsOf(file).length - findingsShown(ctx, file).length;
  return `${engine.resultIdOf(file)}:${hash(`${entry?.problem ?? ''}|${entry?.notice?.offset ?? ''}|${engine.failure ?? ''}|${hidden}`)}`;
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
