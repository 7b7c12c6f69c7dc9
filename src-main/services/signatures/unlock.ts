import { z } from 'zod';
import type { SignatureSummary } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { defineMutation, type Store } from '../store/store.js';
import { summary } from './vault.js';

const unlockMutation = defineMutation({
  name: 'signature.unlock',
  args: z.object({ id: z.string(), reason: z.string(), at: z.string() }),
  apply(ctx, { id, reason, at }) {
    const record = ctx.get('signatures', id);
    if (!record) throw new AppError('NOT_FOUND', 'La firma solicitada no existe.');
    if (record.status !== 'bloqueada') throw new AppError('CONFLICT', `La firma de ${record.personName} no está bloqueada.`);
    const next = { ...record, status: 'activa' as const, failedAttempts: 0 };
    return {
      puts: [
        { collection: 'signatures', record: next },
        {
          collection: 'incidents',
          record: {
            id: ctx.newId(),
            kind: 'desbloqueo-firma',
            at,
            ...(record.personId ? { personId: record.personId } : {}),
            detail: `${ctx.actor} desbloqueó la firma de ${record.personName}. Motivo: ${reason}`,
          },
        },
      ],
      result: () => summary(next),
    };
  },
});

/** An administrator unlocks a signature locked by wrong PINs; the PIN itself is unchanged. */
export function unlockSignature(store: Store, id: string, reason: string, actor: string): Promise<SignatureSummary> {
  return store.mutate(unlockMutation, { id, reason, at: new Date().toISOString() }, actor);
}
