// Fixes inside a migrations folder: never edit a migration that has already run; write the fix as the
// folder's next migration instead, named the way its migrator expects (a down file too where the
// folder keeps them and the fix can be reversed). Pure: the plan and the fix in, the new fix out.
import type { Fix, TextEdit } from '../findings.ts';
import { classifyAs, type Classified } from './conventions.ts';
import type { MigrationFolder } from './plan.ts';
import { inSections } from './section-file.ts';
import type { SectionTool } from './sections.ts';

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const createFile = (file: string, newText: string): TextEdit => ({ file, span: { start: 0, end: 0 }, range: ZERO, newText, createFile: true });

/** `what` part of the new file name: the fix title as a short snake_case slug. */
export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48).replace(/_+$/, '') || 'fix';
}

const pad = (n: bigint, width: number) => n.toString().padStart(width, '0');

/** Diesel's `2019-02-26-002946[-0000]` plus one second, in the same shape. */
function nextDieselStamp(dir: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(-\d{4})?_/.exec(dir);
  if (!m) return '0000-00-00-000000';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}${m[7] ?? ''}`;
}

/**
 * The paths of the folder's next migration: one past the last one applied or skipped (timestamps and
 * versions + 1 rather than the clock, so the name is reproducible and always sorts last).
 */
export function nextMigrationPaths(folder: MigrationFolder, what: string): { up: string; down?: string; sections?: SectionTool } {
  const { last, hasDown } = lastOf(folder);
  const root = folder.path ? folder.path + '/' : '';
  const width = last ? (/^\D*(\d+)/.exec(last.rel)?.[1].length ?? 4) : 4;
  const next = (last?.version[0] ?? 0n) + 1n;
  switch (folder.convention) {
    case 'prisma': return { up: `${root}${pad(next, width)}_normlint_${what}/migration.sql` };
    case 'diesel': {
      // Diesel sorts by the version string: the next one in the last one's shape (dashed stamp, or plain digits as crates.io writes them)
      const plain = /^(\d+)_/.exec(last?.name ?? '');
      const version = plain ? pad(BigInt(plain[1]) + 1n, plain[1].length) : nextDieselStamp(last?.name ?? '');
      const dir = `${root}${version}_normlint_${what}`;
      return { up: `${dir}/up.sql`, down: `${dir}/down.sql` };
    }
    case 'flyway': {
      // the last version part + 1, with the separator the folder writes (V1_12_9 → V1_12_10, V1.2 → V1.3)
      const v = last?.version ?? [0n];
      const sep = last && /^[A-Z]\d+\./i.test(last.rel) ? '.' : '_';
      const version = [...v.slice(0, -1), v[v.length - 1] + 1n].join(sep);
      return { up: `${root}V${version}__normlint_${what}.sql` };
    }
    case 'golang-migrate': {
      const style = last && /_up\.sql$/i.test(last.rel) ? '_' : '.';
      // the migrator reads its own file names: keep the latest file's `V` prefix and separator after the number
      const shape = last ? /^(v?)\d+([._-])(?!(?:up|down)\.sql$)/i.exec(last.rel) : null;
      const base = `${root}${shape?.[1] ?? ''}${pad(next, width)}${shape?.[2] ?? '_'}normlint_${what}`;
      return { up: `${base}${style}up.sql`, ...(hasDown ? { down: `${base}${style}down.sql` } : {}) };
    }
    case 'pop': {
      // the new file is for the database whose history was replayed: its SQL is that dialect's
      const db = folder.flavor ? `.${folder.flavor}` : '';
      const base = `${root}${pad(next, width)}_normlint_${what}${db}`;
      return { up: `${base}.up.sql`, ...(hasDown ? { down: `${base}.down.sql` } : {}) };
    }
    case 'sqlx':
    case 'numbered':
      return { up: `${root}${pad(next, width)}_normlint_${what}.sql` };
    // one file holds both directions (section-file.ts writes them); the name sorts last as the tool sorts
    case 'goose':
    case 'dbmate':
      return { up: `${root}${pad(next, width)}_normlint_${what}.sql`, sections: folder.convention };
    case 'sql-migrate': {
      // names without a leading number run after the numbered ones, by name: the last name extended sorts after it
      if (last && last.version.length === 0) return { up: `${root}${last.rel.replace(/\.sql$/i, '')}_normlint_${what}.sql`, sections: 'sql-migrate' };
      return { up: `${root}${pad(next, width)}_normlint_${what}.sql`, sections: 'sql-migrate' };
    }
  }
}

const lastCache = new WeakMap<MigrationFolder, { last: Classified | undefined; hasDown: boolean }>();

/** The folder's latest versioned migration and whether it keeps down files (once per folder: every fix asks). */
function lastOf(folder: MigrationFolder): { last: Classified | undefined; hasDown: boolean } {
  let r = lastCache.get(folder);
  if (r) return r;
  const files = [...folder.order, ...folder.skipped.map((s) => s.file)];
  const all = files.map((f) => classifyAs(f, folder.convention)).filter((c): c is Classified => !!c);
  let last: Classified | undefined;
  for (const c of all) if (c.role !== 'repeatable' && (!last || laterThan(c, last))) last = c;
  r = { last, hasDown: all.some((c) => c.role === 'down') };
  lastCache.set(folder, r);
  return r;
}

/** Later in the folder's order: by version; dbmate by file name; sql-migrate's unnumbered names after the numbered ones, by name. */
function laterThan(c: Classified, last: Classified): boolean {
  if (c.convention === 'dbmate' || (c.convention === 'sql-migrate' && c.version.length === 0 && last.version.length === 0)) return c.name > last.name;
  if (c.convention === 'sql-migrate' && (c.version.length === 0) !== (last.version.length === 0)) return c.version.length === 0;
  return compareVersions(c.version, last.version) > 0;
}

function compareVersions(a: bigint[], b: bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0n, y = b[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The statements that undo `up`, when every statement of it is a CREATE INDEX or CREATE TABLE; else undefined. */
export function reverseOf(up: string, dialect: string): string | undefined {
  const stmts = up.split(';').map((s) => s.replace(/^\s*(--[^\n]*\n\s*)*/, '').trim()).filter(Boolean);
  const out: string[] = [];
  for (const s of stmts.reverse()) {
    const idx = /^create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?((?:[\w$]+|"[^"]+"|`[^`]+`)(?:\.(?:[\w$]+|"[^"]+"))?)\s+on\s+((?:[\w$]+|"[^"]+"|`[^`]+`)(?:\.(?:[\w$]+|"[^"]+"|`[^`]+`))?)/i.exec(s);
    const tbl = /^create\s+table\s+(?:if\s+not\s+exists\s+)?((?:[\w$]+|"[^"]+"|`[^`]+`)(?:\.(?:[\w$]+|"[^"]+"|`[^`]+`))?)/i.exec(s);
    if (idx) out.push(dialect === 'mysql' || dialect === 'mariadb' ? `DROP INDEX ${idx[1]} ON ${idx[2]};` : `DROP INDEX ${idx[1]};`);
    else if (tbl) out.push(`DROP TABLE ${tbl[1]};`);
    else return undefined;
  }
  return out.length ? out.join('\n') + '\n' : undefined;
}

const noDownLine = (fix: Fix) => `-- normlint: no down migration: ${fix.down && 'none' in fix.down ? fix.down.none : 'this fix cannot be reversed'}\n`;

/**
 * The fix as a new migration of `folder`: the data migration when the fix has one (it creates and fills
 * the new tables and drops what moved), else the statements the fix inserts. A fix that only rewrites
 * applied statements in place cannot be a migration: null.
 */
export function asNewMigration(fix: Fix, folder: MigrationFolder, dialect: string): Fix | null {
  const inserted = fix.edits.filter((e) => !e.createFile && e.span.start === e.span.end).map((e) => e.newText.trim());
  const body = fix.migration?.trim() || (inserted.length === fix.edits.length ? inserted.join('\n\n') : '');
  if (!body) return null;
  const paths = nextMigrationPaths(folder, slug(fix.title));
  // the way back: the data migration's own (fix/reverse.ts), else the reverse of plain CREATE statements
  const back = fix.down && 'down' in fix.down ? fix.down.down : fix.migration?.trim() ? undefined : reverseOf(body, dialect);
  const noDown = paths.down && !back && fix.down && 'none' in fix.down ? noDownLine(fix) : '';
  if (paths.sections) {
    const text = inSections(paths.sections, `-- normlint: ${fix.title}\n${back ? '' : noDownLine(fix)}`, body, back, dialect);
    return { ...fix, title: `${fix.title} (new migration ${paths.up.slice(folder.path.length + 1)})`, edits: [createFile(paths.up, text)] };
  }
  const up = `-- normlint: ${fix.title}\n${noDown}${body}\n`;
  const edits = [createFile(paths.up, up)];
  if (paths.down && back) edits.push(createFile(paths.down, `-- normlint: reverses ${paths.up.slice(paths.up.lastIndexOf('/') + 1)}\n${back}`));
  return { ...fix, title: `${fix.title} (new migration ${paths.up.slice(folder.path.length + 1)})`, edits };
}
