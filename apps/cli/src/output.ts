import { stripVTControlCharacters, styleText } from 'node:util';
import type { ErrorBody } from '@maestro/schemas';

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';

export const stripAnsi = (text: string) => stripVTControlCharacters(text);

/** Colour only on a terminal, and never with NO_COLOR. */
export function colorEnabled(stream: Stream, noColor: boolean): boolean {
  return !noColor && stream.isTTY === true;
}

export type Paint = (style: Style, text: string) => string;
export const painter =
  (enabled: boolean): Paint =>
  (style, text) =>
    // Whether to colour is decided here, per stream (colorEnabled): styleText must not look at process.stdout itself.
    enabled ? styleText(style, text, { validateStream: false }) : text;

/**
 * Aligned columns: every column as wide as its widest cell (colour codes do
 * not count), two spaces between, no trailing spaces.
 */
export function table(header: string[], rows: string[][], paint: Paint = (_s, t) => t): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => stripAnsi(r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - stripAnsi(cell).length)))
      .join('  ')
      .trimEnd();
  return [paint('bold', line(header)), ...rows.map(line)].join('\n');
}

/** `key  value` lines with the keys aligned. */
export function keyValues(pairs: [string, string][], paint: Paint = (_s, t) => t): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${paint('dim', `${k}:`.padEnd(width + 1))}  ${v}`).join('\n');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export interface Printer {
  json: boolean;
  paint: Paint;
  /** Width to fit tables to on a terminal; unlimited when piped. */
  width: number;
  /** `{"success":true,"data":…}` in JSON mode, else the human rendering. */
  success<T>(data: T, human: (data: T) => string): void;
  failure(error: ErrorBody, debugStack?: string): void;
  /** One line of a stream (`watch`): raw JSON in JSON mode. */
  line(jsonValue: unknown, human: string): void;
  /** Diagnostics: always stderr, so stdout stays one JSON document. */
  info(text: string): void;
  /** Runs `work`, showing a spinner on stderr only on a terminal and only if it takes longer than a moment. */
  spin<T>(label: string, work: Promise<T>): Promise<T>;
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const SPINNER_DELAY_MS = 300;

export function createPrinter(opts: { json: boolean; stdout: Stream; stderr: Stream; noColor: boolean }): Printer {
  const { stdout, stderr, json } = opts;
  const paint = painter(colorEnabled(stdout, opts.noColor));
  const paintErr = painter(colorEnabled(stderr, opts.noColor));
  return {
    json,
    paint,
    width: stdout.isTTY && stdout.columns ? stdout.columns : Number.POSITIVE_INFINITY,
    success(data, human) {
      if (json) stdout.write(`${JSON.stringify({ success: true, data })}\n`);
      else {
        const text = human(data);
        if (text) stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
    },
    failure(error, debugStack) {
      if (json) stdout.write(`${JSON.stringify({ success: false, error })}\n`);
      else {
        stderr.write(`${paintErr('red', 'error')} ${paintErr('dim', `[${error.code}]`)} ${error.message}\n`);
        if (error.hint) stderr.write(`${paintErr('yellow', 'hint')}  ${error.hint}\n`);
      }
      if (debugStack) stderr.write(`${debugStack}\n`);
    },
    line(jsonValue, human) {
      stdout.write(json ? `${JSON.stringify(jsonValue)}\n` : `${human}\n`);
    },
    info(text) {
      stderr.write(`${text}\n`);
    },
    spin(label, work) {
      if (json || stderr.isTTY !== true) return work;
      let frame = 0;
      let shown = false;
      const tick = () => {
        shown = true;
        stderr.write(`\r${SPINNER_FRAMES[frame++ % SPINNER_FRAMES.length]} ${label}`);
      };
      const start = setTimeout(() => {
        tick();
        interval = setInterval(tick, 80);
      }, SPINNER_DELAY_MS);
      let interval: ReturnType<typeof setInterval> | undefined;
      const stop = () => {
        clearTimeout(start);
        clearInterval(interval);
        if (shown) stderr.write('\r\u001b[2K');
      };
      return work.finally(stop);
    },
  };
}
