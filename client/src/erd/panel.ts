// "normlint: Show ER diagram": one webview panel with the server's diagram (normlint/erd) of the
// workspace, the current file, or a table's neighbourhood. It follows edits (debounced) and opens a
// table's or column's declaration on click. Offline: its script and stylesheet are bundled files of the
// extension, under a CSP that allows only them (script by nonce) and no inline code.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ErdRequest, type ErdParams, type ErdResult } from './protocol.ts';
import type { ToExtension } from './webview/main.ts';
import { resolveTarget } from '../commands/target.ts';

const REFRESH_MS = 400;

export class ErdPanel {
  private static current: ErdPanel | undefined;
  private params: ErdParams;
  private last: ErdResult | null = null;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel, uriArg?: unknown, positionArg?: unknown): void {
    const target = resolveTarget(uriArg, positionArg) ?? firstSqlEditor();
    if (!target) { void vscode.window.showErrorMessage('normlint: open a SQL file to show its ER diagram.'); return; }
    // from a code lens: that table's neighbourhood; from the palette or title bar: the workspace (auto above 60 tables)
    const params: ErdParams = { uri: target.uri.toString(), position: target.position, scope: target.fromArgs ? 'table' : 'auto' };
    if (ErdPanel.current) { ErdPanel.current.params = params; ErdPanel.current.panel.reveal(undefined, true); void ErdPanel.current.refresh(); return; }
    ErdPanel.current = new ErdPanel(context, client, output, params);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient, private readonly output: vscode.LogOutputChannel, params: ErdParams) {
    this.params = params;
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('normlint.erd', 'ER diagram', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [dist] });
    this.panel.webview.html = html(this.panel.webview, dist);
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage((m: ToExtension) => this.onMessage(m), null, this.disposables);
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.languageId === 'sql' && e.contentChanges.length) this.schedule(); }, null, this.disposables);
    vscode.workspace.onDidSaveTextDocument((d) => { if (d.languageId === 'sql') this.schedule(); }, null, this.disposables);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  private async refresh(): Promise<void> {
    const seq = ++this.seq;
    let result: ErdResult | null;
    try {
      result = await this.client.sendRequest<ErdResult | null>(ErdRequest, this.params);
    } catch (err) {
      this.output.appendLine(`[erd] request failed: ${String(err)}`);
      void this.panel.webview.postMessage({ type: 'error', error: `normlint: the diagram failed: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    if (seq !== this.seq) return;   // a newer request is on its way
    if (!result) { void this.panel.webview.postMessage({ type: 'error', error: 'normlint: no tables to show yet.' }); return; }
    this.last = result;
    // keep showing the same scope and centre on live updates (the auto choice is made once)
    this.params = { ...this.params, scope: result.scope, ...(result.centre ? { table: result.centre } : {}), depth: result.depth };
    this.panel.title = result.scope === 'table' ? `ER diagram: ${result.entities.find((e) => e.id === result.centre)?.name ?? ''}` : 'ER diagram';
    void this.panel.webview.postMessage({ type: 'diagram', diagram: result });
  }

  private onMessage(m: ToExtension): void {
    if (m.type === 'ready') { void this.refresh(); return; }
    if (m.type === 'scope') {
      const { table: _old, ...rest } = this.params;
      this.params = { ...rest, scope: m.scope, depth: m.depth, ...(m.table ? { table: m.table } : {}) };
      if (m.scope === 'file') { const ed = vscode.window.activeTextEditor; if (ed?.document.languageId === 'sql') this.params.uri = ed.document.uri.toString(); }
      void this.refresh();
      return;
    }
    if (m.type === 'open') {
      const e = this.last?.entities.find((x) => x.id === m.id);
      if (!e) return;
      const r = (m.column && e.columns.find((c) => c.name === m.column)?.range) || e.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      const column = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === e.uri)?.viewColumn ?? vscode.ViewColumn.One;
      void vscode.window.showTextDocument(vscode.Uri.parse(e.uri), { selection: range, viewColumn: column, preserveFocus: false });
    }
  }

  private dispose(): void {
    clearTimeout(this.timer);
    ErdPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

function firstSqlEditor() {
  const ed = vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'sql');
  return ed ? { uri: ed.document.uri, position: { line: ed.selection.active.line, character: ed.selection.active.character }, fromArgs: false } : undefined;
}

function html(webview: vscode.Webview, dist: vscode.Uri): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'erd-webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'erd-webview.css'));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>ER diagram</title></head>
<body>
<div id="toolbar">
  <label>Show <select id="scope"><option value="workspace">Workspace</option><option value="file">This file</option><option value="table">Table and neighbours</option></select></label>
  <input id="table" list="tables" placeholder="table" aria-label="Centre table"><datalist id="tables"></datalist>
  <label>hops <input id="depth" type="number" min="0" max="9" value="1"></label>
  <button id="fit" title="Fit the diagram to the view">Fit</button>
  <span class="legend" title="Lowest normal form a finding says the table breaks"><span class="l1">1NF</span><span class="l2">2NF</span><span class="l3">3NF</span><span class="lb">BCNF</span><span class="ln">none</span></span>
  <span id="info">loading…</span>
</div>
<div id="canvas"></div>
<script nonce="${nonce}" src="${script}"></script>
</body></html>`;
}
