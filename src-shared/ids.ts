import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new globally unique, time-sortable record id (ULID). */
export function newId(now: number = Date.now()): string {
  return next(now);
}
