import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * esbuild plugins that only change what is evaluated at start-up, never what
 * the code does. Every command run pays for what its imports evaluate, so the
 * bundle avoids evaluating what the command does not use.
 */

/**
 * zod's namespace export pulls in every locale (~300 KB of source); the CLI
 * speaks English, so only `en` is bundled.
 */
export function zodEnglishOnly(resolveDir) {
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[/\\]zod[/\\]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
        contents: "export { default as en } from 'zod/v4/locales/en.js';",
        resolveDir,
      }));
    },
  };
}

/**
 * `import { taskListInput } from '@maestro/schemas'` in the CLI's sources is
 * rewritten to import from the module that defines it (task.ts), so a command
 * evaluates the zod schemas it uses instead of all of them (the package
 * index re-exports every module, and evaluating it builds every schema).
 */
export function schemasByModule(schemasSrc, cliSrc) {
  const definedIn = new Map();
  for (const file of readdirSync(schemasSrc).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')) {
    const text = readFileSync(join(schemasSrc, file), 'utf8');
    for (const m of text.matchAll(/^export (?:declare )?(?:const|let|function|async function|class|type|interface|enum) ([A-Za-z0-9_$]+)/gm)) {
      definedIn.set(m[1], join(schemasSrc, file));
    }
  }
  const rewrite = (specifiers) => {
    const byFile = new Map();
    for (const raw of specifiers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (raw.startsWith('type ')) continue;
      const name = raw.split(/\s+as\s+/)[0].trim();
      const file = definedIn.get(name) ?? '@maestro/schemas';
      byFile.set(file, [...(byFile.get(file) ?? []), raw]);
    }
    return [...byFile].map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`).join(' ');
  };
  // The rewritten imports take as many lines as the import they replace, so the source map (the
  // measured build's: scripts/spawned-coverage.mjs) still points at the right lines.
  const keepLines = (original, replacement) => replacement + '\n'.repeat(original.split('\n').length - 1);
  return {
    name: 'schemas-by-module',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(cliSrc)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('@maestro/schemas')) return undefined;
        const contents = source.replace(/^import \{([^}]*)\} from '@maestro\/schemas';$/gm, (match, specifiers) => keepLines(match, rewrite(specifiers)));
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Node built-ins and `ws` that only some commands need, loaded on first use:
 * `ws` (and the TLS, crypto and zlib it pulls in) when a WebSocket is opened
 * (`watch`), `node:https` when an https:// server is called. Applied only to
 * the client modules that import them.
 */
export function lazyNetworking(clientSrc) {
  const stubs = {
    ws: `
      let Real;
      const load = () => (Real ??= require('ws'));
      export default class LazyWebSocket {
        constructor(...args) { return new (load())(...args); }
        static get CONNECTING() { return 0; }
        static get OPEN() { return 1; }
        static get CLOSING() { return 2; }
        static get CLOSED() { return 3; }
      }`,
    'node:https': `export function request(...args) { return require('node:https').request(...args); }`,
  };
  return {
    name: 'lazy-networking',
    setup(b) {
      b.onResolve({ filter: /^(ws|node:https)$/ }, (args) =>
        args.importer.startsWith(clientSrc) ? { path: args.path, namespace: 'lazy-networking' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-networking' }, (args) => ({ contents: stubs[args.path], resolveDir: clientSrc }));
    },
  };
}
