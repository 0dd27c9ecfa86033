// What hover, the dependencies request and the code lens say about a table: candidate keys, dependencies
// with their evidence, normal form. Read from the core's TableAnalysis; nothing is re-derived here.
import type { Finding } from '../core/findings.ts';
import type { Column, FileModel, Table } from '../core/model.ts';
import type { TableAnalysis } from '../core/fd/types.ts';

export interface DependencyInfo {
  determinant: string[];
  dependents: string[];
  sources: { source: string; detail: string }[];
}

export interface DependenciesResult {
  table: string;
  candidateKeys: string[][];
  dependencies: DependencyInfo[];
  normalForm: string;
  markdown: string;
}

/** The table whose statement contains `offset` (the last one when statements nest or touch). */
export function tableAt(model: FileModel, tables: Table[], offset: number): Table | undefined {
  let best: Table | undefined;
  for (const t of tables) {
    if (t.file !== model.file) continue;
    if (t.span.start <= offset && offset <= t.span.end && (!best || t.span.start >= best.span.start)) best = t;
  }
  return best;
}

export function columnAt(t: Table, offset: number): Column | undefined {
  return t.columns.find((c) => c.nameSpan.start <= offset && offset <= c.nameSpan.end);
}

const cols = (c: string[]) => c.map((x) => `\`${x}\``).join(', ');
const key = (k: string[]) => `(${k.join(', ')})`;

export function dependenciesOf(t: Table, a: TableAnalysis): DependencyInfo[] {
  return a.dependencies.map((d) => ({ determinant: d.determinant, dependents: d.dependents, sources: d.sources.map((s) => ({ source: s.source, detail: s.detail })) }));
}

export function tableMarkdown(t: Table, a: TableAnalysis, findings: Finding[], column?: Column): string {
  const name = t.schema ? `${t.schema}.${t.name}` : t.name;
  const lines: string[] = [];
  if (column) {
    lines.push(`**column** \`${name}.${column.name}\`${column.type ? ` ${column.type}` : ''}${column.nullable ? '' : ' NOT NULL'}`, '');
    const prime = a.primeAttributes.some((p) => p.toLowerCase() === column.name.toLowerCase());
    lines.push(prime ? 'Part of a candidate key.' : 'Not part of any candidate key.');
    const by = a.dependencies.filter((d) => d.dependents.some((x) => x.toLowerCase() === column.name.toLowerCase()));
    if (by.length) {
      lines.push('', 'Determined by:');
      for (const d of by) lines.push(`- ${key(d.determinant)} → \`${column.name}\` — ${d.sources.map((s) => `${s.source}: ${s.detail}`).join('; ')}`);
    }
    lines.push('', '---', '');
  }
  lines.push(`**table** \`${name}\` — normal form: **${a.normalForm}**${a.truncated ? ' (key search cut short)' : ''}`, '');
  lines.push(a.candidateKeys.length ? `Candidate keys: ${a.candidateKeys.map((k) => `\`${key(k)}\``).join(', ')}` : 'Candidate keys: none known (no PRIMARY KEY, UNIQUE or @key)');
  if (a.dependencies.length) {
    lines.push('', 'Dependencies:');
    for (const d of a.dependencies) {
      lines.push(`- ${cols(d.determinant)} → ${cols(d.dependents)}`);
      for (const s of d.sources) lines.push(`  - ${s.source}: ${s.detail}`);
    }
  }
  const own = findings.filter((f) => f.table.toLowerCase() === t.name.toLowerCase());
  if (own.length) {
    lines.push('', `Findings (${own.length}):`);
    for (const f of own) lines.push(`- \`${f.rule}\`: ${f.message}`);
  }
  if (t.notes.length) lines.push('', ...t.notes.map((n) => `_${n}_`));
  return lines.join('\n');
}
