import { z } from 'zod';
import { Id, RecordMeta } from './common.js';

/**
 * A person as the documents print them. Commission members point here, so one person who sits on
 * two commissions is one record, and a signature in their box is checked against these ids.
 */
export const Person = RecordMeta.extend({
  /** "LICDA.", "MTRA.", "DR."… (may be empty). */
  title: z.string().trim().max(20, 'El título admite hasta 20 caracteres.'),
  name: z.string().trim().min(1, 'Escriba el nombre como se imprime en los documentos.').max(200, 'El nombre admite hasta 200 caracteres.'),
  rfc: z.string().regex(/^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/).nullable(),
  curp: z.string().regex(/^[A-Z\d]{18}$/).nullable(),
  email: z.string().email().nullable(),
});
export type Person = z.infer<typeof Person>;

export const AccountRole = z.enum(['admin', 'secretaria', 'consejeria', 'personal', 'revisor']);
export type AccountRole = z.infer<typeof AccountRole>;

export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = {
  admin: 'Administración',
  secretaria: 'Secretaría Técnica',
  consejeria: 'Consejera / Consejero',
  personal: 'Personal',
  revisor: 'Revisión de una oficina',
};

/**
 * A local account. Shaped as the sync server will hold it (the server becomes the authority):
 * id, person, roles per commission (null = every commission), password verifier, disabled flag.
 */
export const Account = RecordMeta.extend({
  username: z.string().regex(/^[a-z0-9._-]{3,40}$/),
  personId: Id.nullable(),
  roles: z.array(z.object({ role: AccountRole, commissionId: Id.nullable() })).min(1),
  /** scrypt$N$r$p$salt$hash (services/accounts/password.ts). */
  verifier: z.string().startsWith('scrypt$'),
  disabled: z.boolean(),
  createdAt: z.string(),
  /**
   * A reviewer's office ("Oficina de la Consejera …"): a `revisor` account sees and answers only
   * the guideline review rounds sent to this office, and nothing else.
   */
  office: z.string().trim().min(1).max(300).optional(),
  /**
   * Set on an account cached from the sync server for offline sign-in: the server is its
   * authority, and every sync replaces it (services/sync/account-cache.ts).
   */
  server: z.object({ id: z.string().min(1).max(64), commission: z.string().min(1).max(16), role: z.string().min(1).max(20) }).optional(),
});
export type Account = z.infer<typeof Account>;

/** A refused attempt worth keeping: a certificate or ink that is not the box's person, a refusal without proof. */
export const Incident = RecordMeta.extend({
  kind: z.enum(['firma-ajena', 'tinta-ajena', 'rfc-desde-certificado', 'desbloqueo-firma', 'acceso-bloqueado', 'desbloqueo-acceso']),
  at: z.string(),
  documentId: z.string().optional(),
  personId: z.string().optional(),
  detail: z.string().max(2000),
});
export type Incident = z.infer<typeof Incident>;

/**
 * Wrong passwords in a row for one account on this laptop, and until when sign-in is refused.
 * Kept in the store (journaled), so closing and reopening the app does not reset it.
 */
export const SignInFailures = RecordMeta.extend({
  /** The account's id (this record's id is the same). */
  accountId: Id,
  failures: z.number().int().min(0),
  lastAt: z.string(),
  lockedUntil: z.string().nullable(),
});
export type SignInFailures = z.infer<typeof SignInFailures>;
