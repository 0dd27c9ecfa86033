// Table lookup while merging a workspace: by "schema.name" and "name" (first declaration wins), one map per
// project, and the project a miss falls back to. Moved out of workspace.ts so that the incremental merge
// (remerge.ts) can substitute the tables an edit rebuilt.
import type { Table } from './model.ts';
import { lc } from './lc.ts';

export class Lookups {
  constructor(
    public global = new Map<string, Table>(),
    public byProject = new Map<string, Map<string, Table>>(),
    public projectOf = new Map<Table, string>(),
    /** A project whose misses fall back to another (a plain file that redefines tables → the default project). */
    readonly parent = new Map<string, string>(),
  ) {}

  register(t: Table, project: string): void {
    this.projectOf.set(t, project);
    this.registerName(t, project);
    addNames(this.global, t);
  }

  /** Makes t found from `project` too (a name not yet there), without moving t to it. */
  registerName(t: Table, project: string): void {
    let m = this.byProject.get(project);
    if (!m) this.byProject.set(project, (m = new Map()));
    addNames(m, t);
  }

  find(project: string, schema: string | undefined, name: string): Table | undefined {
    return findIn(this.byProject, this.parent, project, schema, name);
  }

  /**
   * `now` takes the place of `was` (the same table rebuilt: same name, same project) wherever `was` is found:
   * the global map and the maps of `projects` (its own, and the one a later copy of a schema also registers in).
   * In place: the workspace these maps came from is replaced by the one being built (remerge.ts), and copying
   * them for it on every keystroke was most of what a keystroke allocated (three maps of every table's names).
   */
  substitute(was: Table, now: Table, projects: string[]): void {
    const p = this.projectOf.get(was);
    this.projectOf.delete(was);
    if (p !== undefined) this.projectOf.set(now, p);
    const bare = lc(was.name), full = was.schema ? `${lc(was.schema)}.${bare}` : bare;
    const swap = (m: Map<string, Table>) => {
      if (m.get(full) === was) m.set(full, now);
      if (m.get(bare) === was) m.set(bare, now);
    };
    swap(this.global);
    for (const project of projects) { const m = this.byProject.get(project); if (m) swap(m); }
  }
}

/** t under "schema.name" and "name" in `map`, where the name is not taken yet (first declaration wins). */
function addNames(map: Map<string, Table>, t: Table): void {
  const bare = lc(t.name), full = t.schema ? `${lc(t.schema)}.${bare}` : bare;
  if (!map.has(full)) map.set(full, t);
  if (!map.has(bare)) map.set(bare, t);
}

export function findIn(byProject: Map<string, Map<string, Table>>, parent: Map<string, string>, project: string, schema: string | undefined, name: string): Table | undefined {
  const bare = lc(name), full = schema ? `${lc(schema)}.${bare}` : undefined;
  for (let p: string | undefined = project; p !== undefined; p = parent.get(p)) {
    const m = byProject.get(p);
    const t = m && ((full ? m.get(full) : undefined) ?? m.get(bare));
    if (t) return t;
  }
  return undefined;
}
