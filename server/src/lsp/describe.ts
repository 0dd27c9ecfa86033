// What hover, the dependencies request and the code lens say about a table: candidate keys, dependencies
// with their evidence, normal form. Read from the core's TableAnalysis and the model; nothing is re-derived.
// A hover is one concise card: the column's (with its foreign-key facts) on a column, the table's on its
// name. The findings themselves are not repeated: the squiggle's own hover and Problems show them.
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
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const nameOf = (t: Table) => (t.schema ? `${t.schema}.${t.name}` : t.name);

export function dependenciesOf(t: Table, a: TableAnalysis): DependencyInfo[] {
  return a.dependencies.map((d) => ({ determinant: d.determinant, dependents: d.dependents, sources: d.sources.map((s) => ({ source: s.source, detail: s.detail })) }));
}

/** A PRIMARY KEY, a UNIQUE constraint or an `@key` annotation. Without one, "the key" is the whole row. */
export const keyDeclared = (t: Table) => !!t.primaryKey || t.uniqueKeys.length > 0 || t.annotations.some((x) => x.kind === 'key');

export const NO_KEY = 'no key declared';
const NO_KEY_MEANING = 'no PRIMARY KEY, UNIQUE or `-- @key`: nothing stops duplicate rows, and normal forms are judged against the whole row as the key';

/** "BCNF", "3NF", … or "no key declared" (a normal form of a table without any key says little). */
export function normalFormLabel(t: Table, a: TableAnalysis): string {
  return keyDeclared(t) || a.normalForm === 'UNF' ? a.normalForm : NO_KEY;
}

export function columnMarkdown(t: Table, a: TableAnalysis, column: Column, tables: Table[]): string {
  const c = column.name;
  const lines = [`**column** \`${nameOf(t)}.${c}\`${column.type ? ` ${column.type}` : ''}${column.nullable ? '' : ' NOT NULL'}`, ''];
  const inKeys = a.candidateKeys.filter((k) => k.some((x) => same(x, c)));
  if (!keyDeclared(t)) lines.push(`Table has ${NO_KEY}.`);
  else lines.push(inKeys.length ? `Part of candidate key ${inKeys.map((k) => `\`${key(k)}\``).join(', ')}.` : 'Not part of any candidate key.');
  for (const fk of t.foreignKeys) {
    const i = fk.columns.findIndex((x) => same(x, c));
    if (i < 0) continue;
    const target = tables.find((x) => same(x.name, fk.references.table) && (!fk.references.schema || !x.schema || same(x.schema, fk.references.schema)));
    const refCol = fk.references.columns[i];
    lines.push(`- references \`${fk.references.table}${refCol ? `.${refCol}` : ''}\`${target ? '' : ' (table not in the workspace)'}${fk.columns.length > 1 ? ` as part of ${key(fk.columns)}` : ''}`);
  }
  const determines = a.dependencies.filter((d) => d.determinant.some((x) => same(x, c)) && !d.sources.every((s) => s.source === 'key'));
  for (const d of determines) lines.push(`- determines ${cols(d.dependents)}${d.determinant.length > 1 ? ` together with ${cols(d.determinant.filter((x) => !same(x, c)))}` : ''} (${sourcesOf(d.sources)})`);
  const by = a.dependencies.filter((d) => d.dependents.some((x) => same(x, c)) && !d.sources.every((s) => s.source === 'key'));
  for (const d of by) lines.push(`- determined by ${cols(d.determinant)} (${sourcesOf(d.sources)})`);
  return lines.join('\n');
}

const sourcesOf = (s: { source: string }[]) => [...new Set(s.map((x) => x.source))].join(', ');

/** The table card: normal form (or "no key declared" and what it means), keys, dependencies, findings by rule. */
export function tableMarkdown(t: Table, a: TableAnalysis, findings: Finding[]): string {
  const label = normalFormLabel(t, a);
  const lines = [`**table** \`${nameOf(t)}\` — ${label === NO_KEY ? `**${NO_KEY}**: ${NO_KEY_MEANING}` : `normal form **${label}**`}${a.truncated ? ' (key search cut short)' : ''}`, ''];
  if (keyDeclared(t)) lines.push(`Candidate keys: ${a.candidateKeys.map((k) => `\`${key(k)}\``).join(', ')}`);
  const deps = a.dependencies.filter((d) => !d.sources.every((s) => s.source === 'key'));
  if (deps.length) {
    lines.push('', 'Dependencies:');
    for (const d of deps) lines.push(`- ${cols(d.determinant)} → ${cols(d.dependents)} (${sourcesOf(d.sources)})`);
  }
  const own = findings.filter((f) => same(f.table, t.name));
  if (own.length) {
    const byRule = new Map<string, number>();
    for (const f of own) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    lines.push('', `Findings: ${[...byRule].map(([r, n]) => `${n} × \`${r}\``).join(', ')}`);
  }
  if (t.notes.length) lines.push('', ...t.notes.map((n) => `_${n}_`));
  return lines.join('\n');
}

/** The long report of "Show dependencies": every dependency with each piece of evidence. */
export function reportMarkdown(t: Table, a: TableAnalysis, findings: Finding[]): string {
  const lines = [tableMarkdown(t, a, findings)];
  if (a.dependencies.length) {
    lines.push('', '### Evidence');
    for (const d of a.dependencies) {
      lines.push(`- ${cols(d.determinant)} → ${cols(d.dependents)}`);
      for (const s of d.sources) lines.push(`  - ${s.source}: ${s.detail}`);
    }
  }
  const own = findings.filter((f) => same(f.table, t.name));
  if (own.length) {
    lines.push('', '### Findings');
    for (const f of own) lines.push(`- \`${f.rule}\`: ${f.message}`);
  }
  return lines.join('\n');
}
