// A second, outside editor: headless Neovim (Debian `neovim`, scripts/setup/neovim.sh) runs the server with
// its built-in LSP client (push diagnostics) on case files; the diagnostics Neovim holds must equal the
// CLI's findings, and the case's expectations must be among them. Skips with a message when nvim is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCases } from '../helpers/cases.ts';
import { repoDir, serverPath } from './lsp-client.ts';
import { cliFindings } from './helpers.ts';

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const lua = resolve(repoDir, 'test/robustness/neovim/lsp.lua');

interface NvimDiag { line: number; character: number; endLine: number; endCharacter: number; message: string; source: string; code: string }

function runNeovim(file: string): { received: boolean; diagnostics: NvimDiag[] } {
  const out = join(mkdtempSync(join(tmpdir(), 'normlint-nvim-out-')), 'diagnostics.json');
  execFileSync('nvim', ['--headless', '--clean', file, '-c', `luafile ${lua}`], {
    env: { ...process.env, NORMLINT_SERVER: serverPath, NORMLINT_OUT: out }, timeout: 60_000, stdio: 'pipe',
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}

const line = (rule: string, l: number, c: number, el: number, ec: number, msg: string) => `${rule} @${l}:${c}-${el}:${ec}: ${msg}`;

test('headless Neovim receives the same diagnostics as the CLI reports', { skip: hasNvim ? false : 'nvim not installed (run scripts/setup/neovim.sh)', timeout: 180_000 }, () => {
  const version = execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const picked = loadCases().filter((c) => ['01_models_tags.sql', '23_enrollments_2nf.sql', '28_exercise_phones.sql'].includes(c.name));
  assert.ok(picked.length > 0, 'case files missing');
  let total = 0;
  for (const c of picked) {
    // Alone in a folder, so the server's workspace is exactly this file, as for the CLI.
    const dir = mkdtempSync(join(tmpdir(), 'normlint-nvim-'));
    try {
      const file = join(dir, c.name);
      copyFileSync(c.path, file);
      const got = runNeovim(file);
      assert.ok(got.received, `${c.name}: Neovim received no diagnostics within 20 s`);
      const cli = cliFindings(file);
      const want = cli.map((f) => line(f.rule, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.message)).sort();
      const have = got.diagnostics.map((d) => line(d.code, d.line, d.character, d.endLine, d.endCharacter, d.message)).sort();
      assert.deepEqual(have, want, `${c.name}: Neovim's diagnostics differ from the CLI's findings`);
      assert.ok(got.diagnostics.every((d) => d.source === 'normlint'));
      for (const e of c.expectations.filter((x) => !x.optional)) {
        assert.ok(cli.some((f) => f.rule === e.rule && f.table.toLowerCase() === e.table.toLowerCase()), `${c.name}: expected "${e.line}" not among Neovim's diagnostics`);
      }
      total += have.length;
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }
  console.log(`# ${version}: ${picked.length} case files, ${total} diagnostics received, equal to the CLI`);
});
