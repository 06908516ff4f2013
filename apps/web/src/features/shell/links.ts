/** Where things open, in one place for the shell, the overview and the palette. */
export const links = {
  projects: () => '/',
  /** What needs a person, across projects. */
  inbox: () => '/inbox',
  board: (projectId: string) => `/p/${projectId}`,
  overview: (projectId: string) => `/p/${projectId}/overview`,
  sessions: (projectId: string) => `/p/${projectId}/sessions`,
  /** A task opens as the side panel over its board (`?task=`). */
  task: (projectId: string, taskId: string) => `/p/${projectId}?task=${encodeURIComponent(taskId)}`,
  session: (projectId: string, sessionId: string) => `/p/${projectId}/sessions/${sessionId}`,
};
