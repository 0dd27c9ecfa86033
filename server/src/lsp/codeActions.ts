// Code actions: each finding's fixes as one versioned WorkspaceEdit, "Disable <rule> for this line", and
// "Show documentation". The edits are the core's Fix data, translated.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit, type TextDocumentEdit, type CreateFile } from 'vscode-languageserver/node';
import type { Finding, Fix, TextEdit } from '../core/findings.ts';
import { docsUrl } from './diagnostics.ts';

export const SHOW_DOCS_COMMAND = 'normlint.showDocumentation';

/** Open files' versions, so edits of open documents are versioned and a stale edit is refused by the editor. */
export type VersionOf = (file: string) => number | null;

export function fixToWorkspaceEdit(edits: TextEdit[], uriOf: (f: string) => string, versionOf: VersionOf, annotation?: string): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    if (e.createFile) {
      const uri = uriOf(e.file);
      documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true }, ...(annotation ? { annotationId: annotation } : {}) });
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: e.newText, ...(annotation ? { annotationId: annotation } : {}) }] });
      continue;
    }
    let l = byFile.get(e.file);
    if (!l) byFile.set(e.file, (l = []));
    l.push(e);
  }
  for (const [file, list] of byFile) {
    documentChanges.unshift({
      textDocument: { uri: uriOf(file), version: versionOf(file) },
      edits: list.map((e) => ({ range: e.range, newText: e.newText, ...(annotation ? { annotationId: annotation } : {}) })),
    });
  }
  const edit: WorkspaceEdit = { documentChanges };
  if (annotation) edit.changeAnnotations = { [annotation]: { label: annotation, needsConfirmation: false, description: 'normlint rewrites the table (shown as a diff before it is applied).' } };
  return edit;
}

export const rangesOverlap = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character)
    || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export interface ActionInput {
  uri: string;
  file: string;
  text: string;
  range: Range;
  findings: Finding[];
  diagnostics: Diagnostic[];
  toDiagnostic(f: Finding): Diagnostic;
  uriOf(f: string): string;
  versionOf: VersionOf;
  only?: string[];
}

/**
 * VS Code's convention: safe local edits (CREATE INDEX, a disable comment) are `quickfix`, the index one
 * preferred (Ctrl+. / Auto Fix apply it); rewrites that create tables or drop columns are `refactor.rewrite`
 * and never preferred. "Fix all" (source.fixAll.normlint, and a quick fix when several apply) gathers only
 * the safe fixes of the file.
 */
export function codeActions(input: ActionInput): CodeAction[] {
  const out: CodeAction[] = [];
  const wants = (kind: string) => !input.only || input.only.some((k) => kind === k || kind.startsWith(k + '.'));
  const hit = input.findings.filter((f) => rangesOverlap(f.range, input.range));
  for (const f of hit) {
    const diag = input.toDiagnostic(f);
    for (const fix of f.fixes) {
      const kind = isSafe(fix) ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
      if (wants(kind)) out.push(fixAction(fix, kind, diag, input));
    }
    for (const d of declinedOf(f)) {
      if (wants(CodeActionKind.RefactorRewrite)) out.push({ title: d.title, kind: CodeActionKind.RefactorRewrite, diagnostics: [diag], disabled: { reason: d.reason } });
    }
    if (wants(CodeActionKind.QuickFix)) {
      out.push(disableAction(f, diag, input));
      out.push({ title: `Show documentation for ${f.rule}`, kind: CodeActionKind.QuickFix, diagnostics: [diag], command: { title: `Show documentation for ${f.rule}`, command: SHOW_DOCS_COMMAND, arguments: [f.rule, docsUrl(f.rule)] } });
    }
  }
  const safe = input.findings.flatMap((f) => f.fixes.filter(isSafe).slice(0, 1).map((fix) => ({ f, fix })));
  const fixAll = (kind: string): CodeAction => ({
    title: `Fix all safe normlint problems in this file (${safe.length})`, kind,
    diagnostics: safe.map((s) => input.toDiagnostic(s.f)),
    edit: fixToWorkspaceEdit(safe.flatMap((s) => s.fix.edits), input.uriOf, input.versionOf),
  });
  if (safe.length && input.only?.some((k) => FIX_ALL.startsWith(k) || k === FIX_ALL)) out.push(fixAll(FIX_ALL));
  else if (safe.length > 1 && hit.some((f) => f.fixes.some(isSafe)) && wants(CodeActionKind.QuickFix)) out.push(fixAll(CodeActionKind.QuickFix));
  return out;
}

export const FIX_ALL = 'source.fixAll.normlint';

/** Safe: the core marks it a quick fix (a local addition such as CREATE INDEX), not a rewrite. */
export const isSafe = (fix: Fix) => fix.kind === 'quickfix';

/** Fixes the core declined to offer, with its reason (read when the core provides them; none otherwise). */
function declinedOf(f: Finding): { title: string; reason: string }[] {
  const d = (f as Finding & { declinedFixes?: { title: string; reason: string }[] }).declinedFixes;
  return Array.isArray(d) ? d : [];
}

function fixAction(fix: Fix, kind: string, diag: Diagnostic, input: ActionInput): CodeAction {
  return {
    title: fix.title, kind, diagnostics: [diag], isPreferred: kind === CodeActionKind.QuickFix && !!fix.isPreferred,
    edit: fixToWorkspaceEdit(fix.edits, input.uriOf, input.versionOf),
  };
}

/** `-- normlint-disable-line <rule>` at the end of the line, or a next-line comment above it when the line has a comment already. */
function disableAction(f: Finding, diag: Diagnostic, input: ActionInput): CodeAction {
  const line = f.range.start.line;
  const lines = lineBounds(input.text, line);
  const lineText = input.text.slice(lines.start, lines.end);
  let range: Range, newText: string;
  if (!lineText.includes('--') && !lineText.includes('/*') && !lineText.includes('*/')) {
    const trimmedEnd = lineText.replace(/\s+$/, '').length;
    const at = { line, character: trimmedEnd };
    range = { start: at, end: { line, character: lineText.length } };
    newText = ` -- normlint-disable-line ${f.rule}`;
  } else {
    const indent = /^[ \t]*/.exec(lineText)![0];
    range = { start: { line, character: 0 }, end: { line, character: 0 } };
    newText = `${indent}-- normlint-disable-next-line ${f.rule}${input.text.includes('\r\n') ? '\r\n' : '\n'}`;
  }
  return {
    title: `Disable ${f.rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diag],
    edit: { documentChanges: [{ textDocument: { uri: input.uri, version: input.versionOf(input.file) }, edits: [{ range, newText }] }] },
  };
}

function lineBounds(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const n = text.indexOf('\n', start);
    if (n < 0) return { start: text.length, end: text.length };
    start = n + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}
