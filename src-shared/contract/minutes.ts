import { z } from 'zod';
import { Id, Minutes } from '../domain/index.js';
import { call } from './spec.js';

export interface MinutesView {
  /** Every version, newest first; the first is the current one. */
  versions: Minutes[];
  /** Whether the current version may be locked now (approved, not yet locked). */
  lockable: boolean;
}

/** The acta of a session: its drafted body (a Yjs document, see drafts) and its lifecycle. */
export const minutesCalls = {
  'minutes.get': call<MinutesView>()(z.object({ sessionId: Id }).strict()),
  /** Drafts the acta from the agenda, attendance, votes and notes. */
  'minutes.create': call<Minutes>()(z.object({ sessionId: Id }).strict(), true),
  'minutes.present': call<Minutes>()(z.object({ id: Id }).strict(), true),
  /** Freezes the body (SHA-256), makes its PDF and the document the members sign. */
  'minutes.lock': call<Minutes>()(z.object({ id: Id }).strict(), true),
  /** A new version, linked to the locked one it corrects. */
  'minutes.correct': call<Minutes>()(z.object({ id: Id }).strict(), true),
  'minutes.pdf': call<{ fileName: string; base64: string }>()(z.object({ id: Id }).strict()),
};
