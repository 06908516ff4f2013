/** Where a task opens (the task detail route), in one place for every link from the sessions screens. */
export function taskHref(projectId: string, taskId: string): string {
  return `/p/${projectId}/t/${taskId}`;
}

export function sessionHref(projectId: string, sessionId: string): string {
  return `/p/${projectId}/sessions/${sessionId}`;
}
