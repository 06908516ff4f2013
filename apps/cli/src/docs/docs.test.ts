import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '@maestro/schemas/errors';
import { describe, expect, test } from 'vitest';
import { ERROR_HELP } from './error-help.js';
import { GENERATED_DOCS } from './generate.js';
import { splice } from './markdown.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('generated docs (docs/cli.md, docs/api.md, docs/troubleshooting.md)', () => {
  test.each(GENERATED_DOCS.map((doc) => ({ ...doc, name: relative(repoRoot, doc.file) })))(
    '$name is what the generators make from the code: run `npm run docs` when this fails',
    async ({ file, render }) => {
      const committed = readFileSync(file, 'utf8');
      expect(await render(committed), `${file} is out of date: run \`npm run docs\` and commit the result`).toBe(committed);
    },
  );

  test('every error code has an explanation and a fix', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_HELP[code].meaning.length, code).toBeGreaterThan(20);
      expect(ERROR_HELP[code].fix.length, code).toBeGreaterThan(20);
    }
  });

  test('a section is replaced between its markers, and missing markers are an error', () => {
    const begin = '<!-- BEGIN GENERATED x: edit the generator, then run `npm run docs` -->';
    const doc = `intro\n\n${begin}\n\nold\n\n<!-- END GENERATED x -->\n\noutro\n`;
    expect(splice(doc, 'x', 'new')).toBe(`intro\n\n${begin}\n\nnew\n\n<!-- END GENERATED x -->\n\noutro\n`);
    expect(() => splice('no markers', 'x', 'new')).toThrow(/markers/);
  });
});
