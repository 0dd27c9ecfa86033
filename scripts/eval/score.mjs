#!/usr/bin/env node
// Scores a run of run-real.mjs against the hand verdicts in verdicts.tsv (one per finding as emitted:
// file, rule, severity, table, columns, determinant). Prints per rule and severity the counts
// true / debatable / false / not audited and precision = true / audited, then every finding that has no
// verdict yet (audit it and add a row) and every audited finding the run no longer reports.
//
//   node scripts/eval/run-real.mjs > run.tsv && node scripts/eval/score.mjs run.tsv
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const table = (text) => {
  const [head, ...rows] = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const names = head.split('\t');
  return rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
};
const where = (f) => [f.file, f.rule, f.table, f.columns, f.determinant].join('\t');
const key = (f) => `${where(f)}\t${f.severity}`;

const verdicts = table(readFileSync(join(here, 'verdicts.tsv'), 'utf8'));
const run = table(readFileSync(process.argv[2] ?? 0, 'utf8'));
const byKey = new Map(verdicts.map((v) => [key(v), v]));
const reported = new Set(run.map(where));

const counts = new Map();
const unaudited = [];
for (const f of run) {
  const v = byKey.get(key(f));
  const group = `${f.rule}\t${f.severity}`;
  const c = counts.get(group) ?? { true: 0, debatable: 0, false: 0, unaudited: 0 };
  if (v) c[v.verdict] += 1; else { c.unaudited += 1; unaudited.push(f); }
  counts.set(group, c);
}

const ratio = (c) => { const n = c.true + c.debatable + c.false; return n ? (c.true / n).toFixed(2) : '-'; };
console.log('rule\tseverity\ttrue\tdebatable\tfalse\tunaudited\tprecision');
const total = { warning: { true: 0, debatable: 0, false: 0, unaudited: 0 }, info: { true: 0, debatable: 0, false: 0, unaudited: 0 } };
for (const [group, c] of [...counts].sort()) {
  console.log(`${group}\t${c.true}\t${c.debatable}\t${c.false}\t${c.unaudited}\t${ratio(c)}`);
  const t = total[group.split('\t')[1]];
  if (t) for (const k of Object.keys(t)) t[k] += c[k];
}
for (const [sev, c] of Object.entries(total)) console.log(`ALL\t${sev}\t${c.true}\t${c.debatable}\t${c.false}\t${c.unaudited}\t${ratio(c)}`);

if (unaudited.length) {
  console.log('\n# not audited yet (add to verdicts.tsv):');
  for (const f of unaudited) {
    const other = verdicts.find((v) => where(v) === where(f));
    console.log([f.file, f.rule, f.severity, f.table, f.columns, f.determinant, other ? `(as ${other.severity}: ${other.verdict})` : ''].join('\t'));
  }
}
const gone = verdicts.filter((v) => !reported.has(where(v)));
if (gone.length) {
  console.log('\n# audited, no longer reported:');
  for (const v of gone) console.log([v.file, v.rule, v.severity, v.table, v.columns, v.determinant, v.verdict, v.reason].join('\t'));
}
