import type { StatusOutput } from '@maestro/schemas';
import Link from 'next/link';
import { TimeAgo } from '@/components/ui/time-ago';
import { links } from '../shell/links';
import { ROW, Section } from './section';

/** Sessions asking a question, longest wait first: each opens its terminal to answer. Shown only while any asks. */
export function NeedsInputList({ projectId, status }: { projectId: string; status: StatusOutput }) {
  if (status.needsInput.length === 0) return null;
  return (
    <Section id="needs-input" title="Needs input" count={status.needsInput.length} empty="No session is asking.">
      <ul className="divide-y divide-border overflow-auto">
        {status.needsInput.map((s) => (
          <li key={s.id}>
            <Link
              href={links.session(projectId, s.id)}
              data-testid="overview-needs-input-item"
              data-session-id={s.id}
              className={`${ROW} flex-col items-start`}
            >
              <span className="font-medium">{s.name}</span>
              <span className="text-[13px]">{s.attention.message ?? 'Asked for input'}</span>
              <span className="text-[12px] text-muted">
                waiting since <TimeAgo at={s.attention.since} /> · said by {s.attention.source}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}
