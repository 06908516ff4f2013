import { afterEach, describe, expect, test, vi } from 'vitest';
import { colorEnabled, createPrinter, painter, SPINNER_DELAY_MS, stripAnsi, table } from './output.js';

function stream(isTTY: boolean) {
  let text = '';
  return { write: (t: string) => (text += t), isTTY, text: () => text };
}

describe('table', () => {
  test('aligns columns on visible width, ignoring colour codes', () => {
    const paint = painter(true);
    const out = table(
      ['ID', 'STATUS', 'TITLE'],
      [
        ['tsk_1', paint('green', 'completed'), 'First'],
        ['tsk_22', paint('red', 'blocked'), 'Second'],
      ],
    );
    const lines = stripAnsi(out).split('\n');
    expect(lines).toEqual(['ID      STATUS     TITLE', 'tsk_1   completed  First', 'tsk_22  blocked    Second']);
  });
});

describe('colour', () => {
  test('only on a terminal, and never with NO_COLOR', () => {
    expect(colorEnabled({ write: () => true, isTTY: true }, false)).toBe(true);
    expect(colorEnabled({ write: () => true, isTTY: true }, true)).toBe(false);
    expect(colorEnabled({ write: () => true, isTTY: false }, false)).toBe(false);
    expect(painter(false)('red', 'x')).toBe('x');
    expect(painter(true)('red', 'x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('printer', () => {
  test('JSON mode writes exactly one document to stdout; diagnostics go to stderr', () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const out = createPrinter({ json: true, stdout, stderr, noColor: false });
    out.info('retrying…');
    out.success({ a: 1 }, () => 'human');
    expect(stdout.text()).toBe('{"success":true,"data":{"a":1}}\n');
    expect(stderr.text()).toBe('retrying…\n');
  });

  test('failures: the envelope in JSON mode, error and hint on stderr otherwise', () => {
    const json = stream(false);
    createPrinter({ json: true, stdout: json, stderr: stream(false), noColor: false }).failure({ code: 'NOT_FOUND', message: 'gone', hint: 'look' });
    expect(JSON.parse(json.text())).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'gone', hint: 'look' } });
    const stdout = stream(false);
    const stderr = stream(false);
    createPrinter({ json: false, stdout, stderr, noColor: false }).failure({ code: 'NOT_FOUND', message: 'gone', hint: 'look' });
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toBe('error [NOT_FOUND] gone\nhint  look\n');
  });
});

describe('spinner', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('on a terminal, only for waits longer than a moment, and cleared afterwards', async () => {
    vi.useFakeTimers();
    const stderr = stream(true);
    const out = createPrinter({ json: false, stdout: stream(true), stderr, noColor: false });
    let finish!: (v: string) => void;
    const slow = out.spin('Loading', new Promise<string>((r) => (finish = r)));
    await vi.advanceTimersByTimeAsync(SPINNER_DELAY_MS - 50);
    expect(stderr.text()).toBe('');
    await vi.advanceTimersByTimeAsync(200);
    expect(stderr.text()).toContain('Loading');
    finish('done');
    expect(await slow).toBe('done');
    expect(stderr.text().endsWith('\r\u001b[2K')).toBe(true);

    const quick = stream(true);
    const fast = createPrinter({ json: false, stdout: stream(true), stderr: quick, noColor: false }).spin('Loading', Promise.resolve(1));
    expect(await fast).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(quick.text()).toBe('');
  });

  test('never when piped or in JSON mode', async () => {
    vi.useFakeTimers();
    for (const [json, tty] of [
      [false, false],
      [true, true],
    ] as const) {
      const stderr = stream(tty);
      const out = createPrinter({ json, stdout: stream(tty), stderr, noColor: false });
      const pending = out.spin('Loading', new Promise((r) => setTimeout(r, 2_000)));
      await vi.advanceTimersByTimeAsync(2_500);
      await pending;
      expect(stderr.text()).toBe('');
    }
  });
});
