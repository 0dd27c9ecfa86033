// Workspace folders → engines. Each folder is analysed as its own workspace with its own settings and
// `.normlintrc.json`; files outside every folder share one "loose" engine.
import { sep } from 'node:path';
import { defaultOptions } from '../core/options.ts';
import { Engine } from '../core/incremental/engine.ts';
import type { Options } from '../core/options.ts';

export interface Project {
  /** Folder URI ('' for the loose files). */
  uri: string;
  /** Folder path ('' for the loose files). */
  path: string;
  engine: Engine;
  editorOptions: Partial<Options>;
  rcOptions?: Partial<Options>;
  rcProblems: string[];
}

export class Projects {
  readonly list: Project[] = [];
  readonly loose: Project;

  constructor(private log: (m: string) => void) {
    this.loose = this.make('', '');
  }

  private make(uri: string, path: string): Project {
    return { uri, path, engine: new Engine({ ...defaultOptions }, this.log), editorOptions: {}, rcProblems: [] };
  }

  addFolder(uri: string, path: string): Project {
    const p = this.make(uri, path);
    this.list.push(p);
    // Longest path first, so nested folders win.
    this.list.sort((a, b) => b.path.length - a.path.length);
    return p;
  }

  removeFolder(uri: string): Project | undefined {
    const i = this.list.findIndex((p) => p.uri === uri);
    return i < 0 ? undefined : this.list.splice(i, 1)[0];
  }

  forFile(file: string): Project {
    for (const p of this.list) if (file === p.path || file.startsWith(p.path.endsWith(sep) ? p.path : p.path + sep)) return p;
    // untitled: and other non-file documents join the only folder when there is exactly one.
    if (!file.startsWith(sep) && !/^[a-zA-Z]:[\\/]/.test(file) && this.list.length === 1) return this.list[0];
    return this.loose;
  }

  all(): Project[] { return [...this.list, this.loose]; }
}
