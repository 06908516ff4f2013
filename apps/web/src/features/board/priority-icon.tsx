import type { TaskPriority } from '@maestro/schemas';
import { OctagonAlert, SignalHigh, SignalLow, SignalMedium } from 'lucide-react';
import { PRIORITY_LABEL } from '@/lib/status';

const ICONS = { urgent: OctagonAlert, high: SignalHigh, medium: SignalMedium, low: SignalLow } as const;
const TONES: Record<TaskPriority, string> = { urgent: 'text-danger', high: 'text-warn', medium: 'text-muted', low: 'text-muted' };

/** Priority as an icon with its name for screen readers and on hover. */
export function PriorityIcon({ priority }: { priority: TaskPriority }) {
  const Icon = ICONS[priority];
  return (
    <span className={`inline-flex shrink-0 ${TONES[priority]}`} title={`Priority: ${PRIORITY_LABEL[priority]}`} data-priority={priority}>
      <Icon size={14} strokeWidth={2.25} aria-hidden />
      <span className="sr-only">Priority {PRIORITY_LABEL[priority]}</span>
    </span>
  );
}
