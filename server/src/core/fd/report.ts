// Turns a classified dependency violation into a Finding: message for someone learning normalization,
// range on the first dependent column, related information at the determinant and the evidence, fixes
// from the fix builders. Shared by partial-dependency, transitive-dependency and bcnf-violation.
import { confidenceRank, type Evidence, type Finding, type RelatedInfo } from '../findings.ts';
import type { Table } from '../model.ts';
import type { Rule, RuleContext } from '../rule.ts';
import { rangeOf } from '../positions.ts';
import { dependencyFixes, splitDeclined } from '../fix/index.ts';
import { classify, type Violation } from './violations.ts';
import { lc } from '../lc.ts';
import { singular } from '../inflect.ts';


export function checkDependencies(ctx: RuleContext, rule: Violation['rule']): Finding[] {
  const out: Finding[] = [];
  for (const table of ctx.tables) {
    for (const v of classify(table, ctx.analysis(table))) {
      // evidence weaker than the user asked for is not reported (the analysis still knows the dependency)
      if (v.rule === rule && confidenceRank(v.confidence) >= confidenceRank(ctx.options.minConfidence ?? 'medium')) out.push(toFinding(ctx, table, v));
    }
  }
  return out;
}

function toFinding(ctx: RuleContext, table: Table, v: Violation): Finding {
  const fm = ctx.fileOf(table.file);
  const col = (n: string) => table.columns.find((c) => lc(c.name) === lc(n));
  const first = col(v.dependents[0]);
  const span = first?.nameSpan ?? table.nameSpan;
  const evidence: Evidence[] = v.sources.map((s) => withRange(ctx, s, table.file));
  const related: RelatedInfo[] = [];
  for (const d of v.determinant) {
    const c = col(d);
    if (c) related.push({ file: table.file, range: rangeOf(fm.lineStarts, c.nameSpan), message: `determinant ${c.name}` });
  }
  for (const e of evidence) if (e.range) related.push({ file: e.file ?? table.file, range: e.range, message: `${e.source}: ${e.detail}` });
  return {
    rule: v.rule,
    severity: v.confidence === 'low' ? 'info' : 'warning',
    message: message(table, v),
    confidence: v.confidence,
    file: table.file,
    table: table.name,
    ...(table.schema ? { schema: table.schema } : {}),
    columns: v.dependents,
    determinant: v.determinant,
    normalForm: v.normalForm,
    evidence,
    span,
    range: rangeOf(fm.lineStarts, span),
    related,
    ...(ctx.withFixes === false ? { fixes: [] } : splitDeclined(dependencyFixes(ctx, table, v.determinant, v.dependents))),
  };
}

function withRange(ctx: RuleContext, e: Evidence, fallbackFile: string): Evidence {
  if (!e.span) return e;
  const file = e.file ?? fallbackFile;
  try {
    return { ...e, file, range: rangeOf(ctx.fileOf(file).lineStarts, e.span) };
  } catch {
    return { ...e, file };
  }
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const tuple = (xs: string[]) => (xs.length === 1 ? xs[0] : `(${xs.join(', ')})`);
/** The first message sentence says the problem; it is kept within this many characters. */
const LEAD_MAX = 120;

/**
 * What one determinant value stands for: `Dept` for DeptID beside DeptName, `customer` for customers_id
 * beside customers_name (singular), `(a, b) combination` for several columns. The identifier suffix is
 * dropped only when a dependent is named after the rest (a postal code is not a "postal", and `uri-id`
 * beside `uri` reads "each uri-id has one uri", never "each uri has one uri").
 */
function entity(det: string[], deps: string[]): string {
  if (det.length > 1) return `${tuple(det)} combination`;
  const stripped = det[0].replace(/[-_ ]?(id|code|no|num|nr|name)$/i, '');
  if (stripped.length < 2 || stripped === det[0]) return det[0];
  const stem = stripped.toLowerCase();
  if (!deps.some((d) => d.toLowerCase().startsWith(stem) && d.length > stem.length)) return det[0];
  const cut = Math.max(stripped.lastIndexOf('_'), stripped.lastIndexOf('-')) + 1;
  return stripped.slice(0, cut) + singular(stripped.slice(cut));
}

/** True when names are all the evidence there is (no declaration, reference, data or key). */
const namesOnly = (v: Violation) => v.sources.every((s) => s.source === 'naming');

/** The problem in one sentence of at most LEAD_MAX characters (long column lists are shortened). */
function lead(v: Violation, shown: string[]): string {
  const more = v.dependents.length - shown.length;
  const deps = more ? `${shown.join(', ')} and ${more} more` : list(shown);
  const verb = v.dependents.length > 1 ? 'depend' : 'depends';
  const det = tuple(v.determinant);
  const how = namesOnly(v) ? '; inferred from names' : '';
  if (v.rule === 'partial-dependency') return `${deps} ${verb} on ${det}, only part of the key ${tuple(v.key)} (2NF partial dependency${how}).`;
  if (v.rule === 'transitive-dependency') return `${deps} ${verb} on ${det}, which is not a key (3NF: ${tuple(v.key)} → ${det} → ${more ? '…' : tuple(shown)}${how}).`;
  return `${deps} ${verb} on ${det}, which is not a candidate key (BCNF${how}).`;
}

export function message(table: Table, v: Violation): string {
  let shown = v.dependents;
  let head = lead(v, shown);
  while (head.length > LEAD_MAX && shown.length > 1) { shown = shown.slice(0, -1); head = lead(v, shown); }
  const deps = list(v.dependents);
  const e = entity(v.determinant, v.dependents);
  const parts = [head];
  if (v.snapshot) parts.push(`If this is a snapshot (${v.snapshot}), it is deliberate: silence it with -- normlint-disable-next-line ${v.rule}.`);
  parts.push(`Each ${e} has one ${deps}, yet ${v.dependents.length > 1 ? 'they are' : 'it is'} stored in every ${table.name} row of that ${e}: changing it for one ${e} means changing all of those rows.`);
  if (v.derivedKey) parts.push(`${table.name} declares no key, so its key is the set of columns nothing else determines: ${tuple(v.key)}.`);
  if (v.caveat && !v.snapshot) parts.push(`A weaker hint: ${v.caveat}. If it holds, declare it with -- @fd; if not, silence it with -- normlint-disable-next-line ${v.rule}.`);
  return parts.join(' ');
}

export function dependencyRule(meta: Rule['meta']): Rule {
  return { meta, check: (ctx) => checkDependencies(ctx, meta.id as Violation['rule']) };
}
