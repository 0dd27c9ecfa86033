// What every LSP feature module shares: the connection, the open documents, the projects (one engine per
// workspace folder), the client's capabilities and the file ↔ URI mapping. Built once by start.ts.
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
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
  const projects = new Projects((m) => connection.console.log(m));
  let markSettingsLoaded = () => {};
  const settingsLoaded = new Promise<void>((r) => { markSettingsLoaded = r; });
  return {
    settingsLoaded,
    markSettingsLoaded: () => markSettingsLoaded(),
    connection,
    documents: new TextDocuments(TextDocument),
    projects,
    caps: { pull: false, diagnosticsRefresh: false, codeLensRefresh: false, dynamicConfig: false, dynamicWatch: false, configuration: false, showDocument: false },
    documentsByFile,
    lastEdit: new Map(),
    log: (m) => connection.console.log(m),
    fileOf: uriToFile,
    uriOf: (file) => documentsByFile.get(file)?.uri ?? projects.forFile(file).engine.files.get(file)?.uri ?? fileToUri(file),
    versionOf: (file) => documentsByFile.get(file)?.version ?? null,
    onAnnounced: [],
  };
}
