import { z } from 'zod';
import type { Session } from '../../../src-shared/domain/index.js';
import { Id } from '../../../src-shared/domain/index.js';
import { instituteLetterhead, instituteSettings } from '../commissions/institute.js';
import { defineMutation, type Store } from '../store/store.js';
import { convocatoriaPdf } from './convocatoria-pdf.js';
import { refuse } from './errors.js';
import { oneAtATime } from './one-at-a-time.js';
import { sessionAndCommission } from './sessions.js';

const fileNameOf = (s: Session) => `convocatoria-${s.key.replace('/', '-')}.pdf`;

export async function renderConvocatoria(store: Store, id: string, issuedOn = new Date().toISOString().slice(0, 10)) {
  const { session, commission } = sessionAndCommission(store, id);
  if (!session.agenda.length) refuse('INVALID_ARGUMENT', 'Agregue al menos un punto al orden del día antes de convocar.', 'the agenda is empty: add at least one item before convening');
  return { session, ...(await convocatoriaPdf(session, commission, await instituteLetterhead(store), issuedOn, instituteSettings(store).city)) };
}

export async function convocatoriaFile(store: Store, id: string): Promise<{ fileName: string; base64: string }> {
  const stored = store.all('documents').find((d) => d.kind === 'convocatoria' && d.sessionId === id);
  if (stored) return { fileName: stored.fileName, base64: (await store.blobs.get(stored.pdf)).toString('base64') };
  const { session, pdf } = await renderConvocatoria(store, id);
  return { fileName: fileNameOf(session), base64: Buffer.from(pdf).toString('base64') };
}

/** Only a session still programada can be convened; the refusal says why. */
function notConvenable(status: string): void {
  if (status === 'programada') return;
  refuse('CONFLICT', status === 'cancelada' ? 'La sesión está cancelada.' : 'La sesión ya fue convocada.', `the session is already ${status}`);
}

const conveneMutation = defineMutation({
  name: 'session.convene',
  args: z.object({ id: Id, hlc: z.string(), documentId: Id, pdf: z.string(), bytes: z.number().int().positive(), signers: z.array(z.any()) }),
  apply(ctx, args) {
    const { session } = sessionAndCommission(ctx, args.id);
    notConvenable(session.status);
    // The PDF was made outside the queue from this version of the session.
    if (session.hlc !== args.hlc) refuse('CONFLICT', 'La sesión cambió mientras se generaba la convocatoria; intente de nuevo.', 'the session changed meanwhile; try again');
    const now = new Date().toISOString();
    const document = {
      id: args.documentId,
      kind: 'convocatoria' as const,
      title: `Convocatoria ${session.key}`,
      fileName: fileNameOf(session),
      createdAt: now,
      pdf: args.pdf,
      bytes: args.bytes,
      inkFrom: [],
      status: 'borrador' as const,
      sessionId: session.id,
      signers: args.signers,
      documentTimestamps: [],
    };
    return {
      puts: [
        { collection: 'sessions', record: { ...session, status: 'convocada', convenedAt: now } },
        { collection: 'documents', record: document },
      ],
      result: (s) => ({ session: s[0]!.record as Session, documentId: args.documentId }),
    };
  },
});

/** Convening fixes the key and stores the convocatoria as a document ready for the signing flow. */
export function convene(store: Store, id: string, actor: string, newId: () => string) {
  return oneAtATime(`${store.dataDir}\u0000convene\u0000${id}`, () => conveneNow(store, id, actor, newId));
}

async function conveneNow(store: Store, id: string, actor: string, newId: () => string) {
  const { session, pdf, slots } = await renderConvocatoria(store, id);
  notConvenable(session.status);
  const sha = await store.blobs.put(pdf);
  return store.mutate(
    conveneMutation,
    { id, hlc: session.hlc, documentId: newId(), pdf: sha, bytes: pdf.length, signers: slots.map((s) => ({ ...s, status: 'pendiente' })) },
    actor,
  );
}
