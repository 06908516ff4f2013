/** Query keys of the live, normalised project data (kept current by the event stream, never refetched on a timer). */
export const liveKeys = {
  tasks: (projectId: string) => ['live', 'tasks', projectId] as const,
  sessions: (projectId: string) => ['live', 'sessions', projectId] as const,
  /** sessionId → when its terminal last printed (from `session:output` events). */
  activity: (projectId: string) => ['live', 'activity', projectId] as const,
};
