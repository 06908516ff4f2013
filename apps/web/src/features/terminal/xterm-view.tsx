'use client';
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { describeError } from '@/lib/errors';
import { useTRPCClient } from '@/trpc/react';
import { useConnectionStore } from '../connection/context';
import { InputSender } from './input-sender';
import { OutputFeed, type FeedInfo } from './output-feed';
import { wantsWebgl } from './renderer';
import { isTerminalReport } from './reports';
import { useTerminalResources } from './terminal-resources';
import { bufferText, registerProbe } from './test-hook';
import { terminalTheme } from './theme';

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** What the frame around a terminal can ask of it. */
export interface TerminalApi {
  findNext(query: string): boolean;
  findPrevious(query: string): boolean;
  clearSearch(): void;
  focus(): void;
  /** Clears the terminal and replays the session's whole output from its first chunk. */
  replayFromStart(): void;
}

export interface XtermViewProps {
  sessionId: string;
  /** Accessible name of the terminal. */
  label: string;
  /** Keystrokes reach the PTY (a live session); false replays read-only. */
  interactive: boolean;
  /** This viewer controls the PTY's size: it answers the program's terminal queries too. */
  controlsSize: boolean;
  /** Render at this size (the PTY's, set by another viewer) instead of fitting the container. */
  fixedSize: TerminalSize | null;
  /** Told the fitted size whenever it changes. */
  onFit?: (size: TerminalSize) => void;
  onInfo?: (info: FeedInfo) => void;
  onReady?: (api: TerminalApi | null) => void;
  /** Grid cells: smaller font and scrollback. */
  compact?: boolean;
  autoFocus?: boolean;
}

const FONT = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/**
 * The one owner of an xterm instance: its addons (fit, WebGL with the DOM
 * renderer as fallback, search, web links), its output stream and its
 * disposal. Re-created when the session changes; unmounting disposes it all.
 */
export default function XtermView(props: XtermViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const client = useTRPCClient();
  const connection = useConnectionStore();
  const { cache } = useTerminalResources();
  const termRef = useRef<{ term: Terminal; fit: () => void } | null>(null);
  const { sessionId, compact = false } = props;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      scrollback: compact ? 3_000 : 20_000,
      fontFamily: FONT,
      fontSize: compact ? 11 : 13,
      lineHeight: 1.15,
      theme: terminalTheme(host),
      disableStdin: !latest.current.interactive,
      cursorBlink: latest.current.interactive,
      screenReaderMode: false,
    });
    const fitAddon = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fitAddon);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.open(host);
    term.textarea?.setAttribute('aria-label', `${latest.current.label}: terminal input`);

    let renderer: 'webgl' | 'dom' = 'dom';
    let webgl: WebglAddon | null = null;
    // After open(), one frame later (the renderer needs laid-out cells); any failure keeps the DOM renderer.
    const glFrame = wantsWebgl()
      ? requestAnimationFrame(() => {
          try {
            webgl = new WebglAddon();
            webgl.onContextLoss(() => {
              webgl?.dispose();
              webgl = null;
              renderer = 'dom';
              term.refresh(0, term.rows - 1);
            });
            term.loadAddon(webgl);
            renderer = 'webgl';
          } catch {
            webgl = null;
            renderer = 'dom';
          }
        })
      : null;

    let written = 0;
    let info: FeedInfo = { loading: true, truncated: false, caughtUp: false, error: null };
    // Replies to queries in replayed (old) output must not reach the PTY: only once the backlog is written.
    let live = false;
    const feed = new OutputFeed({
      client,
      sessionId,
      connection,
      cache,
      sink: { write: (data, done) => term.write(data, done), reset: () => term.reset() },
      onInfo: (next) => {
        if (next.caughtUp && !next.loading) live = true;
        info = next;
        latest.current.onInfo?.(next);
      },
      onWritten: (bytes) => (written += bytes),
    });
    void feed.start();

    const sender = new InputSender(
      (data) => client.session.sendInput.mutate({ id: sessionId, data }),
      (error) => toast.error('Typing did not reach the terminal', { description: describeError(error) }),
    );
    const onData = term.onData((data) => {
      const { interactive, controlsSize } = latest.current;
      if (!interactive) return;
      if (isTerminalReport(data) && (!live || !controlsSize)) return;
      sender.push(data);
    });

    let lastFit: TerminalSize | null = null;
    const fit = () => {
      if (host.offsetWidth === 0 || host.offsetHeight === 0) return;
      const fixed = latest.current.fixedSize;
      if (fixed) {
        if (term.cols !== fixed.cols || term.rows !== fixed.rows) term.resize(fixed.cols, fixed.rows);
      } else {
        const dims = fitAddon.proposeDimensions();
        if (!dims || !Number.isFinite(dims.cols) || dims.cols < 2 || dims.rows < 2) return;
        if (term.cols !== dims.cols || term.rows !== dims.rows) term.resize(dims.cols, dims.rows);
      }
      // The fitted size is reported even while fixed: a "Take control" needs it.
      const dims = fixed ? fitAddon.proposeDimensions() : { cols: term.cols, rows: term.rows };
      if (dims && dims.cols >= 2 && (lastFit?.cols !== dims.cols || lastFit.rows !== dims.rows)) {
        lastFit = { cols: dims.cols, rows: dims.rows };
        latest.current.onFit?.(lastFit);
      }
    };
    let fitFrame: number | null = null;
    const scheduleFit = () => {
      fitFrame ??= requestAnimationFrame(() => {
        fitFrame = null;
        fit();
      });
    };
    const observer = new ResizeObserver(scheduleFit);
    observer.observe(host);
    void document.fonts.ready.then(scheduleFit);
    termRef.current = { term, fit: scheduleFit };

    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => (term.options.theme = terminalTheme(host));
    scheme.addEventListener('change', onScheme);

    const unregister = registerProbe(sessionId, {
      text: () => bufferText(term),
      bytesWritten: () => written,
      caughtUp: () => info.caughtUp && !info.loading,
      renderer: () => renderer,
    });
    const api: TerminalApi = {
      findNext: (q) => search.findNext(q),
      findPrevious: (q) => search.findPrevious(q),
      clearSearch: () => search.clearDecorations(),
      focus: () => term.focus(),
      replayFromStart: () => {
        live = false;
        written = 0;
        feed.replayFromStart();
      },
    };
    latest.current.onReady?.(api);
    if (latest.current.autoFocus) term.focus();

    return () => {
      latest.current.onReady?.(null);
      unregister();
      scheme.removeEventListener('change', onScheme);
      observer.disconnect();
      if (fitFrame !== null) cancelAnimationFrame(fitFrame);
      if (glFrame !== null) cancelAnimationFrame(glFrame);
      onData.dispose();
      feed.dispose();
      termRef.current = null;
      term.dispose();
    };
  }, [sessionId, compact, client, connection, cache]);

  // Input on or off as the session starts or ends, without re-creating the terminal.
  useEffect(() => {
    const t = termRef.current?.term;
    if (!t) return;
    t.options.disableStdin = !props.interactive;
    t.options.cursorBlink = props.interactive;
  }, [props.interactive]);

  // A fixed size (another viewer controls the PTY) or its end: fit again.
  const fixedKey = props.fixedSize ? `${props.fixedSize.cols}x${props.fixedSize.rows}` : 'fit';
  useEffect(() => {
    termRef.current?.fit();
  }, [fixedKey]);

  return (
    <div
      ref={hostRef}
      role="region"
      aria-label={props.label}
      data-testid="terminal"
      data-session-id={sessionId}
      className="h-full w-full overflow-hidden bg-bg"
    />
  );
}
