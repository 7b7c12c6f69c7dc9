import { z } from 'zod';
import { DocumentStatus, Id, Session } from '../domain/index.js';
import { ItemText } from './sessions.js';
import { Base64File, call } from './spec.js';

const Kind = z.enum(['punto', 'aprobacion', 'asuntos_generales']);
const Subitems = z.array(z.string().trim().min(1, 'Un subpunto está vacío').max(2000)).max(20, 'Un punto admite hasta 20 subpuntos');

/** The agenda (orden del día) of a session: items, sub-items, notes and attached documents. */
export const agendaCalls = {
  'agenda.add': call<Session>()(
    z
      .object({ sessionId: Id, text: ItemText, kind: Kind.optional(), approvesSessionId: Id.optional(), subitems: Subitems.optional() })
      .strict(),
    true,
  ),
  'agenda.update': call<Session>()(
    z
      .object({
        sessionId: Id,
        itemId: Id,
        text: ItemText.optional(),
        kind: Kind.optional(),
        approvesSessionId: Id.optional(),
        subitems: Subitems.optional(),
      })
      .strict(),
    true,
  ),
  'agenda.move': call<Session>()(z.object({ sessionId: Id, itemId: Id, to: z.number().int().min(0).max(19) }).strict(), true),
  'agenda.remove': call<Session>()(z.object({ sessionId: Id, itemId: Id }).strict(), true),
  'agenda.notes': call<Session>()(z.object({ sessionId: Id, itemId: Id, notes: z.string().max(20000) }).strict(), true),
  'agenda.attach': call<Session>()(
    z
      .object({
        sessionId: Id,
        itemId: Id,
        title: z.string().trim().min(1, 'Escriba el título del documento').max(1000),
        fileName: z.string().trim().min(1).max(200).regex(/^[^/\\]+$/, 'Nombre de archivo inválido'),
        file: Base64File,
        status: DocumentStatus.default('presentado'),
        feminine: z.boolean().default(false),
      })
      .strict(),
    true,
  ),
  'agenda.setDocumentStatus': call<Session>()(z.object({ sessionId: Id, documentId: Id, status: DocumentStatus }).strict(), true),
  'agenda.file': call<{ fileName: string; mime: string; base64: string }>()(z.object({ sessionId: Id, documentId: Id }).strict()),
};
