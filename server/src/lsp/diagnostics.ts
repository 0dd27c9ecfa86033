// Finding → LSP Diagnostic. Translation only: messages, ranges and fixes come from the core as they are.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/findings.ts';
import { fileToUri } from './uri.ts';

export const DOCS_BASE = 'https://github.com/normlint/normlint/blob/main/README.md';
export const docsUrl = (rule: string) => `${DOCS_BASE}#${rule}`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action request gets back in `diagnostic.data`, to find the finding again. */
export interface DiagnosticData { rule: string; table: string; version: number | null }

export function toDiagnostic(f: Finding, uriOf: (file: string) => string, version: number | null): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message }));
  // Evidence with a place is shown too, unless the rule already listed it among its related places.
  const seen = new Set(related.map(relatedKey));
  for (const e of f.evidence) {
    if (!e.range) continue;
    const r = { location: { uri: uriOf(e.file ?? f.file), range: e.range }, message: `${e.source}: ${e.detail}` };
    if (!seen.has(relatedKey(r))) { seen.add(relatedKey(r)); related.push(r); }
  }
  const data: DiagnosticData = { rule: f.rule, table: f.table, version };
  return {
    range: f.range,
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    source: 'normlint',
    code: f.rule,
    codeDescription: { href: docsUrl(f.rule) },
    message: f.message,
    ...(related.length ? { relatedInformation: related } : {}),
    data,
  };
}

/** A file-level problem (unreadable file, analysis failure) as a diagnostic on the first line. */
export function problemDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error, source: 'normlint', code: 'unreadable-statement',
    codeDescription: { href: docsUrl('unreadable-statement') }, message,
  };
}

export const defaultUriOf = fileToUri;

function relatedKey(r: DiagnosticRelatedInformation): string {
  const { start, end } = r.location.range;
  return `${r.location.uri}:${start.line}:${start.character}-${end.line}:${end.character}:${r.message}`;
}
