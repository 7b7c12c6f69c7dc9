import { z } from 'zod';

/** ULID: 26 Crockford base32 characters, globally unique and sortable by creation time. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Identificador inválido');
export type Id = z.infer<typeof Id>;

/** Hybrid logical clock stamp, see src-shared/clock.ts. */
export const Hlc = z.string().regex(/^\d{13}-\d{4}-[0-9A-Za-z]+$/, 'Marca de tiempo inválida');

/** Calendar date as YYYY-MM-DD (sessions happen on a day, not an instant). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Fecha inválida: se espera AAAA-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Fecha inexistente');

export const Percent = z.number().min(0).max(100);

/**
 * A deleted record: who deleted it, when and why. It stays in the store and the journal (the
 * sync protocol's tombstone: a deletion is final) but no list or lookup shows it again.
 */
export const Tombstone = z.object({ at: z.string(), by: z.string().min(1), reason: z.string().min(1).max(500) });
export type Tombstone = z.infer<typeof Tombstone>;

/** Fields every stored record carries so sync can be added without migrating data. */
export const RecordMeta = z.object({ id: Id, hlc: Hlc, deleted: Tombstone.optional() });
