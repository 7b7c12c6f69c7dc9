import { z } from 'zod';
import { call, NoArgs } from './spec.js';

export interface AuditEntry {
  seq: number;
  at: string;
  hlc: string;
  actor: string;
  mutation: string;
  records: { collection: string; id: string }[];
  prevHash: string;
  hash: string;
}

export interface AuditCheck {
  ok: boolean;
  entries: number;
  /** First sequence number whose hash or link does not match, when ok is false. */
  brokenAt?: number;
  /** What else the check found (Spanish, for the screen): altered segments, missing records, repairs made at open. */
  problems?: string[];
}

export const auditCalls = {
  'audit.list': call<AuditEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100), before: z.number().int().min(1).optional() }).strict(),
  ),
  'audit.verify': call<AuditCheck>()(NoArgs),
};
