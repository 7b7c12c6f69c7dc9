import { z } from 'zod';
import type { ParsedArgsOf } from '../../../src-shared/contract/calls.js';
import { AppError } from '../../../src-shared/contract/errors.js';
import type { DocumentRecord, DocumentSigner, Incident, Person, SignatureUse } from '../../../src-shared/domain/index.js';
import { bindCertificate, type CertificateIds } from '../../../src-shared/identity/binding.js';
import { assertUsableForSigning, openCredentials, storedCredentials } from '../certificates/stored.js';
import type { VaultKey } from '../keystore/vault-key.js';
import { personOfMember } from '../people/people.js';
import { boxFieldName, type ExpectedBox } from './box-match.js';
import { useSignature } from '../signatures/vault.js';
import { defineMutation, type Store } from '../store/store.js';

/**
 * A box on a hoja de firmas belongs to a person; only that person's credentials may fill it.
 * Every refused attempt is kept as an incident, so the audit log shows who tried what.
 */

const recordIncident = defineMutation({
  name: 'signature.refusedForBox',
  args: z.custom<Omit<Incident, 'hlc'>>(),
  apply: (_ctx, record) => ({ puts: [{ collection: 'incidents', record }], result: () => record }),
});

export function displayName(p: Pick<Person, 'title' | 'name'>): string {
  return `${p.title} ${p.name}`.trim();
}

/** The person printed under a box: the seat's person in the session's commission. */
export function boxPerson(store: Store, doc: DocumentRecord, slot: DocumentSigner): Person {
  const session = doc.sessionId ? store.get('sessions', doc.sessionId) : undefined;
  const commissionId = session?.commissionId ?? doc.commissionId;
  const commission = commissionId ? store.get('commissions', commissionId) : undefined;
  const person = commission ? personOfMember(store, commission, slot.memberId) : undefined;
  if (!person) throw new AppError('CONFLICT', `No se sabe qué persona corresponde al recuadro de ${slot.name}; revise los integrantes de la comisión.`);
  return person;
}

async function refuse(store: Store, doc: DocumentRecord, person: Person, kind: Incident['kind'], message: string, actor: string, newId: () => string): Promise<never> {
  await store.mutate(
    recordIncident,
    { id: newId(), kind, at: new Date().toISOString(), documentId: doc.id, personId: person.id, detail: `${doc.title}: ${message}` },
    actor,
  );
  throw new AppError('UNAUTHORIZED', message);
}

/** A certificate fills a box only when its RFC (or CURP) is the box's person's. */
export async function assertCertificateBinds(
  store: Store,
  doc: DocumentRecord,
  slot: DocumentSigner,
  cert: CertificateIds,
  actor: string,
  newId: () => string,
): Promise<void> {
  const person = boxPerson(store, doc, slot);
  const binding = bindCertificate({ name: displayName(person), rfc: person.rfc, curp: person.curp }, cert);
  if (binding.ok) return;
  // A person without ids has not been mistaken for anyone: nothing to audit, the secretary records the RFC.
  if (binding.reason === 'person-without-ids') throw new AppError('CONFLICT', binding.message);
  await refuse(store, doc, person, 'firma-ajena', binding.message, actor, newId);
}

/** Ink enrolled for a person is usable only in that person's box. */
export async function assertInkBinds(
  store: Store,
  doc: DocumentRecord,
  slot: DocumentSigner,
  signatureId: string,
  actor: string,
  newId: () => string,
  use: SignatureUse = 'firma',
): Promise<void> {
  const person = boxPerson(store, doc, slot);
  const ink = store.get('signatures', signatureId);
  if (!ink) throw new AppError('NOT_FOUND', use === 'rubrica' ? 'La rúbrica elegida no existe.' : 'La firma autógrafa elegida no existe.');
  if ((ink.use ?? 'firma') !== use) {
    throw new AppError(
      'INVALID_ARGUMENT',
      use === 'rubrica' ? 'Lo elegido como rúbrica es una firma completa; elija una rúbrica.' : 'Lo elegido como firma es una rúbrica; elija la firma completa.',
    );
  }
  if (ink.personId === person.id) return;
  const owner = ink.personId ? store.get('people', ink.personId) : undefined;
  const message = owner
    ? `La firma autógrafa elegida es de ${displayName(owner)}, no de ${displayName(person)}. Cada quien firma solo en su propio recuadro.`
    : `La firma autógrafa «${ink.personName}» no está asignada a ninguna persona; no puede usarse en el recuadro de ${displayName(person)}.`;
  await refuse(store, doc, person, 'tinta-ajena', message, actor, newId);
}

/**
 * A refusal to sign is the refuser's own act: they prove who they are with their handwritten
 * signature's PIN or with their certificate (its password), bound to the box like a signature.
 */
export async function proveRefuser(
  store: Store,
  vault: VaultKey,
  doc: DocumentRecord,
  slot: DocumentSigner,
  proof: ParsedArgsOf<'documents.refuse'>['proof'],
  actor: string,
  newId: () => string,
): Promise<void> {
  if (proof.kind === 'pin') {
    await assertInkBinds(store, doc, slot, proof.signatureId, actor, newId);
    await useSignature(store, vault, { id: proof.signatureId, pin: proof.pin, purpose: `Rechazo de firma: ${doc.title}` }, actor);
    return;
  }
  const credentials =
    proof.credentials.kind === 'stored'
      ? await storedCredentials(store, vault, proof.credentials.certificateId, proof.password)
      : openCredentials(proof.credentials, proof.password);
  assertUsableForSigning(credentials.info);
  await assertCertificateBinds(store, doc, slot, credentials.info, actor, newId);
}

/** The boxes of a stored document with the ids of each box's person, for verification. */
export function expectedBoxes(store: Store, id: string): ExpectedBox[] | undefined {
  const doc = store.get('documents', id);
  if (!doc || doc.signers.length === 0) return undefined;
  return doc.signers.map((slot) => {
    let person: Person | undefined;
    try {
      person = boxPerson(store, doc, slot);
    } catch {
      person = undefined;
    }
    return { fieldName: boxFieldName(slot.name), personName: slot.name, rfc: person?.rfc ?? null, curp: person?.curp ?? null };
  });
}
