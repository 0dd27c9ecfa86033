// SVG of a laid-out diagram: a box per table (header coloured by the lowest normal form it breaks, a
// badge with its findings count), a row per column, and crow's-foot ends on each foreign-key line.
// Colours are classes with CSS variables, so an embedding page (the VS Code webview) restyles it for its
// theme; `standalone` adds a <style> with light defaults for docs. No inline style attributes: the
// webview's Content-Security-Policy allows none.
import { CHAR_W, HEAD_H, ROW_H, columnText, layout, type LaidOut } from './layout.ts';
import type { Diagram, ErdRelationship } from './model.ts';

export interface SvgOptions { standalone?: boolean }

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const SVG_STYLE = `
.erd { font-family: var(--erd-font, ui-monospace, Menlo, Consolas, monospace); font-size: 12px; }
.erd-box { fill: var(--erd-bg, #ffffff); stroke: var(--erd-border, #8b949e); }
.erd-head { fill: var(--erd-nf-none, #2da44e); }
.nf-1NF .erd-head { fill: var(--erd-nf-1nf, #cf222e); }
.nf-2NF .erd-head { fill: var(--erd-nf-2nf, #d1640b); }
.nf-3NF .erd-head { fill: var(--erd-nf-3nf, #9a6700); }
.nf-BCNF .erd-head { fill: var(--erd-nf-bcnf, #8250df); }
.erd-title { fill: #ffffff; font-weight: bold; }
.erd-badge circle { fill: #ffffff; } .erd-badge text { fill: #1f2328; font-size: 10px; font-weight: bold; }
.erd-col text { fill: var(--erd-fg, #1f2328); } .erd-col .erd-detail { fill: var(--erd-muted, #656d76); }
.erd-col.pk .erd-name { text-decoration: underline; font-weight: bold; }
.erd-hit { fill: transparent; }
.erd-line { fill: none; stroke: var(--erd-line, #57606a); stroke-width: 1.2; }
.erd-mark { fill: none; stroke: var(--erd-line, #57606a); stroke-width: 1.2; }
.erd-mark circle { fill: var(--erd-canvas, #ffffff); }
`;

// Each marker is drawn for the line's end at x = 0 pointing +x into the box; auto-start-reverse turns it for the start.
const MARKERS = `<defs>
<marker id="erd-one" viewBox="-20 -8 22 16" refX="0" refY="0" markerWidth="22" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><g class="erd-mark"><path d="M-6,-6V6M-11,-6V6"/></g></marker>
<marker id="erd-zero-one" viewBox="-20 -8 22 16" refX="0" refY="0" markerWidth="22" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><g class="erd-mark"><path d="M-6,-6V6"/><circle cx="-14" cy="0" r="4"/></g></marker>
<marker id="erd-many" viewBox="-20 -8 22 16" refX="0" refY="0" markerWidth="22" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><g class="erd-mark"><path d="M0,-6L-9,0L0,6M-9,0H0"/><circle cx="-14" cy="0" r="4"/></g></marker>
</defs>`;

export function toSvg(d: Diagram, options: SvgOptions = {}, laid: LaidOut = layout(d)): string {
  const out: string[] = [];
  const w = Math.ceil(laid.width), h = Math.ceil(laid.height);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="erd" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`);
  if (options.standalone) out.push(`<style>${SVG_STYLE}</style><rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(MARKERS, '<g class="erd-lines">');
  d.relationships.forEach((r, i) => out.push(lineSvg(r, laid.lines[i])));
  out.push('</g><g class="erd-entities">');
  for (const e of d.entities) {
    const b = laid.boxes.get(e.id)!;
    out.push(`<g class="erd-entity nf-${e.breaks ?? 'none'}" data-id="${esc(e.id)}" transform="translate(${r1(b.x)},${r1(b.y)})">`);
    out.push(`<title>${esc(e.name)}${e.breaks ? ` — breaks ${e.breaks}` : ''}${e.findings ? ` — ${e.findings} finding${e.findings === 1 ? '' : 's'}` : ''}</title>`);
    out.push(`<rect class="erd-box" width="${b.width}" height="${b.height}" rx="4"/>`);
    out.push(`<rect class="erd-head" width="${b.width}" height="${HEAD_H}" rx="4"/>`);
    out.push(`<text class="erd-title" x="10" y="17">${esc(e.name)}</text>`);
    if (e.findings) {
      const label = String(e.findings), bw = label.length * 7 + 10;
      out.push(`<g class="erd-badge" transform="translate(${r1(b.width - bw / 2 - 6)},13)"><circle r="${Math.max(8, bw / 2)}"/><text text-anchor="middle" y="3.5">${label}</text></g>`);
    }
    e.columns.forEach((c, j) => {
      const t = columnText(c), y = HEAD_H + j * ROW_H;
      out.push(`<g class="erd-col${c.pk ? ' pk' : ''}${c.fk ? ' fk' : ''}" data-column="${esc(c.name)}">`
        + `<rect class="erd-hit" y="${y}" width="${b.width}" height="${ROW_H}"/>`
        + `<text class="erd-name" x="10" y="${y + 13}">${esc(t.name)}</text>`
        + `<text class="erd-detail" x="${r1(10 + (t.name.length + 2) * CHAR_W)}" y="${y + 13}">${esc(t.detail)}</text></g>`);
    });
    out.push('</g>');
  }
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}

function lineSvg(r: ErdRelationship, points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${r1(p.x)},${r1(p.y)}`).join('');
  const start = r.parentEnd === 'one' ? 'erd-one' : 'erd-zero-one';
  const end = r.childEnd === 'zero-or-many' ? 'erd-many' : 'erd-zero-one';
  return `<path class="erd-line" d="${d}" marker-start="url(#${start})" marker-end="url(#${end})" data-child="${esc(r.child)}" data-parent="${esc(r.parent)}"><title>${esc(`${r.child}(${r.columns.join(', ')}) → ${r.parent}(${r.refColumns.join(', ')})`)}</title></path>`;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
