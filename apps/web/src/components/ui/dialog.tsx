'use client';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: focus is trapped and restored, Escape closes,
 * and the page behind is inert, all by the browser.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  className = '',
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      // Escape closes through the state, not natively: a native close reports itself a task later, and a
      // Ctrl-K in between would toggle a palette that looks closed but is still open in the state.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // A close event from an earlier close that arrives after the dialog was opened again is stale.
      onClose={() => !ref.current?.open && onClose()}
      onClick={(e) => e.target === ref.current && onClose()}
      className={`m-auto w-full max-w-lg rounded-lg border border-border bg-panel p-0 text-fg shadow-xl backdrop:bg-black/40 ${className}`}
    >
      {open && (
        <div className="space-y-4 p-5">
          <h2 className="text-base font-semibold">{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
