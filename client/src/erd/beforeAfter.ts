// The Normalize preview's picture: a webview beside the diff with the diagram of the table as it is (and
// its neighbours) and of the tables it becomes. Static: no script, a CSP that allows only the bundled
// stylesheet. Closed with the preview.
import * as vscode from 'vscode';

export function showBeforeAfter(diagrams: { before: string; after: string } | undefined, label: string): vscode.Disposable | undefined {
  const ext = vscode.extensions.getExtension('normlint.normlint');
  if (!diagrams || !ext) return undefined;
  const dist = vscode.Uri.joinPath(ext.extensionUri, 'dist');
  const panel = vscode.window.createWebviewPanel('normlint.erdBeforeAfter', `${label}: diagram`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: false, localResourceRoots: [dist] });
  const style = panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'erd-webview.css'));
  panel.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${panel.webview.cspSource};">
<link rel="stylesheet" href="${style}"><title>${esc(label)}</title></head>
<body class="before-after">
<h3>Before</h3><div class="diagram">${diagrams.before}</div>
<h3>After</h3><div class="diagram">${diagrams.after}</div>
</body></html>`;
  return panel;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
