// Coverage of the processes a test run spawns (the built `maestro` binary, the runner and agents it
// starts, built servers). vitest measures only its own workers; this vitest global setup (every
// package's, from vitest.shared.ts) names a directory in MAESTRO_SPAWNED_COVERAGE_DIR, the tests'
// spawn helpers hand it to their children as NODE_V8_COVERAGE, and every child that exits normally
// writes a V8 dump there. At the end of the run, while the bundles the children ran are still the
// ones on disk, the dumps are merged, mapped back to the sources through the bundles' source maps
// (ast-v8-to-istanbul, as @vitest/coverage-v8 does in process) and written as istanbul JSON to
// `<dir>/coverage-final.json`; scripts/coverage-summary.mjs merges that with the in-process coverage.
// A child killed with SIGKILL writes nothing: its coverage is lost, never wrong.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** The packages held to floors: only their sources are kept (the bundles also hold npm dependencies). */
const COVERED = ['packages/api', 'packages/db', 'packages/client', 'packages/runner', 'apps/cli'].map((dir) => join(REPO_ROOT, dir, 'src') + sep);
const NOT_COUNTED = /(\.test\.ts|\.d\.ts)$|[/\\](__tests__|testing|e2e)[/\\]/;

/**
 * What wraps a bundle's text in the script V8 compiled, so offsets in a dump map to the file:
 * bin/maestro.cjs runs the CLI bundle as `(function (exports, require, module, __filename, __dirname) {<bundle>\n})`.
 */
const WRAPPERS = { 'apps/cli/dist/maestro-bundle.cjs': { before: 61, after: 3 } };

/** The vitest global setup: a clean directory per run, converted when the run ends. */
export default function setup(project) {
  const coverage = project.config.coverage;
  if (!coverage?.enabled) return undefined;
  const dir = `${coverage.reportsDirectory}-spawned`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.MAESTRO_SPAWNED_COVERAGE_DIR = dir;
  return () => convertSpawnedCoverage(dir);
}

/** Converts the dumps in `dir` to `dir/coverage-final.json` and removes them. */
export async function convertSpawnedCoverage(dir) {
  const started = Date.now();
  // Loaded here, not at the top: coverage-summary.mjs imports this file for addHitsByPosition only.
  const { mergeProcessCovs } = await import('@bcoe/v8-coverage');
  const dumps = readdirSync(dir).filter((name) => name.startsWith('coverage-') && name.endsWith('.json') && name !== 'coverage-final.json');
  let merged = { result: [] };
  for (const name of dumps) {
    const path = join(dir, name);
    let dump;
    try {
      dump = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue; // a child that died while writing
    } finally {
      rmSync(path, { force: true });
    }
    const result = dump.result.filter((script) => bundleOf(script.url) !== undefined);
    if (result.length > 0) merged = mergeProcessCovs([merged, { result }]);
  }
  const map = {};
  for (const script of merged.result) Object.assign(map, await toIstanbul(script));
  writeFileSync(join(dir, 'coverage-final.json'), JSON.stringify(map));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`spawned processes' coverage: ${dumps.length} dumps, ${Object.keys(map).length} source files, ${seconds} s`);
}

/** The built file (with its source map beside it, inside the repository) a script URL names, if any. */
function bundleOf(url) {
  if (!url.startsWith('file://')) return undefined;
  const path = fileURLToPath(url);
  const rel = relative(REPO_ROOT, path);
  if (rel.startsWith('..') || rel.split(sep).includes('node_modules') || !existsSync(`${path}.map`)) return undefined;
  return { path, rel };
}

/**
 * esbuild's lazy module wrappers (`var init_x = __esm({ "src/x.ts"() { … } })`), imports and export tables
 * (`__export(x_exports, { name: () => name })`) map to a module's first line or its export names:
 * they are not statements of the source, and vitest's in-process coverage has no such statements.
 */
function isBundlerGlue(node, type) {
  const call = (expression, name) => expression?.type === 'CallExpression' && expression.callee.type === 'Identifier' && expression.callee.name === name;
  // `var import_x = __toESM(require("x"))`: an import, which in-process coverage does not count either.
  if (type === 'statement' && node.type === 'VariableDeclarator') return ['__esm', '__toESM', 'require'].some((name) => call(node.init, name));
  if (type === 'statement' && node.type === 'ExpressionStatement' && call(node.expression, '__export')) return 'ignore-this-and-nested-nodes';
  if (type === 'function' && node.type === 'Property') return node.key.type === 'Literal' && /\.[cm]?[jt]s$/.test(String(node.key.value));
  return false;
}

async function toIstanbul(script) {
  const { path, rel } = bundleOf(script.url);
  const code = readFileSync(path, 'utf8');
  const wrapper = WRAPPERS[rel] ?? { before: 0, after: 0 };
  // The outermost function spans the whole script: a different length means the file was rebuilt since.
  const length = Math.max(...script.functions.map((fn) => fn.ranges[0]?.endOffset ?? 0));
  if (length !== wrapper.before + code.length + wrapper.after) {
    console.warn(`spawned processes' coverage: ${rel} changed since it ran; its coverage is left out`);
    return {};
  }
  const { default: astV8ToIstanbul } = await import('ast-v8-to-istanbul');
  const { parseAstAsync } = await import('vitest/node');
  const converted = await astV8ToIstanbul({
    code,
    sourceMap: JSON.parse(readFileSync(`${path}.map`, 'utf8')),
    ast: parseAstAsync(code),
    coverage: { url: script.url, functions: script.functions },
    wrapperLength: wrapper.before,
    ignoreNode: isBundlerGlue,
  });
  return Object.fromEntries(Object.entries(converted).filter(([file]) => COVERED.some((root) => file.startsWith(root)) && !NOT_COUNTED.test(file)));
}

/**
 * Adds the hits in `data` (istanbul JSON: another run's, or the spawned processes' from
 * {@link convertSpawnedCoverage}) to `map`, whose statements and branches stay the ones counted. The
 * bundle's statements (and another run's, for a file it did not load) and branches map back to the same places but not always to the same columns
 * (a default argument's start, an `else`'s start), so they are matched loosely: a statement by its
 * line (a line is covered when any statement starting on it ran), a branch by its kind, its line and
 * its number of paths (and its start column when a line has several). A hit that matches nothing
 * is dropped: this never counts a line or branch the in-process coverage does not have.
 */
export function addHitsByPosition(map, data) {
  for (const [file, spawned] of Object.entries(data)) {
    if (!map.data[file]) continue; // no in-process run reported the file: its package's run is missing, which fails the summary
    const target = map.fileCoverageFor(file).data;
    const ranLines = new Set(
      Object.entries(spawned.s)
        .filter(([, hits]) => hits > 0)
        .map(([id]) => spawned.statementMap[id].start.line),
    );
    for (const [id, statement] of Object.entries(target.statementMap)) if (ranLines.has(statement.start.line) && target.s[id] === 0) target.s[id] = 1;
    const branchesAt = new Map();
    for (const [id, branch] of Object.entries(target.branchMap)) {
      const key = `${branch.type}:${branch.loc.start.line}:${branch.locations.length}`;
      branchesAt.set(key, [...(branchesAt.get(key) ?? []), id]);
    }
    for (const [id, branch] of Object.entries(spawned.branchMap)) {
      const candidates = branchesAt.get(`${branch.type}:${branch.loc.start.line}:${branch.locations.length}`) ?? [];
      const match = candidates.length === 1 ? candidates[0] : candidates.find((other) => target.branchMap[other].loc.start.column === branch.loc.start.column);
      if (match !== undefined) target.b[match] = target.b[match].map((hits, path) => hits + (spawned.b[id][path] ?? 0));
    }
  }
}
