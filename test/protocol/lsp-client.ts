// A minimal LSP client for the protocol tests: spawns dist/server.js over stdio and speaks JSON-RPC to it
// the way an editor does (pull or push diagnostics, workspace/configuration, registrations).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const repoDir = resolve(import.meta.dirname, '../..');
export const serverPath = resolve(repoDir, 'dist/server.js');

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string; code?: string; source?: string; severity?: number; data?: unknown;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string; range: unknown }; message: string }[];
}

export interface StartOptions {
  pull?: boolean;
  rootPath?: string;
  settings?: Record<string, unknown>;
  /** Extra argv for node (e.g. --max-old-space-size). */
  nodeArgs?: string[];
}

export class LspClient {
  proc!: ChildProcess;
  conn!: MessageConnection;
  settings: Record<string, unknown> = {};
  pushed = new Map<string, { version?: number; diagnostics: Diag[] }>();
  logs: string[] = [];
  messages: { type: number; message: string }[] = [];
  refreshes = 0;
  lensRefreshes = 0;
  shownDocuments: { uri: string; external?: boolean }[] = [];
  notifications: { method: string; params: unknown }[] = [];
  stderr = '';
  exited: Promise<number | null> = Promise.resolve(null);
  private waiters: (() => void)[] = [];

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const c = new LspClient();
    await c.init(opts);
    return c;
  }

  private async init(opts: StartOptions): Promise<void> {
    this.settings = opts.settings ?? {};
    this.proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      this.pushed.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => { this.messages.push(p); this.wake(); });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showDocument', (p: { uri: string; external?: boolean }) => { this.shownDocuments.push(p); this.wake(); return { success: true }; });
    this.conn.onRequest('workspace/codeLens/refresh', () => { this.lensRefreshes++; this.wake(); return null; });
    this.conn.onNotification('normlint/statusChanged', (p: unknown) => { this.notifications.push({ method: 'normlint/statusChanged', params: p }); this.wake(); });
    this.conn.onRequest('workspace/diagnostic/refresh', () => { this.refreshes++; this.wake(); return null; });
    this.conn.listen();
    const rootUri = opts.rootPath ? pathToFileURL(opts.rootPath).href : null;
    await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, codeLens: { refreshSupport: true }, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          ...(opts.pull !== false ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        window: { showDocument: { support: true } },
      },
    });
    this.conn.sendNotification('initialized', {});
  }

  private wake(): void { const w = this.waiters; this.waiters = []; for (const f of w) f(); }

  /** Resolves when `check` is true, re-checked on every notification; rejects after `ms`. */
  async waitFor<T>(check: () => T | undefined | false, ms = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${ms} ms waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((r) => { const t = setTimeout(r, Math.min(left, 200)); this.waiters.push(() => { clearTimeout(t); r(); }); });
    }
  }

  open(uri: string, text: string, version = 1, languageId = 'sql'): void {
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }
  change(uri: string, version: number, text: string): void {
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
  changeRange(uri: string, version: number, range: Diag['range'], text: string): void {
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }
  close(uri: string): void { this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } }); }

  async pull(uri: string): Promise<Diag[]> {
    const r = await this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { kind: string; items?: Diag[] };
    return r.items ?? [];
  }
  request<T>(method: string, params: unknown): Promise<T> { return this.conn.sendRequest(method, params) as Promise<T>; }
  notify(method: string, params: unknown): void { this.conn.sendNotification(method, params); }

  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { normlint: settings } });
  }

  /** Peak resident memory of the server process (kB), from /proc. */
  peakRssKb(): number | null {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : null;
    } catch { return null; }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      this.conn.sendNotification('exit');
    } catch { /* already gone */ }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(t);
    this.conn.dispose();
  }
}

export const fileUri = (path: string) => pathToFileURL(path).href;

/** Applies LSP text edits (non-overlapping, against the original text) to a string. */
export function applyEdits(text: string, edits: { range: Diag['range']; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const off = (p: { line: number; character: number }) => p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] : text.length);
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
