import { z } from 'zod';
import { timestamp } from './common.js';
import { runnerId } from './session.js';

/** A session host as a dashboard shows it ("no runner connected" when none is live). */
export const runnerInfo = z.object({
  id: runnerId,
  name: z.string(),
  hostname: z.string(),
  pid: z.number().int(),
  createdAt: timestamp,
  lastHeartbeatAt: timestamp,
  /** Heart-beaten within the lease: it takes spawn requests and keeps its sessions. */
  live: z.boolean(),
  /** How many of its sessions are spawning or active (for a session token: in its own project). */
  sessions: z.number().int(),
});
export type RunnerInfo = z.infer<typeof runnerInfo>;

/** The newest heartbeats first (at most 100 runners: live ones always come first). */
export const runnerListOutput = z.object({ items: z.array(runnerInfo), leaseMs: z.number().int() });
export type RunnerListOutput = z.infer<typeof runnerListOutput>;
