import { z } from 'zod';
import type { DeletedDraft } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { Id, type Tombstone } from '../../../src-shared/domain/index.js';
import { defineMutation, type MutationContext, type Put } from '../store/store.js';

const KINDS = { documento: 'documents', acta: 'minutes', lineamiento: 'guidelines' } as const;

const deleteArgs = z.object({ kind: z.enum(['documento', 'acta', 'lineamiento']), id: Id, reason: z.string().min(1), at: z.string() });

/** Documents a live acta version or guideline points to: they go with it, never on their own. */
function documentInUse(ctx: MutationContext, id: string): string | undefined {
  const minutes = ctx.all('minutes').find((m) => m.documentId === id);
  if (minutes) return 'es el documento de firma de un acta';
  const guideline = ctx.all('guidelines').find((g) => g.documentId === id);
  return guideline ? `es el documento de firma del lineamiento «${guideline.title}»` : undefined;
}

/**
 * Deletes a draft as a tombstone (who, when, why): the record stays in the journal and the store,
 * hidden from every list. Only drafts: anything locked, signed, presented or approved stays.
 * Checked inside `apply`, so a lock sent at the same moment either comes first (and the
 * deletion is refused) or finds the draft gone.
 */
export const deleteDraft = defineMutation({
  name: 'draft.delete',
  args: deleteArgs,
  apply(ctx, args): { puts: Put[]; result: () => DeletedDraft } {
    const tombstone: Tombstone = { at: args.at, by: ctx.actor, reason: args.reason };
    const collection = KINDS[args.kind];
    const puts: Put[] = [];
    let title: string;
    if (collection === 'documents') {
      const doc = ctx.get('documents', args.id);
      if (!doc) throw new AppError('NOT_FOUND', 'El documento no existe o ya fue eliminado.');
      if (doc.status !== 'borrador') throw new AppError('CONFLICT', `«${doc.title}» está ${doc.status === 'firmado' ? 'firmado' : 'bloqueado'}; solo se eliminan borradores.`);
      const use = documentInUse(ctx, doc.id);
      if (use) throw new AppError('CONFLICT', `«${doc.title}» no se puede eliminar: ${use}.`);
      puts.push({ collection: 'documents', record: { ...doc, deleted: tombstone } });
      title = doc.title;
    } else if (collection === 'minutes') {
      const m = ctx.get('minutes', args.id);
      if (!m) throw new AppError('NOT_FOUND', 'El acta no existe o ya fue eliminada.');
      if (m.status !== 'borrador') throw new AppError('CONFLICT', 'Solo se elimina un acta en borrador; esta ya fue presentada, aprobada, bloqueada o firmada.');
      const session = ctx.get('sessions', m.sessionId);
      title = `Acta ${session?.key ?? ''} (versión ${m.version})`.replace('  ', ' ');
      puts.push({ collection: 'minutes', record: { ...m, deleted: tombstone } });
      const body = ctx.get('drafts', m.draftId);
      if (body) puts.push({ collection: 'drafts', record: { ...body, deleted: tombstone } });
      // A deleted correction gives the corrected version back its place.
      const corrected = m.correctsId ? ctx.get('minutes', m.correctsId) : undefined;
      if (corrected?.supersededById === m.id) {
        const { supersededById: _gone, ...rest } = corrected;
        puts.push({ collection: 'minutes', record: rest });
      }
    } else {
      const g = ctx.get('guidelines', args.id);
      if (!g) throw new AppError('NOT_FOUND', 'El lineamiento no existe o ya fue eliminado.');
      if (g.status !== 'borrador') throw new AppError('CONFLICT', `«${g.title}» ya no es borrador; solo se eliminan borradores.`);
      puts.push({ collection: 'guidelines', record: { ...g, deleted: tombstone } });
      const body = ctx.get('drafts', g.draftId);
      if (body) puts.push({ collection: 'drafts', record: { ...body, deleted: tombstone } });
      title = g.title;
    }
    return { puts, result: () => ({ kind: args.kind, id: args.id, title, deleted: tombstone }) };
  },
});
