import { z } from 'zod';
import { Id, type Tombstone } from '../domain/index.js';
import { call } from './spec.js';

export interface DraftState {
  id: string;
  /** The whole Yjs document as one update, base64. */
  state: string;
  seq: number;
  locked: boolean;
}

export interface DeletedDraft {
  kind: 'documento' | 'acta' | 'lineamiento';
  id: string;
  title: string;
  deleted: Tombstone;
}

/** Rich-text bodies kept as Yjs documents (actas now, lineamientos later). */
export const draftsCalls = {
  'drafts.get': call<DraftState>()(z.object({ id: Id }).strict()),
  /** Appends one Yjs update (base64): the edits since the last save, never the whole document. */
  'drafts.append': call<{ seq: number }>()(
    z
      .object({
        id: Id,
        update: z
          .string()
          .min(4, 'El cambio está vacío.')
          .max(1_400_000, 'El cambio es demasiado grande.')
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'El cambio no se recibió completo (base64 inválido).'),
      })
      .strict(),
    true,
  ),
  /** Deletes a draft (a document never locked, an acta or a lineamiento in borrador) as a tombstone. */
  'drafts.delete': call<DeletedDraft>()(
    z
      .object({
        kind: z.enum(['documento', 'acta', 'lineamiento'], { message: 'Indique qué se elimina: documento, acta o lineamiento.' }),
        id: Id,
        reason: z.string().trim().min(3, 'Escriba por qué se elimina (al menos 3 caracteres).').max(500, 'El motivo admite hasta 500 caracteres.'),
        confirm: z.literal(true, { message: 'Confirme que desea eliminar el borrador.' }),
      })
      .strict(),
    true,
  ),
};
