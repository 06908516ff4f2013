import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { anchorsOf, brokenLinks, markdownFiles } from './links.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('links between the repository’s Markdown files', () => {
  test('every relative link reaches a file, and every #anchor a heading', () => {
    expect(markdownFiles(repoRoot).length).toBeGreaterThan(10);
    expect(brokenLinks(repoRoot), 'fix these links (or the headings they point at)').toEqual([]);
  });

  test('the checker finds a missing file, a missing heading and ignores code and URLs', () => {
    const root = mkdtempSync(join(tmpdir(), 'maestro-links-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'a.md'), '# A title\n\n## Same\n\n## Same\n\n<a id="custom"></a>\n');
    writeFileSync(
      join(root, 'README.md'),
      [
        '[ok](docs/a.md#a-title) [ok](docs/a.md#same-1) [ok](docs/a.md#custom) [ok](#top) [web](https://example.com/x.md)',
        '[gone](docs/b.md) [bad anchor](docs/a.md#nothing)',
        '`[in code](nowhere.md)`',
        '```',
        '[in a block](nowhere.md)',
        '```',
        '# Top',
      ].join('\n'),
    );
    expect(brokenLinks(root)).toEqual(['README.md: docs/b.md (no such file)', 'README.md: docs/a.md#nothing (no heading with this anchor in docs/a.md)']);
  });

  test('anchors follow GitHub: lower case, punctuation dropped, code and links unwrapped', () => {
    expect([...anchorsOf('## `maestro task create`\n### task.create\n## What [the docs](x.md) say: it’s fine\n')]).toEqual([
      'maestro-task-create',
      'taskcreate',
      'what-the-docs-say-its-fine',
    ]);
  });
});
