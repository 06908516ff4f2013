import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { eventsRouter } from './routers/events.js';
import { inboxRouter } from './routers/inbox.js';
import { projectRouter } from './routers/project.js';
import { runnerRouter } from './routers/runner.js';
import { sessionRouter } from './routers/session.js';
import { statusRouter } from './routers/status.js';
import { subtaskRouter } from './routers/subtask.js';
import { taskRouter } from './routers/task.js';
import { tokenRouter } from './routers/token.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  project: projectRouter,
  task: taskRouter,
  subtask: subtaskRouter,
  events: eventsRouter,
  status: statusRouter,
  session: sessionRouter,
  runner: runnerRouter,
  inbox: inboxRouter,
  token: tokenRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
