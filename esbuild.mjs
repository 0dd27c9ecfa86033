// Builds the three bundles of DESIGN.md: the client (vscode external), the server and the CLI (no externals).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
const want = (n) => !only || only.split(",").includes(n);
await Promise.all([
  want("client") && build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  want("server") && build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // the ER diagram webview's script (and its stylesheet, imported by it): browser code, no Node
  want("client") && build({ ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: { 'erd-webview': 'client/src/erd/webview/main.ts' }, outdir: 'dist' }),
  want("cli") && build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
