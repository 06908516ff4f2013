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
