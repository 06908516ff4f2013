import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyNetworking, schemasByModule, zodEnglishOnly } from './build-plugins.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Native modules cannot be bundled: they stay runtime `dependencies` of the package. */
const EXTERNAL = ['@lydell/node-pty'];

/**
 * dist/maestro-bundle.cjs: the whole CLI in one file (our workspace packages
 * and every npm dependency bundled but the native PTY module, so the packed
 * package installs with nothing else). Subcommands are dynamic imports: they
 * stay in the file but are evaluated only when run. bin/maestro.cjs runs it;
 * the content hash beside it keys the launcher's code cache. The built-in
 * skills are copied beside the bundle, where @maestro/skills looks for them.
 */
export async function buildCli() {
  rmSync(here('dist'), { recursive: true, force: true });
  const bundle = here('dist/maestro-bundle.cjs');
  await build({
    entryPoints: [here('src/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    plugins: [zodEnglishOnly(here('.')), schemasByModule(here('../../packages/schemas/src'), here('src')), lazyNetworking(here('../../packages/client/src'))],
    external: EXTERNAL,
    // CommonJS output (for the code cache): `import.meta.url` becomes the bundle's own URL, as it is in an ES bundle.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  cpSync(here('../../skills'), here('dist/skills'), { recursive: true });
  const hash = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16);
  writeFileSync(here('dist/maestro-bundle.hash'), `${hash}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
