'use client';
import type { InboxItem } from '@maestro/schemas';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { chime, readAlertSettings } from './alert-settings';
import { setFaviconCount } from './favicon';
import { itemHref, KIND_LABEL } from './item-link';
import { itemKey, useInbox } from './use-inbox';
import { useInboxFeed } from './use-inbox-feed';

/** What deserves an interruption: a question, or a session that failed. */
const ALERTING = new Set<InboxItem['kind']>(['needs_input', 'failed']);

function notify(item: InboxItem, open: (href: string) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const n = new Notification(`${item.title}: ${KIND_LABEL[item.kind].toLowerCase()}`, { body: item.detail ?? item.projectName, tag: itemKey(item) });
  n.onclick = () => {
    window.focus();
    open(itemHref(item));
    n.close();
  };
}

/**
 * Mounted once by the shell, on every page: keeps the inbox current (its
 * event stream), puts its count on the tab's icon, and announces items that
 * enter it (a notification and a chime, when this browser opted in).
 */
export function InboxWatch() {
  const { data } = useInbox();
  const router = useRouter();
  useInboxFeed(data?.asOfEventId);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!data) return;
    setFaviconCount(data.total);
    const keys = new Set(data.items.map(itemKey));
    const before = seen.current;
    seen.current = keys;
    // The first list is what was already waiting: only what enters after it is news.
    if (!before) return;
    const entered = data.items.filter((i) => ALERTING.has(i.kind) && !before.has(itemKey(i)));
    if (entered.length === 0) return;
    const settings = readAlertSettings();
    if (settings.notify) for (const item of entered) notify(item, (href) => router.push(href));
    if (settings.sound) chime();
  }, [data, router]);

  useEffect(() => () => setFaviconCount(0), []);
  return null;
}
