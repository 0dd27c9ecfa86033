// Turns a classified dependency violation into a Finding: message for someone learning normalization,
// range on the first dependent column, related information at the determinant and the evidence, fixes
// from the fix builders. Shared by partial-dependency, transitive-dependency and bcnf-violation.
import type { Evidence, Finding, RelatedInfo } from '../findings.ts';
import type { Table } from '../model.ts';
import type { Rule, RuleContext } from '../rule.ts';
import { rangeOf } from '../positions.ts';
import { dependencyFixes } from '../fix/index.ts';
import { classify, type Violation } from './violations.ts';

const lc = (s: string) => s.toLowerCase();

export function checkDependencies(ctx: RuleContext, rule: Violation['rule']): Finding[] {
  const out: Finding[] = [];
  for (const table of ctx.tables) {
    for (const v of classify(table, ctx.analysis(table))) {
      if (v.rule === rule) out.push(toFinding(ctx, table, v));
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
    severity: v.caveat ? 'info' : 'warning',
    message: message(table, v),
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
    fixes: dependencyFixes(ctx, table, v.determinant, v.dependents),
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

/** What one determinant value stands for: `Dept` for DeptID, `framework` for framework, `(a, b) combination` otherwise. */
function entity(det: string[]): string {
  if (det.length > 1) return `${tuple(det)} combination`;
  const stripped = det[0].replace(/[_ ]?(id|code|no|num|nr|name)$/i, '');
  return stripped.length >= 2 && stripped !== det[0] ? stripped : det[0];
}

export function message(table: Table, v: Violation): string {
  const deps = list(v.dependents);
  const verb = v.dependents.length > 1 ? 'depend' : 'depends';
  const det = tuple(v.determinant);
  let head: string;
  if (v.rule === 'partial-dependency') {
    head = `${deps} ${verb} on ${det}, which is only part of the key ${tuple(v.key)} of ${table.name} (2NF: partial dependency).`;
  } else if (v.rule === 'transitive-dependency') {
    head = `${deps} ${verb} on ${det}, which is not a key of ${table.name} (3NF: transitive dependency ${tuple(v.key)} → ${det} → ${tuple(v.dependents)}).`;
  } else {
    head = `${deps} ${verb} on ${det}, which is not a key of ${table.name} (BCNF: every determinant must be a candidate key; ${deps} ${v.dependents.length > 1 ? 'are' : 'is'} part of a key, so 3NF allows it but BCNF does not).`;
  }
  const e = entity(v.determinant);
  const anomaly = `Each ${e} has one ${deps}, yet ${v.dependents.length > 1 ? 'they are' : 'it is'} stored in every ${table.name} row of that ${e}: changing the ${deps} of one ${e} means changing all of those rows, and a row left out contradicts the others.`;
  const keyNote = v.derivedKey ? ` ${table.name} declares no key, so its key is the set of columns nothing else determines: ${tuple(v.key)}.` : '';
  head += keyNote;
  const evidence = `Evidence: ${v.sources.map((s) => `${s.source} (${s.detail})`).join('; ')}.`;
  const caveat = v.caveat ? ` This is a weaker hint: ${v.caveat}. If it does not hold, declare it with -- @key or silence it with -- normlint-disable-next-line ${v.rule}.` : '';
  return `${head} ${anomaly} ${evidence}${caveat}`;
}

export function dependencyRule(meta: Rule['meta']): Rule {
  return { meta, check: (ctx) => checkDependencies(ctx, meta.id as Violation['rule']) };
}
