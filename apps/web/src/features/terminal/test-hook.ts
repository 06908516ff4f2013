import type { Terminal } from '@xterm/xterm';

/** What a test or a benchmark can read from a terminal without pixels (WebGL draws text on a canvas). */
export interface TerminalProbe {
  /** The buffer's lines, wrapped lines joined, trailing blanks trimmed. */
  text(): string[];
  /** Bytes written into xterm and parsed so far. */
  bytesWritten(): number;
  /** Whether everything received has been written and parsed. */
  caughtUp(): boolean;
  renderer(): 'webgl' | 'dom';
}

declare global {
  interface Window {
    __maestroTerminals?: Record<string, TerminalProbe>;
  }
}

export function bufferText(term: Terminal): string[] {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Registers a mounted terminal under its session id on `window.__maestroTerminals`; returns the unregister call. */
export function registerProbe(sessionId: string, probe: TerminalProbe): () => void {
  const registry = (window.__maestroTerminals ??= {});
  registry[sessionId] = probe;
  return () => {
    if (registry[sessionId] === probe) delete registry[sessionId];
  };
}
