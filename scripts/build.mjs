// Builds everything the app, the CLI and browser mode load: main + shared with tsc (CommonJS, so the `bin` runs
// on plain Node), the renderer and the sandboxed preload with esbuild (a sandboxed preload cannot require npm modules).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
rmSync(out, { recursive: true, force: true });

execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.main.json')],
  {
    stdio: 'inherit',
  },
);

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };
await esbuild.build({
  ...common,
  // No source maps for the renderer: browser mode serves this folder, and a map would hand out the sources.
  sourcemap: false,
  entryPoints: [join(root, 'src-renderer/main.tsx')],
  outfile: join(out, 'renderer/app.js'),
  platform: 'browser',
  format: 'iife',
  target: ['chrome130'],
  jsx: 'automatic',
  minify: process.env.BOXFLEET_DEV !== '1',
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.BOXFLEET_DEV === '1' ? 'development' : 'production') },
});
mkdirSync(join(out, 'renderer'), { recursive: true });
copyFileSync(join(root, 'src-renderer/index.html'), join(out, 'renderer/index.html'));

await esbuild.build({
  ...common,
  entryPoints: [join(root, 'src-main/app/preload.ts')],
  outfile: join(out, 'preload/preload.js'),
  platform: 'node',
  format: 'cjs',
  target: ['node20'],
  external: ['electron'],
});
console.log('built into build/');
