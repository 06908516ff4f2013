import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * One ESM bundle of an app and the workspace packages it uses (TypeScript
 * sources); npm dependencies stay external (PGlite and node-pty load files
 * from their own folders).
 */
export async function bundle({ entry, outfile, outdir = 'dist', copy = [] }) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    plugins: [
      {
        name: 'externalize-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@maestro/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  for (const [from, to] of copy) cpSync(from, to, { recursive: true });
}
