/**
 * The merge every replica runs (the server and each client), so all converge on the same data
 * whatever order changes arrive in: per field, the greater HLC wins (stamps sort as strings);
 * a tombstone is final; a body is the list of its Yjs updates in server order.
 */
import type { Change } from './protocol.js';

export interface MergedRecord {
  fields: Record<string, unknown>;
  /** The HLC that wrote each field. */
  stamps: Record<string, string>;
  deleted: boolean;
  locked: null | 'locked' | 'signed';
  body: string[];
}

export function emptyRecord(): MergedRecord {
  return { fields: {}, stamps: {}, deleted: false, locked: null, body: [] };
}

/** Applies one put's fields to a record; returns the names of the fields it won. */
export function mergeFields(record: MergedRecord, fields: Record<string, unknown>, hlc: string): string[] {
  const won: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const current = record.stamps[name];
    if (current === undefined || hlc > current) {
      record.fields[name] = value;
      record.stamps[name] = hlc;
      won.push(name);
    }
  }
  return won;
}

/** Applies a pulled change to a replica's record (the server has already refused what is not allowed). */
export function applyChange(record: MergedRecord, change: Change): MergedRecord {
  switch (change.type) {
    case 'put':
      if (!record.deleted) mergeFields(record, change.fields, change.hlc);
      break;
    case 'delete':
      record.deleted = true;
      break;
    case 'lock':
      if (record.locked !== 'signed') record.locked = change.state;
      break;
    case 'body':
      record.body.push(change.update);
      break;
    default:
      break;
  }
  return record;
}
