// URIs ↔ the `file` keys the core uses. The core (and the CLI) name files by path, so file: URIs become
// paths; other schemes (untitled:, vscode-notebook-cell:) keep their URI string as the key.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToFile(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { return uri; }
  }
  return uri;
}

/** A path (or a key that already is a URI) back to a URI. */
export function fileToUri(file: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(file) && !/^[a-zA-Z]:[\\/]/.test(file)) return file;
  return pathToFileURL(file).href;
}
