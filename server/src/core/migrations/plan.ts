// Which files form migration folders, in what order the migrator applies them, and which it never
// applies as schema (down/undo files, V files a baseline stands for). Pure: sources in → ordered
// sources + replay flag out, so the CLI and the language server plan the same way.
import picomatch from 'picomatch';
import { renderTracked, type RenderedPiece } from '../reader/history.ts';
import type { SourceFile } from '../analyze.ts';
import { classify, classifyAs, classifyTool, compareMigrations, CONVENTIONS, MIGRATIONS_NAME, type Classified, type Convention, type PopFlavor } from './conventions.ts';
import { popHistory } from './pop.ts';
import type { Dialect, DialectSetting } from '../model.ts';
import { sectionToolOf, upSectionsOnly } from './sections.ts';

export interface MigrationsConfig {
  /** Only this folder is migrations (matched against the end of each folder path, e.g. "db/migrations"). */
  path?: string;
  convention?: Convention;
  /** Globs (picomatch) of files to leave out, relative to the folder; a pattern without '/' matches file names. */
  exclude?: string[];
  /** Text → replacement rendered into templated SQL before reading (e.g. a Go template's schema name). */
  placeholders?: Record<string, string>;
}

export interface MigrationFolder {
  path: string;
  convention: Convention;
  /** pop: the database whose history is replayed (pop.ts), and the dialect its files are read in. */
  flavor?: PopFlavor;
  dialect?: Dialect;
  /** The files applied, in the migrator's order. */
  order: string[];
  /** Files of the folder that are not schema, and why (down file, replaced by a baseline, excluded). */
  skipped: { file: string; reason: string }[];
}

export interface MigrationPlan {
  /** Plain schema files first (as given), then each folder's files in migrator order. */
  sources: SourceFile[];
  /** True when there is a migrations folder: build the workspace with `{ replay: true }`. */
  replay: boolean;
  folders: MigrationFolder[];
  /** Every file the plan left out of `sources` → why. Never analysed as schema. */
  skipped: Map<string, string>;
  /** Files read as rendered text (placeholders replaced) → the pieces replaced, to map spans back to the file. */
  renderings: Map<string, Rendering>;
}

/** How a file was rendered: the pieces replaced (in order) and the text as written. */
export interface Rendering { pieces: RenderedPiece[]; original: string }

const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
/** Convention-specific names are certain from one file; numbered ones from two, or one in a folder named like migrations. */
const DISTINCT: ReadonlySet<Convention> = new Set(['goose', 'sql-migrate', 'dbmate', 'prisma', 'diesel', 'flyway', 'golang-migrate']);

function underPath(root: string, path: string): boolean {
  const p = norm(path).replace(/^\.\//, '');
  const r = norm(root);
  return p === '' || p === '.' || r === p || r.endsWith('/' + p);
}

/** `dialect`: the dialect setting, which picks the database a pop folder's history is replayed for. */
export function planMigrations(sources: SourceFile[], config: MigrationsConfig = {}, dialect: DialectSetting = 'auto'): MigrationPlan {
  // group each file's readings by folder root and convention
  const groups = new Map<string, Map<Convention, { source: SourceFile; c: Classified }[]>>();
  const readings = new Map<SourceFile, Classified[]>();
  for (const s of sources) {
    // a file that starts with a goose / sql-migrate / dbmate up marker is that tool's migration, whatever
    // its folder is called (its plain numbered reading then counts too, and the tool wins the tie)
    const tool = config.convention ? undefined : sectionToolOf(s.text);
    const byTool = tool ? classifyTool(s.file, tool) : undefined;
    let cs = config.convention
      ? [classifyAs(s.file, config.convention)].filter((c): c is Classified => !!c)
      : [...(byTool ? [byTool] : []), ...classify(s.file, !!byTool)];
    if (config.path) cs = cs.filter((c) => underPath(c.root, config.path!));
    readings.set(s, cs);
    for (const c of cs) {
      let byConv = groups.get(c.root);
      if (!byConv) groups.set(c.root, (byConv = new Map()));
      let list = byConv.get(c.convention);
      if (!list) byConv.set(c.convention, (list = []));
      list.push({ source: s, c });
    }
  }
  // a root's convention: the one reading most of its files (ties: the more specific, in CONVENTIONS order)
  const chosen = new Map<string, Convention>();
  for (const [root, byConv] of groups) {
    let best: Convention | undefined, n = 0;
    for (const conv of CONVENTIONS) {
      const k = byConv.get(conv)?.length ?? 0;
      if (k > n) { best = conv; n = k; }
    }
    if (best && (n >= 2 || DISTINCT.has(best) || MIGRATIONS_NAME.test(root) || config.convention || config.path)) chosen.set(root, best);
  }
  const isExcluded = config.exclude?.length ? picomatch(config.exclude, { basename: true, dot: true }) : () => false;
  const inFolder = new Set<SourceFile>();
  const folders: MigrationFolder[] = [];
  const skipped = new Map<string, string>();
  const renderings = new Map<string, Rendering>();
  const ordered: SourceFile[] = [];
  for (const [root, convention] of [...chosen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const members = groups.get(root)!.get(convention)!.filter(({ source }) => !inFolder.has(source));
    for (const m of members) inFolder.add(m.source);
    const folder: MigrationFolder = { path: root, convention, order: [], skipped: [] };
    const skip = (file: string, reason: string) => { folder.skipped.push({ file, reason }); skipped.set(file, reason); };
    let live = members.filter(({ source, c }) => {
      if (isExcluded(c.rel)) { skip(source.file, 'excluded by the "migrations.exclude" setting'); return false; }
      if (c.role === 'down') { skip(source.file, 'a down/undo migration: never schema'); return false; }
      return true;
    });
    if (convention === 'pop') {
      const h = popHistory(live, dialect, skip);
      live = h.apply;
      if (h.flavor) { folder.flavor = h.flavor; folder.dialect = h.dialect; }
    }
    // Flyway: the latest baseline stands for every V up to its version; repeatables run last
    const baseline = live.filter((m) => m.c.role === 'baseline').sort((a, b) => compareMigrations(a.c, b.c)).pop();
    const apply = live.filter(({ source, c }) => {
      if (c.role === 'baseline' && c !== baseline?.c) { skip(source.file, `an older baseline than ${baseline!.c.name}`); return false; }
      if (baseline && c.role === 'up' && compareMigrations(c, { ...baseline.c, name: '\uffff' }) <= 0) {
        skip(source.file, `replaced by the baseline ${baseline.c.name}`);
        return false;
      }
      return true;
    });
    const rank = (c: Classified) => (c.role === 'baseline' ? 0 : c.role === 'repeatable' ? 2 : 1);
    apply.sort((a, b) => rank(a.c) - rank(b.c) || compareMigrations(a.c, b.c));
    for (const { source } of apply) { folder.order.push(source.file); ordered.push(render(source, config.placeholders, renderings)); }
    folders.push(folder);
  }
  // A data migration normlint wrote beside a schema file (`"migrations": "file"`) is a script to run once,
  // not schema: its CREATE TABLEs repeat the rewritten schema's. In a migrations folder it is a migration.
  const plain = sources.filter((s) => {
    if (inFolder.has(s)) return false;
    if (!isDataMigrationScript(s.text)) return true;
    skipped.set(s.file, 'a data migration normlint wrote: a script to run once, not schema');
    return false;
  });
  // placeholders render plain schema files too ({$db_prefix}, {{ .Schema }}): templated SQL is not SQL until
  // then; a down section is never schema, in a folder or not (a goose file goose itself would not run)
  const rendered = plain.map((s) => render(s, config.placeholders, renderings));
  return { sources: [...rendered, ...ordered], replay: folders.length > 0, folders, skipped, renderings };
}

/**
 * The file as the migrator runs it: placeholders rendered, the down sections of a goose / sql-migrate /
 * dbmate file blanked (sections.ts: spaces and newlines, so offsets of the up sections do not move). DO
 * blocks are the reader's (reader/do-block.ts applies the DDL that always runs).
 */
function render(source: SourceFile, placeholders: Record<string, string> | undefined, renderings: Map<string, Rendering>): SourceFile {
  let text = source.text;
  const tool = sectionToolOf(text);
  if (tool) text = upSectionsOnly(text, tool);
  if (placeholders) {
    const r = renderTracked(text, placeholders);
    if (r.pieces.length > 0) renderings.set(source.file, { pieces: r.pieces, original: source.text });
    text = r.text;
  }
  return withText(source, text);
}

const withText = (source: SourceFile, text: string): SourceFile => (text === source.text ? source : { file: source.file, text });

/** The first line of every data migration a fix writes (core/fix/plan.ts). */
export const DATA_MIGRATION_HEADER = '-- normlint: data migration for ';
export const isDataMigrationScript = (text: string): boolean => text.trimStart().startsWith(DATA_MIGRATION_HEADER);
