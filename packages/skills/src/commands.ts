const FENCE = /^\s*(```|~~~)/;
const SPAN = /`([^`\n]+)`/g;
/** Shell glue after which the maestro invocation has ended. */
const END_OF_COMMAND = /\s(?:\||&&|\|\||;|#|>)\s.*$/;

function asCommand(text: string): string | undefined {
  const line = text
    .trim()
    .replace(/^\$\s+/, '')
    .replace(END_OF_COMMAND, '')
    .trim();
  return line.startsWith('maestro ') ? line : undefined;
}

/**
 * Every `maestro …` command line in a markdown text: lines of fenced code blocks
 * and inline code spans, in order of appearance.
 */
export function extractCommandLines(markdown: string): string[] {
  const found: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      const command = asCommand(line);
      if (command) found.push(command);
      continue;
    }
    for (const match of line.matchAll(SPAN)) {
      const command = asCommand(match[1] ?? '');
      if (command) found.push(command);
    }
  }
  return found;
}

/**
 * Splits a command line into words the way a shell would for the simple lines
 * skills use (double and single quotes, no escapes). Usage brackets around
 * optional parts (`[--ready]`, `[id]`) are dropped outside quotes.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else if (ch !== '[' && ch !== ']') {
      word += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in: ${line}`);
  if (started) words.push(word);
  return words;
}
