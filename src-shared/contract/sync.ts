import { z } from 'zod';
import { commissionSchema, usernameSchema } from '../sync/protocol.js';
import { call, NoArgs } from './spec.js';

/** A local change the server refused: kept on this laptop, shown to the user. */
export interface SyncRejection {
  collection: string;
  id: string;
  kind: string;
  /** Spanish, fit for the screen. */
  reason: string;
  at: string;
}

export interface SyncStatus {
  configured: boolean;
  server: string | null;
  username: string | null;
  displayName: string | null;
  commission: string | null;
  /** Whether a refresh or access token is held (the vault may keep it sealed on disk). */
  signedIn: boolean;
  online: boolean;
  /** Local changes not yet accepted by the server. */
  pending: number;
  lastSync: string | null;
  lastError: string | null;
  rejected: SyncRejection[];
  /** Remote changes merged here since the app started: screens reload when it grows. */
  received: number;
  /**
   * Changes made here to records another laptop deleted first: kept here, not applied ("Cambios
   * que no contaron"), newest last.
   */
  lost?: { id: string; collection: string; recordId: string; message: string; at: string }[];
  /** Files named by records received here that the server does not have yet ("pendiente de recibir"). */
  awaitingFiles?: number;
  /** Drafts into which a pull merged someone else's edits: what an open editor announces. */
  /** `seen`: the body's Yjs state vector (base64) before the merge; an open editor repairs what it typed after it (guidelines/merge.ts). */
  merges: { draftId: string; accounts: string[]; at: string; seen?: string }[];
}

export interface SyncRoundResult {
  pushed: number;
  pulled: number;
  rejected: SyncRejection[];
  status: SyncStatus;
}

export const syncCalls = {
  'sync.status': call<SyncStatus>()(NoArgs),
  'sync.signIn': call<SyncStatus>()(
    z
      .object({
        server: z
          .string()
          .trim()
          .url('La dirección del servidor no es válida.')
          .regex(/^https?:\/\//, 'La dirección debe comenzar con http:// o https://'),
        username: usernameSchema,
        password: z.string().min(1, 'Escriba la contraseña.').max(1024),
        commission: commissionSchema.optional(),
      })
      .strict(),
    true,
  ),
  'sync.signOut': call<SyncStatus>()(NoArgs, true),
  /** "Sincronizar ahora", and what the window calls when it gains focus (`reason: 'focus'`). */
  'sync.now': call<SyncRoundResult>()(z.object({ reason: z.enum(['button', 'focus', 'start']).default('button') }).strict(), true),
};
