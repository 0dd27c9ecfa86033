// Reads a shared case's header (same grammar as test/helpers/cases.ts): `-- expect: <rule> <table>
// [cols] <- [det]` must be reported, `-- optional:` may be, anything else is a false positive.
import { readFileSync } from 'node:fs';

export function expectationsOf(path) {
  const out = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^--\s*(expect|optional):\s*(\S+)\s+(\S+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (m) out.push({ optional: m[1] === 'optional', rule: m[2], table: m[3], columns: (m[4] ?? '').split(',').map((s) => s.trim()).filter(Boolean) });
  }
  return out;
}

/** Per rule: [min, max] number of diagnostics allowed by the header. */
export function allowedCounts(expectations) {
  const counts = new Map();
  for (const e of expectations) {
    const [min, max] = counts.get(e.rule) ?? [0, 0];
    counts.set(e.rule, [min + (e.optional ? 0 : 1), max + 1]);
  }
  return counts;
}
