/** A runnable block in a Markdown document, and the output the document shows for it. */
export interface Block {
  /** The line its fence opens on (1-based). */
  line: number;
  code: string;
  /** A ```text block right after it (only blank lines between): what the document says it prints. */
  shown: string | null;
}

/** The info string that marks a shell block the docs test runs. */
export const RUNNABLE = 'sh runnable';

interface Fence {
  line: number;
  info: string;
  body: string;
  /** The line after its closing fence (0-based). */
  end: number;
}

function fences(lines: string[]): Fence[] {
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== open[1]) end++;
    found.push({ line: i + 1, info: open[2]!.trim(), body: lines.slice(i + 1, end).join('\n'), end: end + 1 });
    i = end;
  }
  return found;
}

/** Every ```sh runnable block, in document order, with the output shown after it. */
export function runnableBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const all = fences(lines);
  return all.flatMap((f, i) => {
    if (f.info !== RUNNABLE) return [];
    const next = all[i + 1];
    const adjacent = next?.info === 'text' && lines.slice(f.end, next.line - 1).every((l) => l.trim() === '');
    return [{ line: f.line, code: f.body, shown: adjacent ? next.body : null }];
  });
}

export const blockMarker = (doc: string, block: Block) => `=== block at ${doc}:${block.line}`;

/**
 * One script running the blocks in order. stderr joins stdout first, so what
 * each block printed (progress lines on stderr included) lands between its
 * marker and the next one, in the order a terminal would show it.
 */
export function scriptFor(doc: string, blocks: Block[]): string {
  return ['exec 2>&1', ...blocks.map((b) => `echo '${blockMarker(doc, b)}'\n${b.code}`)].join('\n');
}

/** The output of each block, by its marker. */
export function splitOutput(doc: string, blocks: Block[], output: string): Map<Block, string> {
  const parts = new Map<Block, string>();
  blocks.forEach((b, i) => {
    const start = output.indexOf(`${blockMarker(doc, b)}\n`);
    if (start < 0) return;
    const next = blocks[i + 1];
    const end = next ? output.indexOf(`${blockMarker(doc, next)}\n`, start) : -1;
    parts.set(b, output.slice(start + blockMarker(doc, b).length + 1, end < 0 ? undefined : end));
  });
  return parts;
}

/**
 * What may differ between the document and a run: ids, numbers (times, pids,
 * ages, event ids), timestamps, the secret of a new token, the home directory
 * (the documents show /home/you), the runner's host name (they were written on
 * one named vm) and column padding.
 */
export function normalise(text: string, subs: { home: string; hostname: string }): string[] {
  const host = new RegExp(`\\b${subs.hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
  return text
    .split('\n')
    .map((line) =>
      // The host name only in a runners row (`NAME HOST 3 s ago …`): it may be a word used elsewhere.
      (/ ago /.test(line) ? line.replace(host, 'vm') : line)
        .replaceAll(subs.home, '/home/you')
        .replace(/\bmtk_\S*/g, '<secret>')
        .replace(/\b(prj|tsk|ses|run|tok)_[a-z0-9]{10}\b/g, '<id>')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<timestamp>')
        .replace(/\d+/g, 'N')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

/** The shown lines that a run's output lacks, in order (an empty list: the output shows them all, in that order). */
export function missingLines(shown: string[], actual: string[]): string[] {
  const missing: string[] = [];
  let from = 0;
  for (const line of shown) {
    const at = actual.indexOf(line, from);
    if (at < 0) missing.push(line);
    else from = at + 1;
  }
  return missing;
}
