// Table lookup while merging a workspace: by "schema.name" and "name" (first declaration wins), one map per
// project, and the project a miss falls back to. Moved out of workspace.ts so that the incremental merge
// (remerge.ts) can substitute the tables an edit rebuilt without touching the maps an older workspace holds.
import type { Table } from './model.ts';
import { lc } from './lc.ts';

export class Lookups {
  /** The maps written by substitute() since fork(): copied first, so the workspace they came from keeps its own. */
  private owned = new Set<Map<unknown, unknown>>();

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

  /** The same lookups, sharing every map until substitute() writes one (copy on write). */
  fork(): Lookups {
    return new Lookups(this.global, this.byProject, this.projectOf, this.parent);
  }

  /**
   * `now` takes the place of `was` (the same table rebuilt: same name, same project) wherever `was` is found:
   * the global map and the maps of `projects` (its own, and the one a later copy of a schema also registers in).
   */
  substitute(was: Table, now: Table, projects: string[]): void {
    this.projectOf = this.own(this.projectOf);
    const p = this.projectOf.get(was);
    this.projectOf.delete(was);
    if (p !== undefined) this.projectOf.set(now, p);
    const swap = (m: Map<string, Table>) => {
      const bare = lc(was.name), full = was.schema ? `${lc(was.schema)}.${bare}` : bare;
      if (m.get(full) !== was && m.get(bare) !== was) return m;
      const w = this.own(m);
      if (w.get(full) === was) w.set(full, now);
      if (w.get(bare) === was) w.set(bare, now);
      return w;
    };
    this.global = swap(this.global);
    for (const project of projects) {
      const m = this.byProject.get(project);
      if (!m) continue;
      const w = swap(m);
      if (w !== m) { this.byProject = this.own(this.byProject); this.byProject.set(project, w); }
    }
  }

  private own<M extends Map<any, any>>(m: M): M {
    if (this.owned.has(m)) return m;
    const copy = new Map(m) as M;
    this.owned.add(copy);
    return copy;
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
