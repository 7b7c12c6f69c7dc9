import { z } from 'zod';
import type { ArgsOf, ParsedArgsOf, PersonView } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import { checkRfc } from '../../../src-shared/identity/mexican-ids.js';
import type { Commission, Member, Person } from '../../../src-shared/domain/index.js';
import { certificateInfo } from '../certificates/info.js';
import type { Upgrade } from '../store/upgrades.js';
import { defineMutation, type MutationContext, type Store } from '../store/store.js';

type Reader = Pick<MutationContext, 'all' | 'get'>;

export function personView(db: Reader, person: Person): PersonView {
  const memberships = db
    .all('commissions')
    .flatMap((c) =>
      c.members
        .filter((m) => m.personId === person.id)
        .map((m) => ({
          commissionId: c.id,
          commissionAcronym: c.acronym,
          memberId: m.id,
          role: m.role,
          roleLabel: m.roleLabel,
          ...(m.from ? { from: m.from } : {}),
          ...(m.to ? { to: m.to } : {}),
        })),
    );
  return { ...person, memberships };
}

export function listPeople(store: Store): PersonView[] {
  return store
    .all('people')
    .sort((a, b) => a.name.localeCompare(b.name, 'es-MX'))
    .map((p) => personView(store, p));
}

/** The person a commission seat belongs to. */
export function personOfMember(db: Reader, commission: Commission, memberId: string): Person | undefined {
  const member = commission.members.find((m) => m.id === memberId);
  return member?.personId ? db.get('people', member.personId) : undefined;
}

function assertUniqueIds(ctx: MutationContext, person: Omit<Person, 'hlc'>): void {
  for (const other of ctx.all('people')) {
    if (other.id === person.id) continue;
    if (person.rfc && other.rfc === person.rfc) throw new AppError('CONFLICT', `El RFC ${person.rfc} ya está registrado para ${other.name}.`);
    if (person.curp && other.curp === person.curp) throw new AppError('CONFLICT', `La CURP ${person.curp} ya está registrada para ${other.name}.`);
  }
}

export const savePerson = defineMutation({
  name: 'person.save',
  args: z.custom<ParsedArgsOf<'people.save'> & { newId?: string }>(),
  apply(ctx, args) {
    const existing = args.id ? ctx.get('people', args.id) : undefined;
    if (args.id && !existing) throw new AppError('NOT_FOUND', 'La persona solicitada no existe.');
    const record: Omit<Person, 'hlc'> = {
      id: existing?.id ?? ctx.newId(),
      title: args.title,
      name: args.name,
      rfc: args.rfc === undefined ? (existing?.rfc ?? null) : args.rfc,
      curp: args.curp === undefined ? (existing?.curp ?? null) : args.curp,
      email: args.email === undefined ? (existing?.email ?? null) : args.email,
    };
    assertUniqueIds(ctx, record);
    return { puts: [{ collection: 'people', record }], result: () => personView(ctx, record as Person) };
  },
});

/** Only the RFC: taken from a certificate after confirmation, with an incident kept for the audit. */
const adoptRfc = defineMutation({
  name: 'person.rfcFromCertificate',
  args: z.object({ personId: z.string(), rfc: z.string(), certificate: z.string(), at: z.string() }),
  apply(ctx, args) {
    const person = ctx.get('people', args.personId);
    if (!person) throw new AppError('NOT_FOUND', 'La persona solicitada no existe.');
    if (person.rfc) throw new AppError('CONFLICT', `${person.name} ya tiene RFC registrado (${person.rfc}).`);
    const record = { ...person, rfc: args.rfc };
    assertUniqueIds(ctx, record);
    return {
      puts: [
        { collection: 'people', record },
        {
          collection: 'incidents',
          record: {
            id: ctx.newId(),
            kind: 'rfc-desde-certificado',
            at: args.at,
            personId: person.id,
            detail: `RFC ${args.rfc} registrado para ${person.name} desde el certificado ${args.certificate}, confirmado por ${ctx.actor}.`,
          },
        },
      ],
      result: () => personView(ctx, record),
    };
  },
});

export async function rfcFromCertificate(store: Store, args: ArgsOf<'people.rfcFromCertificate'>, actor: string): Promise<PersonView> {
  let info;
  try {
    info = certificateInfo(Buffer.from(args.certificate, 'base64'));
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'El archivo no es un certificado válido (.cer).');
  }
  if (!info.rfc) throw new AppError('INVALID_ARGUMENT', `El certificado de ${info.subjectName} no trae RFC.`);
  const checked = checkRfc(info.rfc);
  if (!checked.ok) throw new AppError('INVALID_ARGUMENT', `El RFC del certificado no es válido: ${checked.message}`);
  return store.mutate(
    adoptRfc,
    { personId: args.personId, rfc: checked.value, certificate: `${info.subjectName} núm. ${info.certificateNumber}`, at: new Date().toISOString() },
    actor,
  );
}

export const saveMembership = defineMutation({
  name: 'membership.save',
  args: z.custom<ParsedArgsOf<'memberships.save'>>(),
  apply(ctx, args) {
    const person = ctx.get('people', args.personId);
    if (!person) throw new AppError('NOT_FOUND', 'La persona solicitada no existe.');
    const commission = ctx.get('commissions', args.commissionId);
    if (!commission) throw new AppError('NOT_FOUND', 'La comisión solicitada no existe.');
    // A period given replaces the seat's whole period; none keeps it.
    const period = (m: { from?: string; to?: string }) => {
      if (!args.from && !args.to) return { ...(m.from ? { from: m.from } : {}), ...(m.to ? { to: m.to } : {}) };
      return { ...(args.from ? { from: args.from } : {}), ...(args.to ? { to: args.to } : {}) };
    };
    let members;
    if (args.memberId) {
      const seat = commission.members.find((m) => m.id === args.memberId);
      if (!seat) throw new AppError('NOT_FOUND', 'Ese cargo no existe en la comisión.');
      members = commission.members.map((m) =>
        m.id === args.memberId
          ? { ...withoutPeriod(m), personId: person.id, title: person.title, name: person.name, role: args.role, roleLabel: args.roleLabel, ...period(m) }
          : m,
      );
    } else {
      if (commission.members.some((m) => m.personId === person.id && (!m.to || m.to >= (args.from ?? '')))) {
        throw new AppError('CONFLICT', `${person.name} ya forma parte de la ${commission.acronym}.`);
      }
      members = [
        ...commission.members,
        { id: ctx.newId(), personId: person.id, title: person.title, name: person.name, role: args.role, roleLabel: args.roleLabel, ...period({}) },
      ];
    }
    const record = { ...commission, members };
    // result() runs after the change is applied, so the view reads the new seats.
    return { puts: [{ collection: 'commissions', record }], result: () => personView(ctx, person) };
  },
});

/**
 * Folders written before people existed: each member without a person gets one (one per name,
 * so a member of two commissions becomes one person). Runs once, as an audited change.
 */
export const linkPeople = defineMutation({
  name: 'people.link',
  args: z.object({}),
  apply(ctx) {
    const byName = new Map(ctx.all('people').map((p) => [p.name.toLocaleUpperCase('es-MX'), p.id]));
    const puts: { collection: 'people' | 'commissions'; record: never }[] = [];
    for (const c of ctx.all('commissions')) {
      if (c.members.every((m) => m.personId)) continue;
      const members = c.members.map((m) => {
        if (m.personId) return m;
        const key = m.name.toLocaleUpperCase('es-MX');
        let id = byName.get(key);
        if (!id) {
          id = ctx.newId();
          byName.set(key, id);
          puts.push({ collection: 'people', record: { id, title: m.title, name: key, rfc: null, curp: null, email: null } as never });
        }
        return { ...m, personId: id };
      });
      puts.push({ collection: 'commissions', record: { ...c, members } as never });
    }
    return { puts, result: () => puts.length };
  },
});

export async function ensurePeopleLinked(store: Store, actor: string): Promise<void> {
  if (store.all('commissions').some((c) => c.members.some((m) => !m.personId))) await store.mutate(linkPeople, {}, actor);
}

/** A seat as folders of one earlier version kept it: the period twice, as `period` and as `from`/`to`. */
type LegacySeat = Member & { period?: { from?: string; to?: string } };

function withoutPeriod<M extends Member>(m: M): M {
  const { period: _legacy, ...rest } = m as M & { period?: unknown };
  return rest as M;
}

const hasLegacyPeriod = (c: Commission) => c.members.some((m) => 'period' in m);

/**
 * Folders written while seats carried both shapes: the Personas screen's `period` becomes the
 * seat's `from`/`to` (what sessions, screens and documents read). Where both were set, `period`
 * wins: it was the later edit, as only the Personas screen wrote it. Runs once per folder, audited
 * (openApp, through runUpgrades).
 */
export const unifySeatPeriods: Upgrade = {
  name: 'seats.unifyPeriods',
  changes: (ctx) =>
    ctx
      .all('commissions')
      .filter(hasLegacyPeriod)
      .map((c) => {
        const members = (c.members as LegacySeat[]).map((m) => {
          if (!('period' in m)) return m;
          const from = m.period?.from ?? m.from;
          const to = m.period?.from ? m.period.to : m.to;
          const { from: _f, to: _t, ...rest } = withoutPeriod(m);
          return { ...rest, ...(from ? { from } : {}), ...(to ? { to } : {}) };
        });
        return { collection: 'commissions' as const, record: { ...c, members } };
      }),
};
