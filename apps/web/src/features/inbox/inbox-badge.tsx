'use client';
import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { links } from '../shell/links';
import { useInbox } from './use-inbox';

/** The header's way to the inbox, with how many items wait (questions called out). */
export function InboxBadge() {
  const { data } = useInbox();
  const pathname = usePathname();
  const total = data?.total ?? 0;
  const asking = data?.counts.needs_input ?? 0;
  const active = pathname === links.inbox();
  return (
    <Link
      href={links.inbox()}
      aria-current={active ? 'page' : undefined}
      aria-label={`Inbox: ${total} ${total === 1 ? 'item' : 'items'}${asking ? `, ${asking} asking for input` : ''}`}
      data-testid="inbox-link"
      className={`flex h-7 items-center gap-1.5 rounded-md px-2 ${active ? 'bg-raised text-fg ring-1 ring-border' : 'text-muted hover:text-fg'}`}
    >
      <Inbox aria-hidden size={14} />
      <span>Inbox</span>
      <span
        data-testid="inbox-count"
        data-asking={asking}
        // Until the first answer the count is unknown, not zero.
        data-loaded={data ? 'true' : 'false'}
        className={`min-w-5 rounded-full px-1.5 text-center text-[12px] font-semibold ${asking > 0 ? 'bg-warn text-bg' : total > 0 ? 'bg-danger text-bg' : 'bg-raised text-muted ring-1 ring-border'}`}
      >
        {data ? total : '·'}
      </span>
    </Link>
  );
}
