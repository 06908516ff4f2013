import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const CONTROL = 'w-full rounded-md border border-border bg-bg px-2.5 py-1.5 text-fg placeholder:text-muted aria-[invalid=true]:border-danger';

export function Input({ className = '', ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${CONTROL} ${className}`} {...props} />;
}

export function Textarea({ className = '', ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${CONTROL} ${className}`} {...props} />;
}

export function Select({ className = '', ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${CONTROL} ${className}`} {...props} />;
}

/** A labelled control with an optional error under it (announced, and linked by aria-describedby by the caller). */
export function Field({ label, error, errorId, children }: { label: string; error?: string | null | undefined; errorId?: string; children: ReactNode }) {
  return (
    <label className="block space-y-1">
      <span className="text-[13px] font-medium">{label}</span>
      {children}
      {error && (
        <span id={errorId} role="alert" className="block text-[13px] text-danger">
          {error}
        </span>
      )}
    </label>
  );
}
