import { z } from 'zod';
import { defineMutation } from '../../src-main/services/store/store.js';
import type { DocumentRecord } from '../../src-shared/domain/index.js';

/**
 * The folder as versions from before one-time steps were recorded left it: no step marked as
 * run (the markers become tombstones), so openApp runs every step again.
 */
export const forgetUpgrades = defineMutation({
  name: 'test.forgetUpgrades',
  args: z.object({}),
  apply(ctx) {
    const deleted = { at: new Date().toISOString(), by: 'prueba', reason: 'Carpeta de una versión anterior.' };
    const puts = ctx.all('upgrades').map((m) => ({ collection: 'upgrades' as const, record: { ...m, deleted } }));
    return { puts, result: () => puts.length };
  },
});

/** What versions before the programa's own kind stored: the same record with kind "informe". */
export const storeAsOldVersion = defineMutation({
  name: 'test.oldKind',
  args: z.object({ id: z.string() }).strict(),
  apply(ctx, { id }) {
    const d = ctx.get('documents', id)!;
    return { puts: [{ collection: 'documents', record: { ...d, kind: 'informe' } as DocumentRecord }], result: () => null };
  },
});
