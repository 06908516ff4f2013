'use client';
import type { Attention } from '@maestro/schemas';
import { TimeAgo } from '@/components/ui/time-ago';

const STYLE: Record<Attention['state'], string> = {
  needs_input: 'bg-warn/15 ring-warn/60',
  working: 'bg-info/10 ring-info/50',
  idle: 'bg-raised ring-border',
  unseen: 'bg-accent/10 ring-accent/50',
};
const LABEL: Record<Attention['state'], string> = { needs_input: 'needs input', working: 'working', idle: 'idle', unseen: 'unseen' };

/** A session's attention: the state, who said so and since when; the question on hover and for screen readers. */
export function AttentionChip({ attention }: { attention: Attention | null }) {
  if (!attention) return null;
  return (
    <span
      data-testid="session-attention"
      data-state={attention.state}
      data-source={attention.source}
      title={attention.message ?? undefined}
      className={`flex items-center gap-1 rounded px-1.5 text-[12px] text-fg ring-1 ${STYLE[attention.state]}`}
    >
      <span className="font-semibold">{LABEL[attention.state]}</span>
      <span>
        · {attention.source} · <TimeAgo at={attention.since} />
      </span>
      {attention.state === 'needs_input' && attention.message && <span className="max-w-80 truncate">: {attention.message}</span>}
    </span>
  );
}
