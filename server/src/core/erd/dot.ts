// Graphviz DOT: one HTML-like record per table, crow's-foot arrowheads (Graphviz's `crow`, `tee`, `odot`).
import type { Diagram, ErdEntity } from './model.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
export const NF_COLOURS: Record<string, string> = { '1NF': '#d73a49', '2NF': '#e36209', '3NF': '#dbab09', BCNF: '#6f42c1', none: '#28a745' };

function label(e: ErdEntity): string {
  const head = `<TR><TD BGCOLOR="${NF_COLOURS[e.breaks ?? 'none']}"><FONT COLOR="white"><B>${esc(e.name)}</B>${e.findings ? ` (${e.findings})` : ''}</FONT></TD></TR>`;
  const rows = e.columns.map((c) => {
    const marks = [c.pk && 'PK', c.fk && 'FK'].filter(Boolean).join(' ');
    return `<TR><TD ALIGN="LEFT">${c.pk ? '<U>' : ''}${esc(c.name)}${c.pk ? '</U>' : ''} <FONT COLOR="gray">${esc(c.type)}${marks ? ` ${marks}` : ''}</FONT></TD></TR>`;
  });
  return `<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0">${head}${rows.join('')}</TABLE>>`;
}

export function toDot(d: Diagram): string {
  const lines = ['digraph erd {', '  rankdir=LR;', '  node [shape=plain fontname="Helvetica"];', '  edge [dir=both fontname="Helvetica" fontsize=10];'];
  for (const e of d.entities) lines.push(`  ${quote(e.id)} [label=${label(e)}];`);
  for (const r of d.relationships) {
    // drawn child -> parent: the tail is the child's end, the head the parent's
    const tail = r.childEnd === 'zero-or-many' ? 'crowodot' : 'teeodot';
    const head = r.parentEnd === 'one' ? 'teetee' : 'teeodot';
    lines.push(`  ${quote(r.child)} -> ${quote(r.parent)} [arrowtail=${tail} arrowhead=${head} label=${quote(r.columns.join(', '))}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
