import { z } from 'zod';
import { Id } from '../domain/index.js';
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

/** One step in a document's or session's history, in Spanish for the screen. */
export interface TimelineEvent {
  seq: number;
  at: string;
  actor: string;
  /** created, edited, presented, approved, locked, signed, refused, printed, synced… */
  kind: string;
  /** "Firmado por LICDA. …", "Impreso por … en PDF (2 copias)". */
  label: string;
  documentId?: string;
}

export const auditCalls = {
  'audit.list': call<AuditEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100), before: z.number().int().min(1).optional() }).strict(),
  ),
  'audit.verify': call<AuditCheck>()(NoArgs),
  'audit.timeline': call<TimelineEvent[]>()(
    z.union([z.object({ documentId: Id }).strict(), z.object({ sessionId: Id }).strict()]),
  ),
  'audit.constancia': call<{ fileName: string; base64: string }>()(z.object({ id: Id }).strict()),
};
