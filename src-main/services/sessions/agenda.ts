import { z } from 'zod';
import { contract } from '../../../src-shared/contract/calls.js';
import type { AgendaItem, Session } from '../../../src-shared/domain/index.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';
import { refuse } from './errors.js';
import { computedVotes } from './rules.js';
import { currentMinutes, sessionAndCommission } from './sessions.js';

const MAX_ITEMS = 20;

const result = (record: Session) => ({
  puts: [{ collection: 'sessions' as const, record }],
  result: (stamped: { record: unknown }[]) => stamped[0]!.record as Session,
});

function editable(ctx: Pick<MutationContext, 'get' | 'all'>, id: string) {
  const found = sessionAndCommission(ctx, id);
  if (found.session.status === 'cancelada') refuse('CONFLICT', 'La sesión está cancelada; su orden del día ya no cambia.', 'the session is cancelled');
  return found;
}

function itemOf(session: Session, itemId: string): AgendaItem {
  const item = session.agenda.find((a) => a.id === itemId);
  if (!item) return refuse('NOT_FOUND', 'Ese punto no está en el orden del día.', 'no such agenda item');
  return item;
}

/** An approval item must point at an earlier session of the same commission that has an acta. */
function checkApproval(ctx: Pick<MutationContext, 'get' | 'all'>, session: Session, kind: AgendaItem['kind'], target: string | undefined): void {
  if (kind !== 'aprobacion') return;
  if (!target) refuse('INVALID_ARGUMENT', 'Indique la sesión cuya acta se somete a aprobación.', 'an approval item needs the session whose minutes it approves');
  const other = ctx.get('sessions', target!);
  if (!other || other.commissionId !== session.commissionId || other.id === session.id) {
    refuse('INVALID_ARGUMENT', 'La sesión indicada no es una sesión anterior de esta comisión.', 'the approval item must point at an earlier session of the same commission');
  }
  if (!currentMinutes(ctx, other!.id)) {
    refuse('INVALID_ARGUMENT', `La sesión ${other!.key} no tiene acta; no puede someterse a aprobación.`, `session ${other!.key} has no minutes to approve`);
  }
}

export const addItem = defineMutation({
  name: 'agenda.add',
  args: contract['agenda.add'].args,
  apply(ctx, args) {
    const { session } = editable(ctx, args.sessionId);
    if (session.agenda.length >= MAX_ITEMS) refuse('INVALID_ARGUMENT', 'El orden del día admite hasta 20 puntos.', 'an agenda holds at most 20 items');
    const kind = args.kind ?? 'punto';
    checkApproval(ctx, session, kind, args.approvesSessionId);
    const item: AgendaItem = {
      id: ctx.newId(),
      text: args.text,
      subitems: args.subitems ?? [],
      kind,
      notes: '',
      ...(kind === 'aprobacion' && args.approvesSessionId ? { approvesSessionId: args.approvesSessionId } : {}),
    };
    // "Asuntos generales" stays last, as the seeds order it.
    const general = session.agenda.findIndex((a) => a.kind === 'asuntos_generales');
    const agenda = [...session.agenda];
    agenda.splice(kind !== 'asuntos_generales' && general >= 0 ? general : agenda.length, 0, item);
    // The acta put to approval is a document of this session, as the seeds list it ("Acta … Presentada").
    const documents = [...session.documents];
    if (kind === 'aprobacion' && args.approvesSessionId) {
      const target = ctx.get('sessions', args.approvesSessionId)!;
      documents.push({
        id: ctx.newId(),
        consecutive: 1 + Math.max(0, ...documents.map((d) => d.consecutive)),
        title: `Acta ${target.key}`,
        status: 'presentado',
        feminine: true,
        sessionDate: target.date,
        agendaItemId: item.id,
      });
    }
    return result({ ...session, agenda, documents });
  },
});

export const updateItem = defineMutation({
  name: 'agenda.update',
  args: contract['agenda.update'].args,
  apply(ctx, args) {
    const { session } = editable(ctx, args.sessionId);
    const item = itemOf(session, args.itemId);
    const kind = args.kind ?? item.kind;
    const target = args.approvesSessionId ?? item.approvesSessionId;
    checkApproval(ctx, session, kind, target);
    const { approvesSessionId: _old, ...rest } = item;
    const next: AgendaItem = {
      ...rest,
      text: args.text ?? item.text,
      subitems: args.subitems ?? item.subitems,
      kind,
      ...(kind === 'aprobacion' && target ? { approvesSessionId: target } : {}),
    };
    return result({ ...session, agenda: session.agenda.map((a) => (a.id === item.id ? next : a)) });
  },
});

export const moveItem = defineMutation({
  name: 'agenda.move',
  args: contract['agenda.move'].args,
  apply(ctx, args) {
    const { session } = editable(ctx, args.sessionId);
    const item = itemOf(session, args.itemId);
    const agenda = session.agenda.filter((a) => a.id !== item.id);
    agenda.splice(Math.min(args.to, agenda.length), 0, item);
    return result({ ...session, agenda });
  },
});

export const removeItem = defineMutation({
  name: 'agenda.remove',
  args: contract['agenda.remove'].args,
  apply(ctx, args) {
    const { session, commission } = editable(ctx, args.sessionId);
    const item = itemOf(session, args.itemId);
    const next = {
      ...session,
      agenda: session.agenda.filter((a) => a.id !== item.id),
      ballots: session.ballots.filter((b) => b.agendaItemId !== item.id),
      documents: session.documents.map((d) => {
        if (d.agendaItemId !== item.id) return d;
        const { agendaItemId: _gone, ...rest } = d;
        return rest;
      }),
    };
    return result({ ...next, votes: computedVotes(next, commission) });
  },
});

export const setNotes = defineMutation({
  name: 'agenda.notes',
  args: contract['agenda.notes'].args,
  apply(ctx, args) {
    const { session } = editable(ctx, args.sessionId);
    const item = itemOf(session, args.itemId);
    return result({ ...session, agenda: session.agenda.map((a) => (a.id === item.id ? { ...a, notes: args.notes } : a)) });
  },
});

/** What an attachment is, from its first bytes: only PDF, DOCX and images are kept. */
export function sniff(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return null;
}

const attachMutation = defineMutation({
  name: 'agenda.attach',
  args: contract['agenda.attach'].args.omit({ file: true }).extend({ blob: z.string().regex(/^[0-9a-f]{64}$/), mime: z.string().max(120) }),
  apply(ctx, args) {
    const { session } = editable(ctx, args.sessionId);
    const item = itemOf(session, args.itemId);
    const consecutive = 1 + Math.max(0, ...session.documents.map((d) => d.consecutive));
    const doc = {
      id: ctx.newId(),
      consecutive,
      title: args.title,
      status: args.status,
      feminine: args.feminine,
      sessionDate: session.date,
      agendaItemId: item.id,
      blob: args.blob,
      fileName: args.fileName,
      mime: args.mime,
    };
    return result({ ...session, documents: [...session.documents, doc] });
  },
});

/** The file goes to blobs/ first; the record pointing to it is written after. */
export async function attachDocument(store: Store, raw: unknown, actor: string): Promise<Session> {
  const args = contract['agenda.attach'].args.parse(raw);
  const bytes = new Uint8Array(Buffer.from(args.file, 'base64'));
  const mime = sniff(bytes);
  if (!mime) return refuse('INVALID_ARGUMENT', 'Solo se admiten documentos PDF, DOCX o imágenes PNG y JPEG.', 'only PDF, DOCX, PNG and JPEG files can be attached');
  const blob = await store.blobs.put(bytes);
  const { file: _file, ...rest } = args;
  return store.mutate(attachMutation, { ...rest, blob, mime }, actor);
}

export const setDocumentStatus = defineMutation({
  name: 'agenda.setDocumentStatus',
  args: contract['agenda.setDocumentStatus'].args,
  apply(ctx, args) {
    const { session } = editable(ctx, args.sessionId);
    if (!session.documents.some((d) => d.id === args.documentId)) refuse('NOT_FOUND', 'Ese documento no está en la sesión.', 'no such document in the session');
    return result({ ...session, documents: session.documents.map((d) => (d.id === args.documentId ? { ...d, status: args.status } : d)) });
  },
});

export async function documentFile(store: Store, sessionId: string, documentId: string) {
  const { session } = sessionAndCommission(store, sessionId);
  const doc = session.documents.find((d) => d.id === documentId);
  if (!doc?.blob) return refuse('NOT_FOUND', 'Ese documento no tiene archivo adjunto.', 'that document has no attached file');
  return { fileName: doc.fileName ?? 'documento', mime: doc.mime ?? 'application/octet-stream', base64: (await store.blobs.get(doc.blob)).toString('base64') };
}
