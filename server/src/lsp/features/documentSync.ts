// Open/change/close of documents → the engine of their project. A closed workspace file goes back to its
// content on disk (its findings stay, see workspaceDiagnostics.ts); anything else leaves the workspace.
// Documents that are copies (diff sides, previews: not file: or untitled:) are not analysed.
import type { ServerContext } from '../context.ts';
import { isSchemaDocument } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { readSqlFile, isFile, SQL_FILE } from '../indexer.ts';

export function registerDocumentSync(ctx: ServerContext, analysis: Analysis): void {
  const { documents, connection } = ctx;
  documents.onDidOpen((e) => {
    if (!isSchemaDocument(e.document.uri)) return;
    const file = ctx.fileOf(e.document.uri);
    ctx.documentsByFile.set(file, e.document);
    ctx.lastEdit.delete(file);
    ctx.projects.forFile(file).engine.setFile(file, e.document.uri, e.document.getText(), e.document.version);
    if (!ctx.caps.pull) analysis.schedulePush(file);
  });
  documents.onDidChangeContent((e) => {
    if (!isSchemaDocument(e.document.uri)) return;
    const file = ctx.fileOf(e.document.uri);
    const before = ctx.projects.forFile(file).engine.files.get(file)?.text;
    const text = e.document.getText();
    if (before !== undefined) ctx.lastEdit.set(file, endOfChange(before, text));
    ctx.documentsByFile.set(file, e.document);
    ctx.projects.forFile(file).engine.setFile(file, e.document.uri, text, e.document.version);
    if (!ctx.caps.pull) analysis.schedulePush(file);
  });
  documents.onDidClose(async (e) => {
    if (!isSchemaDocument(e.document.uri)) return;
    const file = ctx.fileOf(e.document.uri);
    ctx.documentsByFile.delete(file);
    ctx.lastEdit.delete(file);
    const p = ctx.projects.forFile(file);
    analysis.forget(e.document.uri);
    const inWorkspace = p !== ctx.projects.loose && SQL_FILE.test(file) && await isFile(file);
    if (!ctx.caps.pull && !inWorkspace) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (inWorkspace) {
      if (ctx.documentsByFile.has(file)) return;
      try { p.engine.setFile(file, e.document.uri, (await readSqlFile(file)).text, null); } catch { p.engine.removeFile(file); }
    } else p.engine.removeFile(file);
    analysis.afterBackgroundChange();
  });
}

/** Where the person is typing: the end of the changed region in the new text (after the common prefix and suffix). */
export function endOfChange(before: string, after: string): number {
  // Compared in chunks first (a keystroke in a large file: a few memcmp-speed comparisons, not a loop per character).
  const CHUNK = 1024;
  const max = Math.min(before.length, after.length);
  let suffix = 0;
  while (suffix + CHUNK <= max && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < max && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  let prefix = 0;
  while (prefix + CHUNK <= max - suffix && before.startsWith(after.slice(prefix, prefix + CHUNK), prefix)) prefix += CHUNK;
  while (prefix < max - suffix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  return Math.max(prefix, after.length - suffix);
}
