'use client';
import type { Session } from '@maestro/schemas';
import { useCallback, useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { describeError, errorInfo } from '@/lib/errors';
import { useTRPCClient } from '@/trpc/react';
import type { TerminalSize } from '../terminal/terminal';
import { isLive } from './session-status';

/** Resizes settle for this long before the PTY is told (dragging a window edge makes dozens). */
const SETTLE_MS = 150;

export interface SizeControl {
  /** This viewer sets the PTY's size (it holds control, or nobody does and its next fit takes it). */
  controls: boolean;
  /** Another viewer holds control: render at the PTY's size and offer "Take control". */
  fixedSize: TerminalSize | null;
  onFit: (size: TerminalSize) => void;
  takeControl: () => void;
}

/**
 * One viewer at a time sets a live session's terminal size (two browsers
 * fitting one PTY would fight). This viewer's fitted size goes to
 * `session.resize` — settled, and only when it differs from the PTY's — while
 * it holds control or nobody does; otherwise it renders at the PTY's size.
 */
export function useSizeControl(session: Session | undefined, viewerId: string): SizeControl {
  const client = useTRPCClient();
  const fitted = useRef<TerminalSize | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = session !== undefined && isLive(session);
  const holder = session?.sizeController ?? null;
  const otherControls = live && holder !== null && holder !== viewerId;
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const send = useCallback(
    (size: TerminalSize, takeControl: boolean) => {
      const s = sessionRef.current;
      if (!s) return;
      client.session.resize
        .mutate({ id: s.id, cols: size.cols, rows: size.rows, viewerId, ...(takeControl ? { takeControl } : {}) })
        .catch((error: unknown) => {
          // Someone else took control in the meantime: the session's update shows it, nothing to say.
          if (errorInfo(error)?.code === 'NOT_CONTROLLER') return;
          toast.error('The terminal size was not changed', { description: describeError(error) });
        });
    },
    [client, viewerId],
  );

  const maybeSend = useCallback(() => {
    const s = sessionRef.current;
    const size = fitted.current;
    if (!s || !size || !isLive(s)) return;
    const holderNow = s.sizeController;
    if (holderNow !== null && holderNow !== viewerId) return;
    if (holderNow === viewerId && s.cols === size.cols && s.rows === size.rows) return;
    send(size, false);
  }, [send, viewerId]);

  const onFit = useCallback(
    (size: TerminalSize) => {
      fitted.current = size;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(maybeSend, SETTLE_MS);
    },
    [maybeSend],
  );

  // A session that becomes live (spawning → active) or loses its controller gets this viewer's size.
  useEffect(() => {
    if (live && !otherControls) maybeSend();
  }, [live, otherControls, maybeSend]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const takeControl = useCallback(() => {
    const s = sessionRef.current;
    // Before this viewer's first fit is known (a renderer still measuring), take control at the
    // PTY's present size: the terminal then fits to this window and that size follows.
    const size = fitted.current ?? (s ? { cols: s.cols, rows: s.rows } : null);
    if (size) send(size, true);
  }, [send]);

  return {
    controls: live && !otherControls,
    fixedSize: otherControls && session ? { cols: session.cols, rows: session.rows } : null,
    onFit,
    takeControl,
  };
}
