import type { MaestroEvent, Session, Task } from '@maestro/schemas';

export type { MaestroEvent, Session, Task };

/** Every task of a project (subtasks included) by id. A new Map per change, so selectors can memoise on identity. */
export interface TaskIndex {
  byId: ReadonlyMap<string, Task>;
  /** The newest event the snapshot already reflects: the stream starts after it. */
  asOfEventId: string;
  /** False while only the first page is in (the board shows it; the stream waits for the rest). */
  complete: boolean;
}

export interface SessionIndex {
  byId: ReadonlyMap<string, Session>;
  asOfEventId: string;
}

export interface ActivityIndex {
  /** sessionId → { seq of the newest chunk, when it was stored }. */
  bySession: ReadonlyMap<string, { seq: number; at: string }>;
}
