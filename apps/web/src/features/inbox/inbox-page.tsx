'use client';
import type { InboxItem } from '@maestro/schemas';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { describeError } from '@/lib/errors';
import { AlertToggles } from './alert-toggles';
import { itemHref, KIND_LABEL } from './item-link';
import { itemKey, useInbox } from './use-inbox';

const KIND_STYLE: Record<InboxItem['kind'], string> = {
  needs_input: 'bg-warn/15 ring-warn/60',
  failed: 'bg-danger/10 ring-danger/60',
  blocked: 'bg-danger/10 ring-danger/40',
  finished: 'bg-ok/10 ring-ok/50',
};

/** What each kind asks of you, as the row's call to action. */
const ACTION: Record<InboxItem['kind'], string> = {
  needs_input: 'Answer in its terminal',
  failed: 'See what happened',
  blocked: 'Unblock or re-plan',
  finished: 'Review the result',
};

function Row({ item }: { item: InboxItem }) {
  return (
    <li>
      <Link
        href={itemHref(item)}
        data-testid="inbox-item"
        data-kind={item.kind}
        data-key={itemKey(item)}
        className="flex items-start gap-3 px-4 py-2.5 hover:bg-raised focus-visible:bg-raised"
      >
        <span className={`mt-0.5 shrink-0 rounded px-1.5 text-[12px] font-semibold text-fg ring-1 ${KIND_STYLE[item.kind]}`}>{KIND_LABEL[item.kind]}</span>
        <span className="flex min-w-0 flex-1 flex-col">
          <span className="flex items-baseline gap-2">
            <span className="truncate font-medium">{item.title}</span>
            <span className="text-[12px] text-muted">{item.projectName}</span>
          </span>
          {item.detail && (
            <span className={`text-[13px] ${item.kind === 'needs_input' ? 'text-fg' : 'text-muted'}`} data-testid="inbox-detail">
              {item.detail}
            </span>
          )}
          <span className="text-[12px] text-muted">
            {ACTION[item.kind]} · {item.kind === 'needs_input' ? 'waiting since ' : ''}
            <TimeAgo at={item.since} />
            {item.source && ` · said by ${item.source}`}
          </span>
        </span>
      </Link>
    </li>
  );
}

/** Everything that needs a person, across projects, in the server's order (the same as `maestro inbox`). */
export function InboxPage() {
  const { data, error } = useInbox();
  if (error) {
    return (
      <EmptyState title="The inbox cannot be shown">
        <span role="alert">{describeError(error)}</span>
      </EmptyState>
    );
  }
  return (
    <div className="flex h-full flex-col overflow-auto">
      <div className="flex items-center gap-3 border-b border-border px-4 py-3">
        <h1 className="text-[15px] font-semibold">Inbox</h1>
        {data && (
          <span className="text-[13px] text-muted" data-testid="inbox-summary">
            {data.counts.needs_input} asking · {data.counts.failed} failed · {data.counts.blocked} blocked · {data.counts.finished} finished unseen
          </span>
        )}
        <AlertToggles />
      </div>
      {!data ? (
        <p className="p-6 text-muted">Loading inbox…</p>
      ) : data.items.length === 0 ? (
        <EmptyState title="Nothing needs you">Sessions that ask a question, fail or finish, and blocked tasks, show up here.</EmptyState>
      ) : (
        <ul className="divide-y divide-border" aria-label="Inbox items, most urgent first">
          {data.items.map((item) => (
            <Row key={itemKey(item)} item={item} />
          ))}
        </ul>
      )}
      {data && data.total > data.items.length && <p className="px-4 py-2 text-[13px] text-muted">{data.total - data.items.length} more not shown.</p>}
    </div>
  );
}
