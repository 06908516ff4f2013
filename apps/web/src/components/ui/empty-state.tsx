import type { ReactNode } from 'react';

/** What an empty screen says: what is missing and the next step (a button, or the CLI command). */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-2 p-8 text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="text-muted">{children}</div>}
      {action}
    </div>
  );
}
