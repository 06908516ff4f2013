'use client';
import { isTaskPriority, isTaskStatus, type Task } from '@maestro/schemas';
import { useCallback, useState } from 'react';
import { describeError } from '@/lib/errors';
import { useWrite } from '../offline/use-write';
import { conflictFrom, type EditableField, type VersionConflict } from './conflict';
import { useUpsertTasks } from './use-task-data';

const LABEL: Record<EditableField, string> = { title: 'Rename task', description: 'Edit description', priority: 'Change priority', status: 'Change status' };

function fieldInput(field: EditableField, value: string) {
  switch (field) {
    case 'title':
      return { title: value };
    case 'description':
      return { description: value };
    case 'priority':
      return isTaskPriority(value) ? { priority: value } : {};
    case 'status':
      return isTaskStatus(value) ? { status: value } : {};
  }
}

export interface TaskEditor {
  /** Sends one field with the version the user started from; false when refused (the conflict or error is kept for display). */
  save(field: EditableField, value: string, baseVersion: number): Promise<boolean>;
  conflicts: Partial<Record<EditableField, VersionConflict>>;
  errors: Partial<Record<EditableField, string>>;
  keepMine(field: EditableField): Promise<void>;
  takeTheirs(field: EditableField): void;
  clearError(field: EditableField): void;
}

/**
 * Edits of one task through `task.update` with `expectedVersion`. A
 * VERSION_CONFLICT is never resolved silently: it is kept, with the user's
 * value and the other one, until the user keeps theirs (re-sent against the
 * new version) or takes the other.
 */
export function useTaskEditor(task: Task): TaskEditor {
  const write = useWrite();
  const upsert = useUpsertTasks(task.projectId);
  const [conflicts, setConflicts] = useState<Partial<Record<EditableField, VersionConflict>>>({});
  const [errors, setErrors] = useState<Partial<Record<EditableField, string>>>({});

  const drop = <T>(record: Partial<Record<EditableField, T>>, field: EditableField) => {
    const next = { ...record };
    delete next[field];
    return next;
  };

  const save = useCallback(
    async (field: EditableField, value: string, baseVersion: number) => {
      setErrors((e) => drop(e, field));
      try {
        const r = await write('task.update', { id: task.id, ...fieldInput(field, value), expectedVersion: baseVersion }, LABEL[field]);
        if (!r.queued) upsert([r.result]);
        setConflicts((c) => drop(c, field));
        return true;
      } catch (error) {
        const conflict = conflictFrom(error, field, value, task);
        if (conflict) setConflicts((c) => ({ ...c, [field]: conflict }));
        else setErrors((e) => ({ ...e, [field]: describeError(error) }));
        return false;
      }
    },
    [write, upsert, task],
  );

  const keepMine = useCallback(
    async (field: EditableField) => {
      const conflict = conflicts[field];
      if (conflict) await save(field, conflict.mine, conflict.currentVersion);
    },
    [conflicts, save],
  );
  const takeTheirs = useCallback((field: EditableField) => setConflicts((c) => drop(c, field)), []);
  const clearError = useCallback((field: EditableField) => setErrors((e) => drop(e, field)), []);

  return { save, conflicts, errors, keepMine, takeTheirs, clearError };
}
