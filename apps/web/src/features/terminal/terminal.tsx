'use client';
import dynamic from 'next/dynamic';
import type { XtermViewProps } from './xterm-view';

export type { TerminalApi, TerminalSize, XtermViewProps } from './xterm-view';
export type { FeedInfo } from './output-feed';

/** xterm touches `window` when its module loads: it is only ever loaded in the browser. */
export const Terminal = dynamic<XtermViewProps>(() => import('./xterm-view'), {
  ssr: false,
  loading: () => <div className="h-full w-full bg-bg" data-testid="terminal-loading" />,
});
