import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyNetworking, zodEnglishOnly } from './build-plugins.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Native modules cannot be bundled: they stay runtime `dependencies` of the package. */
const EXTERNAL = ['@lydell/node-pty'];

/**
 * Set by the test runs that measure coverage (scripts/spawned-coverage.mjs): the bundle is then
 * left unminified with a source map beside it, so the V8 coverage of the processes the tests
 * spawn maps back to the sources with the same statements and branches as in-process coverage.
 */
const MEASURED = Boolean(process.env.MAESTRO_SPAWNED_COVERAGE_DIR);

/**
 * dist/maestro-bundle.cjs: the whole CLI in one file (our workspace packages
 * and every npm dependency bundled but the native PTY module, so the packed
 * package installs with nothing else). Subcommands are dynamic imports: they
 * stay in the file but are evaluated only when run. bin/maestro.cjs runs it;
 * the content hash beside it keys the launcher's code cache. The built-in
 * skills are copied beside the bundle, where @maestro/skills looks for them.
 *
 * Each file is written beside its place and renamed into it: agents (and
 * tests) running the CLI while it is rebuilt never find it missing or half
 * written.
 */
export async function buildCli() {
  mkdirSync(here('dist'), { recursive: true });
  const bundle = here('dist/maestro-bundle.cjs');
  const result = await build({
    entryPoints: [here('src/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: !MEASURED,
    sourcemap: MEASURED ? 'external' : false,
    legalComments: 'none',
    plugins: [zodEnglishOnly(here('.')), lazyNetworking(here('../../packages/client/src'))],
    external: EXTERNAL,
    // CommonJS output (for the code cache): `import.meta.url` becomes the bundle's own URL, as it is in an ES bundle.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
    write: false,
  });
  const code = result.outputFiles.find((file) => file.path === bundle).contents;
  const map = result.outputFiles.find((file) => file.path === `${bundle}.map`);
  replace(bundle, (tmp) => writeFileSync(tmp, code));
  if (map) replace(`${bundle}.map`, (tmp) => writeFileSync(tmp, map.contents));
  else rmSync(`${bundle}.map`, { force: true });
  replace(here('dist/skills'), (tmp) => cpSync(here('../../skills'), tmp, { recursive: true }));
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  replace(here('dist/maestro-bundle.hash'), (tmp) => writeFileSync(tmp, `${hash}\n`));
}

/** Makes `path` with `make(tmp)` beside it, then renames it into place (a directory is swapped out). */
function replace(path, make) {
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  make(tmp);
  try {
    renameSync(tmp, path);
  } catch {
    // A directory cannot be renamed over a non-empty one: move the old one aside first.
    const old = `${path}.${process.pid}.old`;
    renameSync(path, old);
    renameSync(tmp, path);
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
