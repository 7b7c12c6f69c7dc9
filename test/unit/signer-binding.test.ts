import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createServiceContext, dispatch, type Handlers, type ServiceContext } from '../../src-main/services/api.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { AuthStatus, DocumentSummary, PersonView, SessionSummary, SignatureSummary, VerificationReport } from '../../src-shared/contract/calls.js';
import { DEMO_RFCS, personId, recordDemoRfcs, rfc } from '../support/people.js';
import { tempDir } from '../support/temp.js';

const CA_PW = 'clave de la CA 2026';
const PW = 'contraseña firmante';
let certs: Awaited<ReturnType<typeof tempDir>>;
const creds: Record<string, { kind: 'sat'; cer: string; key: string }> = {};

beforeAll(async () => {
  certs = await tempDir('sesiona-binding-certs-');
  const ca = join(certs.path, 'ca');
  await initCa(ca, { password: CA_PW });
  for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ']) {
    const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: CA_PW, name, rfc: DEMO_RFCS[name]!, password: PW, outDir: join(certs.path, name) });
    creds[name] = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
  }
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let ctx: ServiceContext;
let handlers: Handlers;

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
  const vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  ctx = createServiceContext({ store, vault, host: 'web', actor: 'so@equipo', requireSignIn: true });
  handlers = createHandlers(ctx);
  await ok('auth.setup', { username: 'secretaria', password: 'clave-de-secretaria' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

async function lockedActa(): Promise<DocumentSummary> {
  const sessions = await ok<SessionSummary[]>('sessions.list', {});
  const doc = await ok<DocumentSummary>('documents.createActa', { sessionId: sessions.find((s) => s.key === 'IEM-CMI-SEORD-03/2023')!.id });
  return ok<DocumentSummary>('documents.lock', { id: doc.id });
}

const stroke = [{ points: Array.from({ length: 12 }, (_, i) => ({ x: 10 + i * 8, y: 40 + i, time: i * 16, pressure: 0.5 })) }];
const capture = { strokes: stroke, canvas: { width: 300, height: 100, pixelRatio: 1 } };

describe('people', () => {
  it('makes MTRA. VIRIDIANA VILLASEÑOR AGUIRRE one person with a seat in CMI and in CVSPE', async () => {
    const people = await ok<PersonView[]>('people.list', {});
    const viridiana = people.filter((p) => p.name === 'VIRIDIANA VILLASEÑOR AGUIRRE');
    expect(viridiana).toHaveLength(1);
    expect(viridiana[0]!.memberships.map((m) => [m.commissionAcronym, m.roleLabel]).sort()).toEqual([
      ['CMI', 'CONSEJERA INTEGRANTE'],
      ['CVSPE', 'PRESIDENTA'],
    ]);
    expect(people).toHaveLength(6);
  });

  it('checks RFC and CURP where they are typed, in Spanish, and keeps them unique', async () => {
    const id = personId(store, 'ARACELI GUTIÉRREZ CORTÉZ');
    const bad = await dispatch(handlers, 'people.save', { id, title: 'MTRA.', name: 'ARACELI GUTIÉRREZ CORTÉZ', rfc: 'GUCA800101AB1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/dígito verificador del RFC/) } });
    const saved = await ok<PersonView>('people.save', { id, title: 'MTRA.', name: 'ARACELI GUTIÉRREZ CORTÉZ', rfc: ' guca800101ab0 ' });
    expect(saved.rfc).toBe('GUCA800101AB0');
    const dup = await dispatch(handlers, 'people.save', { id: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), title: 'LICDA.', name: 'CAROL BERENICE ARELLANO RANGEL', rfc: 'GUCA800101AB0' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'El RFC GUCA800101AB0 ya está registrado para ARACELI GUTIÉRREZ CORTÉZ.' } });
  });

  it('lets only an administrator or the secretary edit people', async () => {
    const araceli = personId(store, 'ARACELI GUTIÉRREZ CORTÉZ');
    await ok('accounts.create', { username: 'araceli', password: 'clave-de-araceli', role: 'consejeria', personId: araceli });
    await ok('auth.signIn', { username: 'araceli', password: 'clave-de-araceli' });
    const refused = await dispatch(handlers, 'people.save', { id: araceli, title: 'MTRA.', name: 'OTRA', rfc: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Su cuenta no puede registrar ni editar personas.' } });
  });
});

describe('accounts and sign-in', () => {
  it('creates the administrator once, signs in and out, and audits as the signed-in account', async () => {
    expect(await dispatch(handlers, 'auth.setup', { username: 'otra', password: 'clave-segura-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await ok('auth.signOut', {});
    const activities = await ok<{ id: string }[]>('activities.list', {});
    expect(await dispatch(handlers, 'activities.setProgress', { id: activities[0]!.id, period: 1, percent: 5 })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await dispatch(handlers, 'auth.signIn', { username: 'secretaria', password: 'equivocada' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Usuario o contraseña incorrectos.' },
    });
    expect(await dispatch(handlers, 'auth.signIn', { username: 'nadie', password: 'equivocada' })).toMatchObject({ ok: false, error: { message: 'Usuario o contraseña incorrectos.' } });
    const status = await ok<AuthStatus>('auth.signIn', { username: 'Secretaria', password: 'clave-de-secretaria' });
    expect(status.user?.username).toBe('secretaria');
    await ok('activities.setProgress', { id: activities[0]!.id, period: 1, percent: 5 });
    const [entry] = await ok<{ actor: string; mutation: string }[]>('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ actor: 'secretaria', mutation: expect.any(String) });
    const stored = store.all('accounts')[0]!;
    expect(stored.verifier).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(stored)).not.toContain('clave-de-secretaria');
  });

  it('makes one administrator when the first-run screen is submitted twice at once', async () => {
    const dir2 = await tempDir();
    const store2 = await Store.open(dir2.path);
    try {
      const c2 = createServiceContext({ store: store2, vault: new VaultKey(dir2.path, undefined), host: 'web', actor: 'so', requireSignIn: true });
      const h2 = createHandlers(c2);
      const replies = await Promise.all([1, 2, 3].map((i) => dispatch(h2, 'auth.setup', { username: `admin${i}`, password: 'clave-segura-1' })));
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(store2.count('accounts')).toBe(1);
    } finally {
      await store2.close();
      await dir2.cleanup();
    }
  });

  it('refuses weak passwords and accounts without a person for anyone but an admin', async () => {
    expect(await dispatch(handlers, 'accounts.create', { username: 'ana', password: 'corta', role: 'admin' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/al menos 8/) } });
    expect(await dispatch(handlers, 'accounts.create', { username: 'ana', password: 'clave-larga-1', role: 'consejeria' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('signing bound to the signer', () => {
  it("refuses one member's certificate in another's box, names both, audits it and changes nothing", async () => {
    await recordDemoRfcs(store);
    const doc = await lockedActa();
    await ok('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW });
    const before = store.get('documents', doc.id)!;
    const refused = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: doc.signers[1]!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const message = (refused as { error: { message: string } }).error.message;
    expect(message).toContain('CAROL BERENICE ARELLANO RANGEL');
    expect(message).toContain('ARACELI GUTIÉRREZ CORTÉZ');
    const after = store.get('documents', doc.id)!;
    expect(after.pdf).toBe(before.pdf);
    expect(after.signers[1]!.status).toBe('pendiente');
    const incidents = store.all('incidents');
    expect(incidents).toMatchObject([{ kind: 'firma-ajena', documentId: doc.id, personId: personId(store, 'ARACELI GUTIÉRREZ CORTÉZ') }]);
    const [entry] = await ok<{ actor: string; mutation: string }[]>('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ actor: 'secretaria', mutation: 'signature.refusedForBox' });
  });

  it("refuses ink enrolled for another person, even with that person's right PIN", async () => {
    await recordDemoRfcs(store);
    const doc = await lockedActa();
    const carolInk = await ok<SignatureSummary>('signatures.enroll', { personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), pin: '202323', capture });
    expect(carolInk.personName).toBe('LICDA. CAROL BERENICE ARELLANO RANGEL');
    await ok('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW, handwritten: { signatureId: carolInk.id, pin: '202323' } });
    const refused = await dispatch(handlers, 'documents.sign', {
      id: doc.id,
      memberId: doc.signers[1]!.memberId,
      credentials: creds['ARACELI GUTIÉRREZ CORTÉZ'],
      password: PW,
      handwritten: { signatureId: carolInk.id, pin: '202323' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/es de LICDA\. CAROL BERENICE ARELLANO RANGEL, no de MTRA\. ARACELI GUTIÉRREZ CORTÉZ/) } });
    expect(store.get('signatures', carolInk.id)!.useCount).toBe(1);
  });

  it('needs the RFC on record; an admin or the secretary can take it from the certificate after confirming', async () => {
    const doc = await lockedActa();
    const carol = creds['CAROL BERENICE ARELLANO RANGEL']!;
    const refused = await dispatch(handlers, 'documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: carol, password: PW });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/no tiene RFC registrado/) } });
    const id = personId(store, 'CAROL BERENICE ARELLANO RANGEL');
    expect((await dispatch(handlers, 'people.rfcFromCertificate', { personId: id, certificate: carol.cer })).ok).toBe(false);
    const person = await ok<PersonView>('people.rfcFromCertificate', { personId: id, certificate: carol.cer, confirm: true });
    expect(person.rfc).toBe(DEMO_RFCS['CAROL BERENICE ARELLANO RANGEL']);
    expect(store.all('incidents')).toMatchObject([{ kind: 'rfc-desde-certificado', personId: id }]);
    await ok('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: carol, password: PW });
  });

  it('stores one signature when the same box is signed twice at once', async () => {
    await recordDemoRfcs(store);
    const doc = await lockedActa();
    const args = { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW };
    const replies = await Promise.all([dispatch(handlers, 'documents.sign', args), dispatch(handlers, 'documents.sign', args)]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/ya firmó/) } });
    const report = await ok<VerificationReport>('documents.verify', { id: doc.id });
    expect(report.signatures).toHaveLength(1);
    expect(store.get('documents', doc.id)!.signers.filter((s) => s.status === 'firmado')).toHaveLength(1);
  });

  it('verification reports for every box whether the signer is the person printed under it', async () => {
    await recordDemoRfcs(store);
    const doc = await lockedActa();
    await ok('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW });
    await ok('documents.sign', { id: doc.id, memberId: doc.signers[1]!.memberId, credentials: creds['ARACELI GUTIÉRREZ CORTÉZ'], password: PW });
    const good = await ok<VerificationReport>('documents.verify', { id: doc.id });
    expect(good.allIntact).toBe(true);
    expect(good.boxes!.map((b) => [b.personName, b.matches, b.by])).toEqual([
      ['LICDA. CAROL BERENICE ARELLANO RANGEL', true, 'rfc'],
      ['MTRA. ARACELI GUTIÉRREZ CORTÉZ', true, 'rfc'],
      ['MTRA. VIRIDIANA VILLASEÑOR AGUIRRE', null, null],
      ['MARÍA DE LOURDES BECERRA PÉREZ', null, null],
    ]);
    // Carol's RFC on record turns out to be another one: her box no longer matches, and the acta is not "válida".
    const id = personId(store, 'CAROL BERENICE ARELLANO RANGEL');
    await ok('people.save', { id, title: 'LICDA.', name: 'CAROL BERENICE ARELLANO RANGEL', rfc: rfc('AERC800102AB') });
    const bad = await ok<VerificationReport>('documents.verify', { id: doc.id });
    expect(bad.allIntact).toBe(false);
    expect(bad.allValid).toBe(false);
    expect(bad.boxes![0]).toMatchObject({ matches: false, problem: expect.stringMatching(/lo firmó otra persona/) });
  });

  it('lets only an administrator unlock a signature locked by wrong PINs, with a reason, audited', async () => {
    const ink = await ok<SignatureSummary>('signatures.enroll', { personId: personId(store, 'ARACELI GUTIÉRREZ CORTÉZ'), pin: '202323', capture });
    for (let i = 0; i < 5; i++) await dispatch(handlers, 'signatures.use', { id: ink.id, pin: '000000', purpose: 'Acta' });
    expect(store.get('signatures', ink.id)!.status).toBe('bloqueada');
    expect((await dispatch(handlers, 'signatures.unlock', { id: ink.id, reason: '' })).ok).toBe(false);
    const unlocked = await ok<SignatureSummary>('signatures.unlock', { id: ink.id, reason: 'La consejera confirmó su identidad en persona.' });
    expect(unlocked.status).toBe('activa');
    expect(store.all('incidents')).toMatchObject([{ kind: 'desbloqueo-firma', detail: expect.stringMatching(/secretaria desbloqueó .* Motivo: La consejera/) }]);
  });
});

describe('a time-stamping service that answers with an error', () => {
  it('signs without a timestamp, says why, and keeps the signature', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.statusCode = 404;
      res.end('no existe');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (server.address() as { port: number }).port;
      await ok('settings.setTsa', { tsaUrl: `http://127.0.0.1:${port}/tsa` });
      await recordDemoRfcs(store);
      const doc = await lockedActa();
      const signed = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW });
      expect(signed.signers[0]).toMatchObject({ status: 'firmado', timestamped: false, timestampProblem: expect.stringContaining('HTTP 404') });
      const report = await ok<VerificationReport>('documents.verify', { id: doc.id });
      expect(report.allIntact).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe('enrolling ink', () => {
  it("lets a commissioner enroll only their own ink; the secretary may enroll anyone's", async () => {
    const araceli = personId(store, 'ARACELI GUTIÉRREZ CORTÉZ');
    const carol = personId(store, 'CAROL BERENICE ARELLANO RANGEL');
    await ok('accounts.create', { username: 'araceli', password: 'clave-de-araceli', role: 'consejeria', personId: araceli });
    await ok('signatures.enroll', { personId: carol, pin: '111111', capture });
    await ok('auth.signIn', { username: 'araceli', password: 'clave-de-araceli' });
    await ok('signatures.enroll', { personId: araceli, pin: '222222', capture });
    expect(await dispatch(handlers, 'signatures.enroll', { personId: carol, pin: '333333', capture })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Su cuenta no puede registrar la firma autógrafa de otra persona.' },
    });
  });
});

describe('refusing to sign', () => {
  it("needs the refuser's own certificate (another's is refused and audited) and a confirmation", async () => {
    await recordDemoRfcs(store);
    const doc = await lockedActa();
    const [carolBox, araceliBox] = doc.signers;
    await ok('documents.sign', { id: doc.id, memberId: carolBox!.memberId, credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW });
    const asCarol = { kind: 'certificate', credentials: creds['CAROL BERENICE ARELLANO RANGEL'], password: PW };
    const forged = await dispatch(handlers, 'documents.refuse', { id: doc.id, memberId: araceliBox!.memberId, reason: 'No estuvo', confirm: true, proof: asCarol });
    expect(forged).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/no de MTRA\. ARACELI/) } });
    const asAraceli = { kind: 'certificate', credentials: creds['ARACELI GUTIÉRREZ CORTÉZ'], password: PW };
    expect(await dispatch(handlers, 'documents.refuse', { id: doc.id, memberId: araceliBox!.memberId, reason: 'No estuvo', proof: asAraceli })).toMatchObject({ ok: false });
    const refused = await ok<DocumentSummary>('documents.refuse', { id: doc.id, memberId: araceliBox!.memberId, reason: 'No estuvo presente', confirm: true, proof: asAraceli });
    expect(refused.signers[1]).toMatchObject({ status: 'rechazado', refusal: 'No estuvo presente' });
    expect(store.all('incidents').map((i) => i.kind)).toEqual(['firma-ajena']);
  });
});
