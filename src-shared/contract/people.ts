import { z } from 'zod';
import { AccountRole, Id, IsoDate, MemberRole, type Person } from '../domain/index.js';
import { checkCurp, checkRfc, type IdCheck } from '../identity/mexican-ids.js';
import { Base64File, call, NoArgs } from './spec.js';

export interface MembershipView {
  commissionId: string;
  commissionAcronym: string;
  memberId: string;
  role: MemberRole;
  roleLabel: string;
  /** The seat's period, YYYY-MM-DD, open at either end when absent (as on the commission). */
  from?: string;
  to?: string;
}

export interface PersonView extends Person {
  memberships: MembershipView[];
}

export interface AccountView {
  id: string;
  username: string;
  personId: string | null;
  personName: string | null;
  roles: { role: AccountRole; commissionId: string | null }[];
  disabled: boolean;
  /** The office a reviewer account answers review rounds for. */
  office: string | null;
  /** Sign-in refused until then after too many wrong passwords (ISO time), else null. */
  lockedUntil: string | null;
}

export interface AuthStatus {
  /** No account exists yet: the first-run screen creates the administrator. */
  needsSetup: boolean;
  user: AccountView | null;
  /** Who can sign in on this laptop, for the quick "Cambiar de usuario" list. */
  accounts: { username: string; personName: string | null }[];
}

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** An RFC or CURP field: empty means "none on record"; anything else must be a valid one. */
const optionalId = (check: (raw: string) => IdCheck) =>
  z
    .string()
    .max(40)
    .nullable()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      if (raw === null || raw.trim() === '') return null;
      const r = check(raw);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    });

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'El usuario debe tener de 3 a 40 letras sin acentos, números, punto o guion.');
const Password = z.string().min(1, 'Escriba la contraseña.').max(200, 'La contraseña admite hasta 200 caracteres.');

/** People, their seats on commissions, local accounts and sign-in. */
export const peopleCalls = {
  'people.list': call<PersonView[]>()(NoArgs),
  'people.save': call<PersonView>()(
    z
      .object({
        id: Id.optional(),
        title: z.string().trim().max(20, 'El título admite hasta 20 caracteres.'),
        name: z.string().trim().min(1, 'Escriba el nombre como se imprime en los documentos.').max(200, 'El nombre admite hasta 200 caracteres.'),
        rfc: optionalId(checkRfc),
        curp: optionalId(checkCurp),
        email: optionalText(200, 'El correo admite hasta 200 caracteres.').pipe(
          z.string().email('Escriba un correo válido, como nombre@iem.org.mx.').nullable().optional(),
        ),
      })
      .strict(),
    true,
  ),
  /** Records a person's RFC from a certificate, after an administrator or the secretary confirms. */
  'people.rfcFromCertificate': call<PersonView>()(
    z.object({ personId: Id, certificate: Base64File, confirm: z.literal(true, { message: 'Confirme que el certificado es de esta persona.' }) }).strict(),
    true,
  ),
  'memberships.save': call<PersonView>()(
    z
      .object({
        personId: Id,
        commissionId: Id,
        /** The seat to change; absent to add a seat. */
        memberId: Id.optional(),
        role: MemberRole,
        roleLabel: z.string().trim().min(1, 'Escriba el cargo como se imprime, por ejemplo CONSEJERA INTEGRANTE.').max(120, 'El cargo admite hasta 120 caracteres.'),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
      })
      .strict()
      .refine((m) => !m.from || !m.to || m.from <= m.to, { message: 'El periodo termina antes de empezar.', path: ['to'] }),
    true,
  ),
  'auth.status': call<AuthStatus>()(NoArgs),
  'auth.setup': call<AuthStatus>()(
    z.object({ username: Username, password: Password, personId: Id.optional() }).strict(),
    true,
  ),
  'auth.signIn': call<AuthStatus>()(z.object({ username: Username, password: Password }).strict()),
  'auth.signOut': call<AuthStatus>()(NoArgs),
  'accounts.list': call<AccountView[]>()(NoArgs),
  'accounts.create': call<AccountView>()(
    z
      .object({
        username: Username,
        password: Password,
        personId: Id.optional(),
        role: AccountRole,
        commissionId: Id.optional(),
        office: z.string().trim().max(300, 'El nombre de la oficina admite hasta 300 caracteres.').optional(),
      })
      .strict()
      .refine((a) => a.role !== 'revisor' || Boolean(a.office), { message: 'Escriba la oficina que revisa con esta cuenta.', path: ['office'] }),
    true,
  ),
  'accounts.setDisabled': call<AccountView>()(z.object({ id: Id, disabled: z.boolean() }).strict(), true),
  /** Lets an account locked by wrong passwords sign in again now; the reason goes to the audit log. */
  'accounts.clearSignInLock': call<AccountView>()(
    z.object({ id: Id, reason: z.string().trim().min(3, 'Escriba el motivo del desbloqueo (al menos 3 caracteres).').max(500, 'El motivo admite hasta 500 caracteres.') }).strict(),
    true,
  ),
};
