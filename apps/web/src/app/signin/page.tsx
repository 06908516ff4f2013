import { headers } from 'next/headers';

/** Header set by the Maestro server: where the token file is (never the token). */
const TOKEN_HINT_HEADER = 'x-maestro-token-hint';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = typeof params.next === 'string' ? params.next : '/';
  const invalid = params.error === 'invalid';
  const hint = (await headers()).get(TOKEN_HINT_HEADER) ?? '~/.maestro/data/token';
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <form method="post" action="/auth/signin" className="w-full max-w-sm space-y-4 rounded-lg border border-border bg-panel p-6 shadow-sm">
        <div className="flex items-center gap-2">
          <img src="/icon.svg" alt="" width={24} height={24} />
          <h1 className="text-lg font-semibold">Sign in to Maestro</h1>
        </div>
        <p className="text-muted">
          Open the dashboard URL the server printed at start-up, or paste the server token. It is stored in{' '}
          <code className="rounded bg-raised px-1 font-mono text-[13px]">{hint}</code>.
        </p>
        <input type="hidden" name="next" value={next} />
        <label className="block space-y-1">
          <span className="font-medium">Token</span>
          <input
            name="token"
            type="password"
            required
            autoFocus
            autoComplete="current-password"
            aria-invalid={invalid}
            aria-describedby={invalid ? 'signin-error' : undefined}
            className="w-full rounded-md border border-border bg-bg px-3 py-2 font-mono"
          />
        </label>
        {invalid && (
          <p id="signin-error" role="alert" className="text-danger">
            That token is not valid for this server. Check the token file above, or the MAESTRO_TOKEN the server was started with.
          </p>
        )}
        <button type="submit" className="w-full rounded-md bg-accent px-3 py-2 font-medium text-accent-fg hover:opacity-90">
          Sign in
        </button>
      </form>
    </main>
  );
}
