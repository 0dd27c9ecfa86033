// Shared helpers of the protocol tests: the CLI's findings for a file, and diagnostics in a comparable form.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoDir, type Diag } from './lsp-client.ts';

export const cliPath = resolve(repoDir, 'dist/cli.js');

export interface CliFinding { file: string; rule: string; message: string; table: string; columns: string[]; range: Diag['range']; fixes: { title: string }[] }

/** `normlint check --format json FILE` (exit 1 = findings, which is fine). */
export function cliFindings(path: string, extraArgs: string[] = []): CliFinding[] {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} missing: run node esbuild.mjs first`);
  let out: string;
  try {
    out = execFileSync(process.execPath, [cliPath, 'check', '--format', 'json', ...extraArgs, path], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: '/' });
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (e.status !== 1 || !e.stdout) throw new Error(`normlint check failed (exit ${e.status}): ${e.stderr}`);
    out = e.stdout;
  }
  return (JSON.parse(out) as { findings: CliFinding[] }).findings;
}

const r = (x: Diag['range']) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;

/** "rule @range: message" lines, sorted: what must be equal between the CLI and the server. */
export const cliLines = (fs: { rule: string; range: Diag['range']; message: string }[]) => fs.map((f) => `${f.rule} @${r(f.range)}: ${f.message}`).sort();
export const diagLines = (ds: Diag[]) => ds.map((d) => `${d.code} @${r(d.range)}: ${d.message}`).sort();
