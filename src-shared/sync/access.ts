/** Which role may do what inside its commission. The server enforces it; the app may use it to hide buttons. */
import type { MutationType, Role } from './protocol.js';

const WRITERS: Record<MutationType, readonly Role[]> = {
  // A revisor's puts are limited further to its office's comments and answers (src-server/review-scope.ts).
  put: ['secretaria', 'admin', 'revisor'],
  delete: ['secretaria', 'admin'],
  lock: ['secretaria', 'admin'],
  body: ['secretaria', 'presidencia', 'integrante', 'admin'],
  // A signature must come from the signer's own account; see the server's personId check.
  sign: ['presidencia', 'integrante', 'secretaria'],
  // Audit entries, rúbricas, comments and print records come from everyone, staff included.
  append: ['presidencia', 'integrante', 'secretaria', 'personal', 'admin'],
};

export function mayWrite(role: Role, type: MutationType): boolean {
  return WRITERS[type].includes(role);
}

/** Blobs are uploaded by whoever may sign or edit. */
export function mayUpload(role: Role): boolean {
  return role !== 'personal' && role !== 'revisor';
}

/** A reviewer needs no file: a round's text travels as the draft's body. */
export function mayDownload(role: Role): boolean {
  return role !== 'revisor';
}
