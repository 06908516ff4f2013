'use client';
import type { Session } from '@maestro/schemas';
import { useEffect, useState } from 'react';
import { SESSION_STATUS_TONE } from '@/lib/status';

/** A terminal that printed within this long counts as working (AM's "Live" debounce). */
export const ACTIVE_OUTPUT_MS = 2_000;

/**
 * The live session on a card: its status colour, pulsing while its terminal has
 * printed in the last two seconds. The pulse ends on a one-shot timer (a clock,
 * not a data fetch); new output arrives through the project stream.
 */
export function SessionDot({ session, lastOutputAt }: { session: Session; lastOutputAt: string | undefined }) {
  const since = lastOutputAt ? Date.now() - Date.parse(lastOutputAt) : Infinity;
  const [, setTick] = useState(0);
  const printing = since < ACTIVE_OUTPUT_MS;
  useEffect(() => {
    if (!printing) return;
    const timer = setTimeout(() => setTick((n) => n + 1), ACTIVE_OUTPUT_MS - since + 10);
    return () => clearTimeout(timer);
  }, [printing, since]);
  const label = `${session.name}: ${session.status}${printing ? ', printing' : ''}`;
  return (
    <span
      className="relative inline-flex size-2.5 shrink-0"
      title={label}
      data-testid="card-session"
      data-status={session.status}
      data-printing={printing ? 'true' : 'false'}
    >
      {printing && <span className={`absolute inline-flex size-full animate-ping rounded-full opacity-60 ${SESSION_STATUS_TONE[session.status]}`} />}
      <span className={`relative inline-flex size-2.5 rounded-full ${SESSION_STATUS_TONE[session.status]}`} />
      <span className="sr-only">{label}</span>
    </span>
  );
}
