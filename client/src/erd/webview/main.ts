/// <reference lib="dom" />
// The ER diagram webview: shows the server's SVG, pans (drag) and zooms (wheel) by the SVG's viewBox,
// keeps that view across live updates and reloads (vscode state), and posts clicks on a table or column
// to the extension, which opens its CREATE TABLE. Runs under a strict CSP: no inline script or style.
import './erd.css';
import type { ErdResult } from '../protocol.ts';

interface VsCodeApi { postMessage(msg: unknown): void; getState(): unknown; setState(s: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

export type ToExtension =
  | { type: 'ready' }
  | { type: 'open'; id: string; column?: string }
  | { type: 'scope'; scope: 'workspace' | 'file' | 'table'; table?: string; depth: number };

interface View { x: number; y: number; w: number; h: number }
interface State { view?: View; key?: string }

const vscode = acquireVsCodeApi();
const state: State = (vscode.getState() as State | undefined) ?? {};
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $('canvas'), scopeSel = $<HTMLSelectElement>('scope'), tableIn = $<HTMLInputElement>('table');
const depthIn = $<HTMLInputElement>('depth'), tables = $<HTMLDataListElement>('tables'), info = $('info');
let svg: SVGSVGElement | null = null;
let full: View = { x: 0, y: 0, w: 1, h: 1 };

function setView(v: View): void {
  state.view = v;
  svg?.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  vscode.setState(state);
}

function fit(): void {
  const r = canvas.getBoundingClientRect();
  // whole diagram, not magnified beyond 1:1
  const scale = Math.max(full.w / Math.max(1, r.width), full.h / Math.max(1, r.height), 1);
  setView({ x: full.x - (r.width * scale - full.w) / 2, y: full.y - (r.height * scale - full.h) / 2, w: r.width * scale, h: r.height * scale });
}

function show(d: ErdResult): void {
  canvas.innerHTML = d.svg;
  svg = canvas.querySelector('svg');
  if (!svg) return;
  const vb = svg.viewBox.baseVal;
  full = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  scopeSel.value = d.scope;
  if (d.centre) tableIn.value = d.entities.find((e) => e.id === d.centre)?.name ?? d.centre;
  depthIn.value = String(d.depth);
  tableIn.disabled = depthIn.disabled = d.scope !== 'table';
  tables.replaceChildren(...d.tables.map((t) => { const o = document.createElement('option'); o.value = t; return o; }));
  info.textContent = `${d.entities.length} of ${d.tables.length} tables · ${d.relationships} foreign keys`;
  // a live update of the same view keeps the zoom and position; another scope or centre starts fitted
  const key = `${d.scope}|${d.centre ?? ''}|${d.depth}`;
  if (state.view && state.key === key) setView(state.view); else { state.key = key; fit(); }
}

window.addEventListener('message', (e: MessageEvent) => {
  const msg = e.data as { type: string; diagram?: ErdResult; error?: string };
  if (msg.type === 'diagram' && msg.diagram) show(msg.diagram);
  if (msg.type === 'error') info.textContent = msg.error ?? 'no diagram';
});

// ---- pan and zoom -----------------------------------------------------------------------------------
let drag: { x: number; y: number; view: View; moved: boolean } | null = null;
canvas.addEventListener('pointerdown', (e) => {
  if (!state.view) return;
  drag = { x: e.clientX, y: e.clientY, view: { ...state.view }, moved: false };
});
window.addEventListener('pointermove', (e) => {
  if (!drag || !svg) return;
  const k = drag.view.w / canvas.getBoundingClientRect().width;
  const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
  if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
  if (drag.moved) setView({ ...drag.view, x: drag.view.x - dx * k, y: drag.view.y - dy * k });
});
window.addEventListener('pointerup', () => { setTimeout(() => { drag = null; }, 0); });
canvas.addEventListener('wheel', (e) => {
  const v = state.view;
  if (!v) return;
  e.preventDefault();
  const r = canvas.getBoundingClientRect();
  const f = Math.exp(e.deltaY * 0.0015);
  const px = v.x + ((e.clientX - r.left) / r.width) * v.w, py = v.y + ((e.clientY - r.top) / r.height) * v.h;
  setView({ x: px - (px - v.x) * f, y: py - (py - v.y) * f, w: v.w * f, h: v.h * f });
}, { passive: false });

// ---- clicks and the toolbar -------------------------------------------------------------------------
canvas.addEventListener('click', (e) => {
  if (drag?.moved) return;
  const target = e.target as Element;
  const entity = target.closest('.erd-entity');
  if (!entity) return;
  const column = target.closest('.erd-col')?.getAttribute('data-column') ?? undefined;
  vscode.postMessage({ type: 'open', id: entity.getAttribute('data-id') ?? '', ...(column ? { column } : {}) } satisfies ToExtension);
});
function askScope(): void {
  const scope = scopeSel.value as 'workspace' | 'file' | 'table';
  const depth = Math.max(0, Number(depthIn.value) || 0);
  vscode.postMessage({ type: 'scope', scope, depth, ...(scope === 'table' && tableIn.value ? { table: tableIn.value } : {}) } satisfies ToExtension);
}
scopeSel.addEventListener('change', askScope);
tableIn.addEventListener('change', askScope);
depthIn.addEventListener('change', askScope);
$('fit').addEventListener('click', fit);
window.addEventListener('resize', () => { if (state.view && svg) setView(state.view); });
vscode.postMessage({ type: 'ready' } satisfies ToExtension);
