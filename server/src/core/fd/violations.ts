// Which inferred dependencies break 2NF, 3NF or BCNF, grouped the way the three rules report them:
// one violation per (determinant, rule) with all its dependents. Shared by the three rules so a
// dependency is classified exactly once (partial/transitive first; BCNF only for prime dependents).
import type { Confidence, Evidence, NormalForm, RuleId } from '../findings.ts';
import type { Table } from '../model.ts';
import type { Dependency, TableAnalysis } from './types.ts';
import { closure } from './theory.ts';
import { lc } from '../lc.ts';

export interface Violation {
  rule: Extract<RuleId, 'partial-dependency' | 'transitive-dependency' | 'bcnf-violation'>;
  normalForm: NormalForm;
  determinant: string[];
  dependents: string[];
  sources: Evidence[];
  caveat?: string;
  confidence: Confidence;
  /** Why the dependents may be a snapshot kept on purpose (then confidence is low). */
  snapshot?: string;
  /** The candidate key the determinant is part of (partial) or the key it is not (transitive/BCNF). */
  key: string[];
  /** No key is declared: the candidate keys were derived from the dependencies (the whole row otherwise). */
  derivedKey: boolean;
}


/** Tables whose findings belong to another table (partitions and LIKE copies repeat their parent's). */
export function isDerivedTable(table: Table): boolean {
  return table.kind === 'partition' || table.kind === 'like';
}

export function classify(table: Table, a: TableAnalysis): Violation[] {
  if (isDerivedTable(table) || a.candidateKeys.length === 0) return [];
  if (a.dependencies.every((d) => d.sources.every((s) => s.source === 'key'))) return [];
  const attrs = table.columns.filter((c) => !c.generated).map((c) => lc(c.name));
  const generated = new Set(table.columns.filter((c) => c.generated).map((c) => lc(c.name)));
  const fds = a.dependencies.map((d) => ({ lhs: d.determinant.map(lc), rhs: d.dependents.map(lc) }));
  const keys = a.candidateKeys.map((k) => k.map(lc));
  const prime = new Set(a.primeAttributes.map(lc));
  const derivedKey = !a.dependencies.some((d) => d.sources.some((s) => s.source === 'key'));
  const out: Violation[] = [];
  for (const d of a.dependencies) {
    if (d.sources.every((s) => s.source === 'key')) continue;
    const det = d.determinant.map(lc);
    const cl = closure(det, fds);
    if (attrs.every((x) => cl.has(x))) continue; // a superkey: no anomaly
    const partOf = keys.find((k) => det.every((x) => k.includes(x)) && det.length < k.length);
    const partial: string[] = [], transitive: string[] = [], bcnf: string[] = [];
    for (const dep of d.dependents) {
      const l = lc(dep);
      if (det.includes(l) || generated.has(l)) continue;
      if (!prime.has(l)) (partOf ? partial : transitive).push(dep);
      else bcnf.push(dep);
    }
    const base = { determinant: d.determinant, sources: d.sources, caveat: d.caveat, confidence: d.confidence ?? 'high', snapshot: d.snapshot, derivedKey };
    const key = (partOf ?? keys[0]).map((k) => a.candidateKeys.flat().find((x) => lc(x) === k) ?? k);
    if (partial.length) out.push({ ...base, rule: 'partial-dependency', normalForm: '2NF', dependents: partial, key });
    if (transitive.length) out.push({ ...base, rule: 'transitive-dependency', normalForm: '3NF', dependents: transitive, key });
    if (bcnf.length) out.push({ ...base, rule: 'bcnf-violation', normalForm: 'BCNF', dependents: bcnf, key });
  }
  return out;
}

export type { Dependency };
