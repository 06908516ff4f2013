import type { MaestroTRPCClient, RouterInputs, RouterOutputs } from '@maestro/client';

/**
 * Every mutation the dashboard makes, by its procedure path. Writes go through
 * one function so the offline queue sees all of them.
 */
export interface Writes {
  'project.create': [RouterInputs['project']['create'], RouterOutputs['project']['create']];
  'project.update': [RouterInputs['project']['update'], RouterOutputs['project']['update']];
  'project.delete': [RouterInputs['project']['delete'], RouterOutputs['project']['delete']];
  'task.create': [RouterInputs['task']['create'], RouterOutputs['task']['create']];
  'task.update': [RouterInputs['task']['update'], RouterOutputs['task']['update']];
  'task.start': [RouterInputs['task']['start'], RouterOutputs['task']['start']];
  'task.complete': [RouterInputs['task']['complete'], RouterOutputs['task']['complete']];
  'task.block': [RouterInputs['task']['block'], RouterOutputs['task']['block']];
  'task.unblock': [RouterInputs['task']['unblock'], RouterOutputs['task']['unblock']];
  'task.comment': [RouterInputs['task']['comment'], RouterOutputs['task']['comment']];
  'task.delete': [RouterInputs['task']['delete'], RouterOutputs['task']['delete']];
  'task.dependency.add': [RouterInputs['task']['dependency']['add'], RouterOutputs['task']['dependency']['add']];
  'task.dependency.remove': [RouterInputs['task']['dependency']['remove'], RouterOutputs['task']['dependency']['remove']];
  'subtask.create': [RouterInputs['subtask']['create'], RouterOutputs['subtask']['create']];
  'subtask.update': [RouterInputs['subtask']['update'], RouterOutputs['subtask']['update']];
  'subtask.complete': [RouterInputs['subtask']['complete'], RouterOutputs['subtask']['complete']];
  'subtask.delete': [RouterInputs['subtask']['delete'], RouterOutputs['subtask']['delete']];
  'subtask.move': [RouterInputs['subtask']['move'], RouterOutputs['subtask']['move']];
  'session.spawn': [RouterInputs['session']['spawn'], RouterOutputs['session']['spawn']];
  'session.stop': [RouterInputs['session']['stop'], RouterOutputs['session']['stop']];
}
export type WritePath = keyof Writes;
export type WriteInput<P extends WritePath> = Writes[P][0];
export type WriteOutput<P extends WritePath> = Writes[P][1];

/** Calls `client.a.b.mutate(input)` for the path `a.b`. */
export function callWrite<P extends WritePath>(client: MaestroTRPCClient, path: P, input: WriteInput<P>): Promise<WriteOutput<P>> {
  let target: unknown = client;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as { mutate(input: unknown): Promise<WriteOutput<P>> }).mutate(input);
}
