import { InboxPage } from '@/features/inbox/inbox-page';

export default function Inbox() {
  return <InboxPage />;
}
