import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript sources.
  transpilePackages: ['@maestro/client', '@maestro/schemas'],
  poweredByHeader: false,
  // Several builds side by side (e.g. parallel work on one machine): the server reads the same variable.
  distDir: process.env.MAESTRO_WEB_DIST_DIR ?? '.next',
  reactStrictMode: true,
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
  // Webpack, not Turbopack: the workspace packages import `./x.js` for `x.ts` (Node ESM style), which
  // Turbopack cannot resolve yet (vercel/next.js#82945); webpack's extensionAlias can.
  webpack(webpackConfig: { resolve: { extensionAlias?: Record<string, string[]> } }) {
    webpackConfig.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'] };
    return webpackConfig;
  },
};

export default config;
