import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * One ESM bundle of the server and our workspace packages; npm dependencies
 * stay external (PGlite ships WASM files it loads from its own folder).
 */
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  plugins: [
    {
      // npm dependencies stay external; workspace packages (TypeScript sources) are bundled.
      name: 'externalize-npm',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@maestro/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
cpSync('../../packages/db/drizzle', 'dist/drizzle', { recursive: true });
