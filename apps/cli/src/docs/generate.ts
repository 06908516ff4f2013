import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderApiDoc } from './api-doc.js';
import { renderCliDoc } from './cli-doc.js';
import { renderTroubleshootingDoc } from './troubleshooting-doc.js';

/*
 * The generators live in apps/cli because this workspace already depends on
 * everything they read (the CLI's commands, the API router, the shared
 * schemas) and runs TypeScript with tsx; its test suite, part of `npm test`,
 * checks the committed files against them (docs.test.ts).
 */

const docsDir = new URL('../../../../docs/', import.meta.url);

/** Each generated document: its path, and how to rebuild it from its current text (the hand-written prose stays). */
export const GENERATED_DOCS: readonly { file: string; render: (current: string) => Promise<string> | string }[] = [
  { file: fileURLToPath(new URL('cli.md', docsDir)), render: renderCliDoc },
  { file: fileURLToPath(new URL('api.md', docsDir)), render: renderApiDoc },
  { file: fileURLToPath(new URL('troubleshooting.md', docsDir)), render: renderTroubleshootingDoc },
];

/** `npm run docs`: rewrites the generated sections of every generated document. */
async function main(): Promise<void> {
  for (const { file, render } of GENERATED_DOCS) {
    writeFileSync(file, await render(readFileSync(file, 'utf8')));
    process.stdout.write(`wrote ${file}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
