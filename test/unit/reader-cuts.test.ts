// Robustness: every corpus file cut at 200 random points (seeded) must be read without throwing — the
// language server reads half-typed files on every keystroke (how fast: npm run bench, reader.mjs). Even cuts keep the
// text before the point (typing at the end); odd cuts delete a few characters there (an edit mid-file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { rng } from '../robustness/edits.ts';
import { join } from 'node:path';
import { corpusDir } from '../helpers/cases.ts';
import { readFile } from '../../server/src/core/reader/index.ts';
import { buildWorkspace } from '../../server/src/core/workspace.ts';
import type { Dialect } from '../../server/src/core/model.ts';

const CUTS = 200;
const dialects: (Dialect | 'auto')[] = ['postgresql', 'mysql', 'sqlite'];

for (const d of dialects) {
  for (const name of readdirSync(join(corpusDir, d)).filter((f) => f.endsWith('.sql')).sort()) {
    test(`cut ${d}/${name} at ${CUTS} points`, () => {
      const text = readFileSync(join(corpusDir, d, name), 'utf8');
      const random = rng(name.length * 7919 + text.length);
      for (let k = 0; k < CUTS; k++) {
        const at = Math.floor(random() * text.length);
        const cut = k % 2 === 0 ? text.slice(0, at) : text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
        try {
          const fm = readFile(cut, name, k % 4 === 1 ? 'auto' : d);
          buildWorkspace([fm]);
        } catch (err) {
          assert.fail(`${d}/${name} cut at ${at} (${k % 2 ? 'deletion' : 'prefix'}) threw: ${(err as Error).stack}`);
        }
      }
    });
  }
}
