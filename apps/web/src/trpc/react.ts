'use client';
import type { AppRouter } from '@maestro/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** The one tRPC context of the dashboard: `useTRPC()` for query/mutation options, `useTRPCClient()` for imperative calls. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
