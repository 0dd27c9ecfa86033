// Per-table dependency analysis: inferred FDs (with evidence), candidate keys, prime attributes, normal form.
// Sources (fd/sources/*) work in lower-cased column names; results are reported with names as written.
import type { Evidence } from '../findings.ts';
import type { Table, WorkspaceModel } from '../model.ts';
import type { Options } from '../options.ts';
import { breaksFirstNormalForm } from '../nf1/index.ts';
import type { Dependency, TableAnalysis } from './types.ts';
import { tableContext, type Inferred, type TableContext } from './context.ts';
import { keyDependencies } from './sources/keys.ts';
import { annotationDependencies, annotationProblems } from './sources/annotations.ts';
import { namingDependencies } from './sources/naming.ts';
import { referenceDependencies } from './sources/references.ts';
import { dataDependencies } from './sources/data.ts';
import { candidateKeys, closure, type FD } from './theory.ts';
import { confidenceOf, snapshotReason, stronger, weakCopyReason } from './confidence.ts';
import type { Confidence } from '../findings.ts';

/** Candidate keys beyond this many are not searched (the analysis says `truncated`). */
const KEY_LIMIT = 32;

export function analyzeTable(table: Table, workspace: WorkspaceModel, options: Options): TableAnalysis {
  const t = tableContext(table, workspace, options);
  const inferred = inferDependencies(t);
  // Generated columns are functions of the others: they never need to be part of a key.
  const attrs = table.columns.some((c) => c.generated) ? t.names.filter((n) => !t.cols.get(n)!.generated) : t.names;
  const fds: FD[] = inferred.map((d) => ({ lhs: d.determinant, rhs: d.dependents }));
  const onlyKeys = inferred.every((d) => d.evidence.source === 'key');
  // Fast path for the common case (only declared keys): the candidate keys are the minimal declared
  // keys, or the whole row when none is declared, and the table is in BCNF.
  const { keys, truncated } = !attrs.length ? { keys: [], truncated: false }
    : onlyKeys ? { keys: minimalKeys(t, attrs), truncated: false }
    : candidateKeys(attrs, fds, KEY_LIMIT);
  const prime = new Set<string>();
  for (const k of keys) for (const c of k) prime.add(c); // (not keys.flat(): measurably slow in the bench)
  const dependencies = merge(t, inferred);
  const lower = { keys, prime, fds, attrs };
  const notes = table.annotations.length ? annotationProblems(t) : [];
  let normalForm: TableAnalysis['normalForm'];
  if (breaksFirstNormalForm(table, workspace)) normalForm = 'UNF';
  else normalForm = onlyKeys ? 'BCNF' : highestNormalForm(lower, inferred);
  return {
    candidateKeys: keys.map((k) => k.map(t.display)),
    dependencies,
    primeAttributes: t.names.filter((n) => prime.has(n)).map(t.display),
    normalForm,
    ...(truncated ? { truncated } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

function minimalKeys(t: TableContext, attrs: string[]): string[][] {
  const declared = t.keys.map((k) => k.columns).filter((k) => k.every((c) => attrs.includes(c)));
  if (declared.length === 0) return [attrs];
  const minimal = declared.filter((k) => !declared.some((o) => o !== k && o.length < k.length && o.every((c) => k.includes(c))));
  const pos = (c: string) => t.names.indexOf(c);
  return minimal.map((k) => [...k].sort((a, b) => pos(a) - pos(b))).sort((a, b) => a.length - b.length || pos(a[0]) - pos(b[0]));
}

/** All sources, in lower-case names. Data comes last: it only adds what the schema does not already say. */
export function inferDependencies(t: TableContext): Inferred[] {
  const out: Inferred[] = [
    ...keyDependencies(t),
    ...annotationDependencies(t),
    ...referenceDependencies(t),
    ...namingDependencies(t),
  ];
  const data = dataDependencies(t, out);
  return [...out, ...data.confirms, ...data.added];
}

/** One Dependency per determinant, dependents in column order, every source kept. */
function merge(t: TableContext, inferred: Inferred[]): Dependency[] {
  const groups = new Map<string, { det: string[]; deps: Set<string>; sources: Evidence[]; strong: boolean; caveat?: string; confidence: Confidence; snapshot?: string; hedge?: string }>();
  const keyOnly: Dependency[] = [];
  for (const d of inferred) {
    // declared keys: dependents are already the other columns in order; one group each
    if (d.evidence.source === 'key') {
      keyOnly.push({ determinant: d.determinant.map(t.display), dependents: d.dependents.map(t.display), sources: [d.evidence], confidence: 'high' });
      continue;
    }
    const k = [...d.determinant].sort().join('\u0000');
    let g = groups.get(k);
    if (!g) { g = { det: d.determinant, deps: new Set(), sources: [], strong: false, confidence: 'low' }; groups.set(k, g); }
    d.dependents.forEach((x) => g!.deps.add(x));
    if (!g.sources.some((s) => s.source === d.evidence.source && s.detail === d.evidence.detail)) g.sources.push(d.evidence);
    if (d.weak) g.caveat ??= d.weak; else g.strong = true;
    // A copy inferred from names or a reference in a table of events or sale lines may be a snapshot kept
    // on purpose: at most a low-confidence hint. Declared and data-shown dependencies keep their strength.
    let c = confidenceOf(d);
    if (d.evidence.source === 'naming' || d.evidence.source === 'reference') {
      const snap = snapshotReason(t, d.determinant);
      if (snap) { c = 'low'; g.snapshot ??= snap; }
      const weak = weakCopyReason(t, d);
      if (weak) { c = 'low'; g.hedge ??= weak; }
    }
    g.confidence = stronger(g.confidence, c);
  }
  if (groups.size === 0) return keyOnly;
  const pos = new Map(t.names.map((n, i) => [n, i]));
  const order = (a: string, b: string) => pos.get(a)! - pos.get(b)!;
  // a non-key source with the same determinant as a key joins the key's group
  for (const kd of keyOnly) {
    const k = kd.determinant.map((x) => x.toLowerCase()).sort().join('\u0000');
    const g = groups.get(k);
    if (g) { kd.dependents.forEach((x) => g.deps.add(x.toLowerCase())); g.sources.unshift(...kd.sources); g.strong = true; g.confidence = 'high'; }
  }
  const merged = new Set([...groups.keys()]);
  const rest = keyOnly.filter((kd) => !merged.has(kd.determinant.map((x) => x.toLowerCase()).sort().join('\u0000')));
  return [...rest, ...[...groups.values()].map((g) => ({
    determinant: [...g.det].sort(order).map(t.display),
    dependents: [...g.deps].sort(order).map(t.display),
    sources: g.sources,
    // a weak copy (fd/confidence.ts weakCopyReason) that stayed low says why; else names-only evidence does
    ...(g.hedge && g.confidence === 'low' ? { caveat: g.hedge } : g.strong || !g.caveat ? {} : { caveat: g.caveat }),
    confidence: g.confidence,
    ...(g.snapshot && g.confidence === 'low' ? { snapshot: g.snapshot } : {}),
  }))];
}

interface LowerAnalysis { keys: string[][]; prime: Set<string>; fds: FD[]; attrs: string[] }

/**
 * 2NF: no non-prime attribute in the closure of a proper subset of a key; 3NF: no non-prime attribute
 * determined by a non-superkey; BCNF: every determinant a superkey. Checked on the closure of every
 * stated determinant, so dependencies implied by chains count too.
 */
function highestNormalForm(a: LowerAnalysis, inferred: Inferred[]): TableAnalysis['normalForm'] {
  let nf: 0 | 1 | 2 | 3 = 3; // index into ['1NF','2NF','3NF','BCNF']
  const seen = new Set<string>();
  for (const d of inferred) {
    const k = [...d.determinant].sort().join('\u0000');
    if (seen.has(k)) continue;
    seen.add(k);
    const cl = closure(d.determinant, a.fds);
    if (a.attrs.every((x) => cl.has(x))) continue; // superkey
    const determined = [...cl].filter((x) => !d.determinant.includes(x) && a.attrs.includes(x));
    if (determined.length === 0) continue;
    const nonPrime = determined.filter((x) => !a.prime.has(x));
    const partOfKey = a.keys.some((key) => d.determinant.every((x) => key.includes(x)) && d.determinant.length < key.length);
    if (nonPrime.length && partOfKey) nf = Math.min(nf, 0) as typeof nf;
    else if (nonPrime.length) nf = Math.min(nf, 1) as typeof nf;
    else nf = Math.min(nf, 2) as typeof nf;
  }
  return (['1NF', '2NF', '3NF', 'BCNF'] as const)[nf];
}
