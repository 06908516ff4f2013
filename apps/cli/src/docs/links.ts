import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { slug } from './markdown.js';

/** Build output, dependencies and caches: not the repository's own Markdown. */
const SKIPPED_DIRS = /^(node_modules|\.git|\.next.*|dist|coverage|\.turbo|\.test-results|test-results|playwright-report)$/;

/** Every Markdown file under `root`, outside dependencies and build output. */
export function markdownFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED_DIRS.test(entry.name)) walk(join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(join(dir, entry.name));
    }
  };
  walk(root);
  return found.sort();
}

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '').replace(/`+[^`\n]*`+/g, '');
}

/** Link targets: `[text](target)`, `![alt](target)` and reference definitions `[name]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defs = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!);
  return [...inline, ...defs].map((t) => t.replace(/^<|>$/g, ''));
}

/** The anchors GitHub gives a file's headings (repeats get -1, -2, …), plus explicit `id`/`name` anchors. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const plain = heading!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
    const base = slug(plain);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}

/** Every relative link in the repository's Markdown whose file or heading does not exist, as `file: target (why)`. */
export function brokenLinks(root: string): string[] {
  const broken: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchors = (file: string) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(file, 'utf8')));
    return anchorCache.get(file)!;
  };
  for (const file of markdownFiles(root)) {
    for (const target of linkTargets(readFileSync(file, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path = '', anchor] = target.split('#', 2);
      const resolved = path === '' ? file : path.startsWith('/') ? join(root, path) : resolve(dirname(file), decodeURIComponent(path));
      const where = `${relative(root, file)}: ${target}`;
      if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
      else if (anchor && resolved.endsWith('.md') && statSync(resolved).isFile() && !anchors(resolved).has(decodeURIComponent(anchor).toLowerCase())) {
        broken.push(`${where} (no heading with this anchor in ${relative(root, resolved)})`);
      }
    }
  }
  return broken;
}
