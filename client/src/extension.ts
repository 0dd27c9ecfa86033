// VS Code client entry. Owned by the client work.
import type { ExtensionContext } from 'vscode';
export function activate(_ctx: ExtensionContext): void {}
export function deactivate(): void {}
