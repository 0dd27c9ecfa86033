// The status bar item: server state, the dialect of the active file (what `auto` chose), and the findings in
// the workspace (the count `normlint check` reports). Click → a menu: the "normlint" output or the settings.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusChanged, StatusRequest, type StatusResult } from './protocol.ts';

export function statusText(state: 'starting' | 'running' | 'stopped', s: StatusResult | undefined): string {
  if (state === 'stopped') return '$(error) normlint: stopped';
  if (state === 'starting' || !s) return '$(sync~spin) normlint: starting';
  // auto: "(auto)" when the syntax decided, "(default)" when nothing in the file is dialect-specific.
  const how = s.dialectSource === 'default' ? ' (default)' : ' (auto)';
  const dialect = s.dialect ? (s.setting === 'auto' ? `${s.dialect}${how}` : s.dialect) : s.setting;
  const findings = s.findings === 1 ? '1 finding' : `${s.findings} findings`;
  return `${s.analysing ? '$(sync~spin)' : '$(check)'} normlint: ${dialect} · ${findings}`;
}

export function createStatusItem(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('normlint.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'normlint';
  item.command = 'normlint.statusMenu';
  item.text = statusText('starting', undefined);
  item.show();
  let state: 'starting' | 'running' | 'stopped' = 'starting';
  let last: StatusResult | undefined;
  const refresh = async () => {
    if (state === 'running') {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      try { last = await client.sendRequest<StatusResult>(StatusRequest, { uri }); } catch { /* stopping */ }
    }
    item.text = statusText(state, last);
    item.tooltip = state === 'running' && last
      ? `normlint server running — dialect ${last.dialect ?? last.setting} (setting: ${last.setting}), ${last.findings} finding(s) in ${last.files} file(s). Click for the output or the settings.`
      : `normlint server ${state}. Click for the output or the settings.`;
  };
  context.subscriptions.push(
    item,
    client.onNotification(StatusChanged, () => void refresh()),
    client.onDidChangeState((e) => {
      state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
      void refresh();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.commands.registerCommand('normlint.statusMenu', async () => {
      const pick = await vscode.window.showQuickPick([
        { label: '$(output) Show the normlint output', id: 'output' },
        { label: '$(settings-gear) Open the normlint settings', id: 'settings' },
        { label: '$(debug-restart) Restart the server', id: 'restart' },
      ], { title: 'normlint' });
      if (pick?.id === 'output') output.show(true);
      else if (pick?.id === 'settings') await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:normlint.normlint');
      else if (pick?.id === 'restart') await vscode.commands.executeCommand('normlint.restartServer');
    }),
  );
  return item;
}
