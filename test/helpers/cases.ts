// Reads ../shared/cases headers and scores findings against them.
// `-- expect: <rule> <table> [cols] <- [determinant]` must be found; `-- optional:` may be; anything else is a false positive.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const sharedDir = resolve(import.meta.dirname, '../../../shared');
export const casesDir = join(sharedDir, 'cases');
export const corpusDir = join(sharedDir, 'corpus');

export interface Expectation {
  rule: string;
  table: string;
  columns: string[];
  determinant?: string[];
  optional: boolean;
  line: string;
}

export interface Case { name: string; path: string; text: string; dialect: string; expectations: Expectation[] }

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export function parseExpectation(line: string, optional: boolean): Expectation {
  const m = /^(\S+)\s+(\S+)\s*(?:\[([^\]]*)\])?\s*(?:<-\s*\[([^\]]*)\])?\s*$/.exec(line.trim());
  if (!m) throw new Error(`cannot parse expectation: ${line}`);
  return { rule: m[1], table: m[2], columns: list(m[3]), determinant: m[4] === undefined ? undefined : list(m[4]), optional, line: line.trim() };
}

export function loadCases(): Case[] {
  return readdirSync(casesDir).filter((f) => f.endsWith('.sql')).sort().map((name) => {
    const path = join(casesDir, name);
    const text = readFileSync(path, 'utf8');
    const expectations: Expectation[] = [];
    let dialect = 'auto';
    for (const l of text.split('\n')) {
      const m = /^--\s*(expect|optional|dialect):\s*(.*)$/.exec(l);
      if (!m) continue;
      if (m[1] === 'dialect') dialect = m[2].trim();
      else expectations.push(parseExpectation(m[2], m[1] === 'optional'));
    }
    return { name, path, text, dialect, expectations };
  });
}

export interface FindingLike { rule: string; table: string; columns: string[]; determinant?: string[] }

const sameSet = (a: string[], b: string[]) => {
  const A = new Set(a.map((x) => x.toLowerCase()));
  const B = new Set(b.map((x) => x.toLowerCase()));
  return A.size === B.size && [...A].every((x) => B.has(x));
};

export function matches(e: Expectation, f: FindingLike): boolean {
  return e.rule === f.rule && e.table.toLowerCase() === f.table.toLowerCase()
    && sameSet(e.columns, f.columns)
    && (e.determinant === undefined || sameSet(e.determinant, f.determinant ?? []));
}

export interface Score { missing: Expectation[]; falsePositives: FindingLike[]; found: number }

/** Scores the findings of one case, limited to `rulesUnderTest` (all rules when omitted). */
export function score(c: Case, findings: FindingLike[], rulesUnderTest?: string[]): Score {
  const inScope = (rule: string) => !rulesUnderTest || rulesUnderTest.includes(rule);
  const exp = c.expectations.filter((e) => inScope(e.rule));
  const fs = findings.filter((f) => inScope(f.rule));
  const missing = exp.filter((e) => !e.optional && !fs.some((f) => matches(e, f)));
  const falsePositives = fs.filter((f) => !exp.some((e) => matches(e, f)));
  return { missing, falsePositives, found: exp.filter((e) => !e.optional).length - missing.length };
}
