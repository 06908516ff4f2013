import { TRPCClientError } from '@trpc/client';

/** What the server says went wrong: a stable code, a message and a hint a person can act on. */
export interface ErrorInfo {
  code: string;
  message: string;
  hint?: string | undefined;
  /** Extra details some codes carry (a conflict's current version, a cycle's path). */
  details?: Record<string, unknown> | undefined;
}

interface MaestroErrorData {
  maestro?: { code?: string; message?: string; hint?: string; details?: Record<string, unknown> } & Record<string, unknown>;
}

/** The server's error body, or null when the request never got an answer (network, server down). */
export function errorInfo(error: unknown): ErrorInfo | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<never>).data as MaestroErrorData | undefined;
  const maestro = data?.maestro;
  if (!maestro?.code) return null;
  return { code: maestro.code, message: maestro.message ?? error.message, hint: maestro.hint, details: maestro.details ?? maestro };
}

/** True when the call failed because the server could not be reached, so retrying later may succeed. */
export function isNetworkError(error: unknown): boolean {
  if (errorInfo(error)) return false;
  if (error instanceof TRPCClientError) {
    const status = (error as TRPCClientError<never>).data as { httpStatus?: number } | undefined;
    return !status?.httpStatus || status.httpStatus >= 500;
  }
  return error instanceof TypeError;
}

/** One line for a toast or an inline message. */
export function describeError(error: unknown): string {
  const info = errorInfo(error);
  if (info) return info.hint ? `${info.message} — ${info.hint}` : info.message;
  if (isNetworkError(error)) return 'The server cannot be reached. The change was not sent.';
  return error instanceof Error ? error.message : String(error);
}
