// Templated SQL is read as rendered text (placeholders replaced by their values), but the user's file
// holds the template. Findings in such a file are mapped back to the file as written, so the editor and
// the CLI point at the right place; a rewrite that would write rendered text into the file (replacing the
// template with its values, or editing a placeholder) is declined with the reason. A new file (the
// folder's next migration) gets the placeholders back where its SQL names the rendered values, so the
// migrator renders it like the others.
import type { Finding, Fix, RelatedInfo, TextEdit } from '../findings.ts';
import type { Range, Span } from '../model.ts';
import { computeLineStarts, offsetAt, rangeOf } from '../positions.ts';
import type { RenderedPiece } from '../reader/history.ts';
import type { MigrationPlan } from './plan.ts';

interface FileMap { pieces: RenderedPiece[]; renderedLines: number[]; originalLines: number[]; renderedLength: number; values: string[] }

/**
 * The offset in the file as written of a rendered offset. Inside a replaced value, a start goes to the
 * placeholder's start and an end to its end (the span then covers the whole placeholder).
 */
export function originalOffset(pieces: RenderedPiece[], offset: number, side: 'start' | 'end'): number {
  let lo = 0, hi = pieces.length; // first piece that ends after offset
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pieces[mid].at + pieces[mid].length <= offset) lo = mid + 1; else hi = mid;
  }
  const before = pieces[lo - 1];
  const shifted = before ? offset - (before.at + before.length) + before.originalAt + before.originalLength : offset;
  const p = pieces[lo];
  if (p && offset > p.at) return side === 'start' ? p.originalAt : p.originalAt + p.originalLength;
  return shifted;
}

const overlaps = (pieces: RenderedPiece[], span: Span) => pieces.some((p) => span.start < p.at + p.length && p.at < span.end);

/** How a rendered value stands in the files: as a whole name (a schema), or as the start of one (a table prefix). */
interface Usage { placeholder: string; whole: boolean; prefix: boolean }

const IDENT_CHAR = /[\w$]/;

type PlanLike = Pick<MigrationPlan, 'sources' | 'renderings'> & Partial<Pick<MigrationPlan, 'folders'>>;

const dirOf = (f: string) => f.replace(/\\/g, '/').replace(/\/[^/]*$/, '');

/** Where a file belongs: its migrations folder, else its own directory (a plain file's data migration goes beside it). */
function homeOf(file: string, plan: PlanLike): string {
  const f = file.replace(/\\/g, '/');
  const folder = plan.folders?.find((d) => f.startsWith(d.path.replace(/\\/g, '/') + '/'));
  return folder ? folder.path : dirOf(f);
}

/**
 * Each rendered value → the placeholder it came from and how the files use it, for the files of `home`
 * (a new file takes its own folder's placeholders; the first placeholder written wins).
 */
export function placeholderUsages(plan: PlanLike, home: string): Map<string, Usage> {
  const rendered = new Map(plan.sources.map((s) => [s.file, s.text]));
  const out = new Map<string, Usage>();
  for (const [file, r] of plan.renderings) {
    if (homeOf(file, plan) !== home) continue;
    const text = rendered.get(file) ?? '';
    for (const p of r.pieces) {
      const value = text.slice(p.at, p.at + p.length);
      if (!/^[\w$]+$/.test(value)) continue; // only names are written back; other values cannot be told from SQL
      let u = out.get(value);
      if (!u) out.set(value, (u = { placeholder: r.original.slice(p.originalAt, p.originalAt + p.originalLength), whole: false, prefix: false }));
      if (IDENT_CHAR.test(text[p.at + p.length] ?? '')) u.prefix = true; else u.whole = true;
    }
  }
  return out;
}

/**
 * The SQL of a new migration with the folder's placeholders in place of their rendered values: every name
 * (bare or quoted) equal to a value used as a whole name, or starting with a value used as a prefix.
 * Comments and strings are left as they are (they name things for the reader).
 */
export function writeBackPlaceholders(sql: string, usages: Map<string, Usage>): string {
  if (usages.size === 0) return sql;
  // a comment or string is matched first and kept; names are matched bare or inside "…" / `…`
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"([^"]+)"|`([^`]+)`|([A-Za-z_][\w$]*)/g, (m, dq?: string, bq?: string, bare?: string) => {
    const name = dq ?? bq ?? bare;
    if (name === undefined) return m;
    const back = nameBack(name, usages);
    if (back === undefined) return m;
    return dq !== undefined ? `"${back}"` : bq !== undefined ? `\`${back}\`` : back;
  });
}

function nameBack(name: string, usages: Map<string, Usage>): string | undefined {
  const whole = usages.get(name);
  if (whole?.whole) return whole.placeholder;
  for (const [value, u] of usages) if (u.prefix && name.length > value.length && name.startsWith(value)) return u.placeholder + name.slice(value.length);
  return undefined;
}

/** Writes the placeholders back into new files (createFile edits); other edits pass through. */
export function newFilesWriter(plan: PlanLike): (e: TextEdit) => TextEdit {
  const usages = new Map<string, Map<string, Usage>>();
  return (e) => {
    if (!e.createFile || plan.renderings.size === 0) return e;
    const home = homeOf(e.file, plan);
    let u = usages.get(home);
    if (!u) usages.set(home, (u = placeholderUsages(plan, home)));
    return { ...e, newText: writeBackPlaceholders(e.newText, u) };
  };
}

export function restoreTemplates(findings: Finding[], plan: PlanLike): Finding[] {
  const renderings = plan.renderings;
  if (renderings.size === 0) return findings;
  const rendered = new Map(plan.sources.map((s) => [s.file, s.text]));
  const maps = new Map<string, FileMap>();
  const mapOf = (file: string): FileMap | undefined => {
    const r = renderings.get(file);
    if (!r) return undefined;
    let m = maps.get(file);
    if (!m) {
      const text = rendered.get(file) ?? '';
      const values = [...new Set(r.pieces.map((p) => text.slice(p.at, p.at + p.length)).filter((v) => v.length > 0))];
      m = { pieces: r.pieces, renderedLines: computeLineStarts(text), originalLines: computeLineStarts(r.original), renderedLength: text.length, values };
      maps.set(file, m);
    }
    return m;
  };
  const spanBack = (m: FileMap, s: Span): Span => ({ start: originalOffset(m.pieces, s.start, 'start'), end: originalOffset(m.pieces, s.end, 'end') });
  const rangeBack = (m: FileMap, r: Range): Range => rangeOf(m.originalLines, spanBack(m, {
    start: offsetAt(m.renderedLines, r.start, m.renderedLength), end: offsetAt(m.renderedLines, r.end, m.renderedLength),
  }));
  const relatedBack = (r: RelatedInfo): RelatedInfo => { const m = mapOf(r.file); return m ? { ...r, range: rangeBack(m, r.range) } : r; };
  // why an edit cannot be written into the templated file as it is, or undefined when it can (mapped back)
  const blocked = (e: TextEdit): string | undefined => {
    const m = e.createFile ? undefined : mapOf(e.file);
    if (!m) return undefined;
    if (overlaps(m.pieces, e.span)) return 'it would rewrite a template placeholder of this file';
    const value = m.values.find((v) => e.newText.includes(v));
    return value === undefined ? undefined : `its SQL would write the rendered value "${value}" where the file has a template placeholder`;
  };
  const newFileBack = newFilesWriter(plan);
  const editBack = (e: TextEdit): TextEdit => {
    if (e.createFile) return newFileBack(e);
    const m = mapOf(e.file);
    if (!m) return e;
    const span = spanBack(m, e.span);
    return { ...e, span, range: rangeOf(m.originalLines, span) };
  };

  return findings.map((f) => {
    // a finding on a templated file, or with a fix that edits one or writes a file (a new migration, a data migration script)
    const touched = renderings.has(f.file) || f.related.some((r) => renderings.has(r.file)) || f.fixes.some((x) => x.edits.some((e) => e.createFile || renderings.has(e.file)));
    if (!touched) return f;
    const m = mapOf(f.file);
    const fixes: Fix[] = [];
    const declined = [...(f.declinedFixes ?? [])];
    for (const x of f.fixes) {
      const why = x.edits.map(blocked).find((w) => w !== undefined);
      if (why) declined.push({ title: x.title, reason: `this file is templated and ${why}; apply the rewrite by hand` });
      else fixes.push({ ...x, edits: x.edits.map(editBack) });
    }
    const span = m ? spanBack(m, f.span) : f.span;
    return {
      ...f, span, range: m ? rangeOf(m.originalLines, span) : f.range, related: f.related.map(relatedBack), fixes,
      ...(declined.length > 0 ? { declinedFixes: declined } : {}),
    };
  });
}
