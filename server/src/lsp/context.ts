// What every LSP feature module shares: the connection, the open documents, the projects (one engine per
// workspace folder), the client's capabilities and the file ↔ URI mapping. Built once by start.ts.
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Unchanged } from '../core/incremental/diff.ts';
import { Projects } from './projects.ts';
import { uriToFile, fileToUri } from './uri.ts';

export interface Capabilities {
  pull: boolean;
  diagnosticsRefresh: boolean;
  codeLensRefresh: boolean;
  dynamicConfig: boolean;
  dynamicWatch: boolean;
  configuration: boolean;
  showDocument: boolean;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  projects: Projects;
  caps: Capabilities;
  /** Open documents by core file key. */
  documentsByFile: Map<string, TextDocument>;
  /** Per open file: the offset just after its latest edit (where the person is typing). */
  lastEdit: Map<string, number>;
  /** Per document URI, its latest change: the text before it and what the change left alone (from its ranges). */
  lastChange: Map<string, { before: string; unchanged: Unchanged }>;
  log(message: string): void;
  fileOf(uri: string): string;
  uriOf(file: string): string;
  versionOf(file: string): number | null;
  /** Called after an analysis changed what some files show (diagnostics, code lenses, status). */
  onAnnounced: ((files: string[]) => void)[];
  /** Resolved once the first settings are read (answers wait for it: no first answer with default options). */
  settingsLoaded: Promise<void>;
  markSettingsLoaded(): void;
}

/**
 * Documents the server reads: files and untitled documents. Others are copies shown by the editor (a diff's
 * proposed side, the Refactor Preview, git's HEAD version); analysing them would count each table twice.
 */
export const isSchemaDocument = (uri: string) => uri.startsWith('file:') || uri.startsWith('untitled:');

export function createContext(connection: Connection): ServerContext {
  const documentsByFile = new Map<string, TextDocument>();
  const lastChange = new Map<string, { before: string; unchanged: Unchanged }>();
  const projects = new Projects((m) => connection.console.log(m));
  let markSettingsLoaded = () => {};
  const settingsLoaded = new Promise<void>((r) => { markSettingsLoaded = r; });
  return {
    settingsLoaded,
    markSettingsLoaded: () => markSettingsLoaded(),
    connection,
    // The editor says where each change is: kept so that the engine compares a few characters, not the texts.
    documents: new TextDocuments({
      create: TextDocument.create,
      update: (doc, changes, version) => {
        seedLineOffsets(doc, projects);
        lastChange.set(doc.uri, { before: doc.getText(), unchanged: unchangedBy(doc, changes) });
        return TextDocument.update(doc, changes, version);
      },
    }),
    projects,
    caps: { pull: false, diagnosticsRefresh: false, codeLensRefresh: false, dynamicConfig: false, dynamicWatch: false, configuration: false, showDocument: false },
    documentsByFile,
    lastEdit: new Map(),
    lastChange,
    log: (m) => connection.console.log(m),
    fileOf: uriToFile,
    uriOf: (file) => documentsByFile.get(file)?.uri ?? projects.forFile(file).engine.files.get(file)?.uri ?? fileToUri(file),
    versionOf: (file) => documentsByFile.get(file)?.version ?? null,
    onAnnounced: [],
  };
}

/**
 * The document's line offsets from the engine's model of the same text, before the first change needs them:
 * vscode-languageserver-textdocument computes them on the first offsetAt, a scan of the whole text (about 300 ms
 * on a 17 MB file, in the first keystroke), while the reader already has them. They are the same list (a line
 * starts after \n, after \r\n and after a lone \r, in both). Only when the document has not computed its own yet.
 */
function seedLineOffsets(doc: TextDocument, projects: Projects): void {
  const d = doc as unknown as { _lineOffsets?: number[] };
  if (!('_lineOffsets' in d) || d._lineOffsets !== undefined || !isSchemaDocument(doc.uri)) return;
  const e = projects.forFile(uriToFile(doc.uri)).engine.files.get(uriToFile(doc.uri));
  if (e && e.modelText === doc.getText() && !e.problem) d._lineOffsets = e.model.lineStarts.slice(); // the document changes its copy in place
}

/**
 * The prefix and suffix of the document's text that the changes (applied one after another) leave alone: before
 * the first changed offset, after the last one. A change without a range replaces everything.
 */
function unchangedBy(doc: TextDocument, changes: TextDocumentContentChangeEvent[]): Unchanged {
  let head = Infinity, tail = Infinity, length = doc.getText().length;
  // later ranges are positions in the text after the earlier changes: tracked on a copy (update() changes its document)
  let lineStarts = changes.length > 1 ? TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText()) : doc;
  for (const c of changes) {
    if (!('range' in c)) return { head: 0, tail: 0 };
    const start = lineStarts.offsetAt(c.range.start), end = lineStarts.offsetAt(c.range.end);
    head = Math.min(head, start);
    tail = Math.min(tail, length - end);
    length += c.text.length - (end - start);
    if (changes.length > 1) lineStarts = TextDocument.update(lineStarts, [c], lineStarts.version);
  }
  return { head: head === Infinity ? 0 : head, tail: tail === Infinity ? 0 : tail };
}
