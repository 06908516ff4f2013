/** A fenced block in a Markdown document, with the line its fence opens on (1-based). */
export interface Block {
  line: number;
  code: string;
}

/** The info string that marks a shell block the docs test runs. */
export const RUNNABLE = 'sh runnable';

/** Every ```sh runnable block, in document order. A fence closes on a line of the same backticks. */
export function runnableBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, fence, info] = open;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== fence) end++;
    if (info!.trim() === RUNNABLE) blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** One script running the blocks in order, each announced on stderr so a failure names its block. */
export function scriptFor(doc: string, blocks: Block[]): string {
  return blocks.map((b) => `echo '=== block at ${doc}:${b.line}' >&2\n${b.code}`).join('\n');
}
