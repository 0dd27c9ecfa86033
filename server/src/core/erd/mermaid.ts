// Mermaid `erDiagram` text (renders on GitHub and in Markdown previews). Names Mermaid's grammar would
// not read as one identifier — dots, spaces, leading digits, its own keywords — are quoted; characters
// a quoted name may not hold (`"`, `%`, `\`) become `_`. Column names and types are attribute words
// ([A-Za-z_*][A-Za-z0-9_-()[]]*): other characters become `_`, and a changed column name keeps the
// original in the attribute's comment.
import type { Diagram, ErdRelationship } from './model.ts';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words the erDiagram lexer takes as keywords (cardinality aliases, directives) rather than names. */
const RESERVED = new Set(['erdiagram', 'u', 'one', 'only', 'zero', 'many', 'or', 'to', 'optionally', 'title', 'acctitle',
  'accdescr', 'direction', 'style', 'classdef', 'class', 'end']);

export function entityName(name: string): string {
  if (PLAIN.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return `"${name.replace(/["%\\\r\n]/g, '_')}"`;
}

export function attributeWord(s: string): string {
  let w = s.replace(/[^A-Za-z0-9_\-()[\]]/g, '_');
  if (!/^[A-Za-z_]/.test(w)) w = `_${w}`;
  if (w === 'PK' || w === 'FK' || w === 'UK') w = `${w}_`;
  return w;
}

/** Left end (parent) and right end (child) of the relationship line: `||--o{`. */
export function relSymbol(r: ErdRelationship): string {
  return `${r.parentEnd === 'one' ? '||' : '|o'}--${r.childEnd === 'zero-or-many' ? 'o{' : 'o|'}`;
}

export function toMermaid(d: Diagram): string {
  const names = new Map(d.entities.map((e) => [e.id, entityName(e.name)]));
  const lines = ['erDiagram'];
  for (const e of d.entities) {
    if (e.columns.length === 0) { lines.push(`  ${names.get(e.id)} {`, '  }'); continue; }
    lines.push(`  ${names.get(e.id)} {`);
    for (const c of e.columns) {
      const keys = [c.pk && 'PK', c.fk && 'FK', c.unique && !c.pk && 'UK'].filter(Boolean).join(', ');
      const word = attributeWord(c.name);
      const comment = word !== c.name ? ` "${c.name.replace(/"/g, "'")}"` : '';
      lines.push(`    ${attributeWord(c.type || 'any')} ${word}${keys ? ` ${keys}` : ''}${comment}`);
    }
    lines.push('  }');
  }
  for (const r of d.relationships) {
    lines.push(`  ${names.get(r.parent)} ${relSymbol(r)} ${names.get(r.child)} : "${r.columns.join(', ').replace(/"/g, "'")}"`);
  }
  return lines.join('\n') + '\n';
}
