// Open/change/close of documents → the engine of their project. A closed workspace file goes back to its
// content on disk (its findings stay, see workspaceDiagnostics.ts); anything else leaves the workspace.
// Documents that are copies (diff sides, previews: not file: or untitled:) are not analysed.
import type { ServerContext } from '../context.ts';
import { isSchemaDocument } from '../context.ts';
import type { Analysis } from '../analysis.ts';
import { readSqlFile, isFile, SQL_FILE } from '../indexer.ts';
import { endOfChange } from '../../core/incremental/diff.ts';

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
    const change = ctx.lastChange.get(e.document.uri);
    ctx.lastChange.delete(e.document.uri);
    if (!isSchemaDocument(e.document.uri)) return;
    const file = ctx.fileOf(e.document.uri);
    const before = ctx.projects.forFile(file).engine.files.get(file)?.text;
    const text = e.document.getText();
    // what the change's ranges left alone, when the engine has the text the change was made to
    const unchanged = change && change.before === before ? change.unchanged : undefined;
    if (before !== undefined) ctx.lastEdit.set(file, endOfChange(before, text, unchanged));
    ctx.documentsByFile.set(file, e.document);
    ctx.projects.forFile(file).engine.setFile(file, e.document.uri, text, e.document.version, unchanged);
    if (!ctx.caps.pull) analysis.schedulePush(file);
  });
  documents.onDidClose(async (e) => {
    ctx.lastChange.delete(e.document.uri);
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

/** Where the person is typing (the fuzz test replays the server's view of edits with it). */
export { endOfChange } from '../../core/incremental/diff.ts';
