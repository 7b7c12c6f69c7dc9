// Read-check-write under concurrency: N calls sent at once must end as N calls in a row would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { DocumentSummary, SessionSummary, SignatureSummary } from '../../src-shared/contract/calls.js';
import type { Reply } from '../../src-shared/contract/errors.js';
import { tempDir } from '../support/temp.js';
import { DEMO_RFCS, personId, recordDemoRfcs } from '../support/people.js';

const PW = 'contraseña firmante';
let certs: Awaited<ReturnType<typeof tempDir>>;
let carol: { kind: 'sat'; cer: string; key: string };

beforeAll(async () => {
  certs = await tempDir('sesiona-race-certs-');
  const ca = join(certs.path, 'ca');
  await initCa(ca, { password: 'clave de la CA 2026', name: 'AC de pruebas' });
  const out = join(certs.path, 'carol');
  const issued = await issueCertificate({
    caDir: ca,
    caPassword: 'clave de la CA 2026',
    name: 'CAROL BERENICE ARELLANO RANGEL',
    rfc: DEMO_RFCS['CAROL BERENICE ARELLANO RANGEL']!,
    password: PW,
    outDir: out,
  });
  carol = { kind: 'sat', cer: (await readFile(issued.certificatePath)).toString('base64'), key: (await readFile(issued.keyPath)).toString('base64') };
});
afterAll(async () => {
  await certs.cleanup();
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
  await recordDemoRfcs(store);
  const vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'secretaria' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

function parallel(n: number, name: Parameters<typeof dispatch>[1], args: (i: number) => unknown): Promise<Reply<unknown>[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => dispatch(handlers, name, args(i))));
}

function capture() {
  const points = Array.from({ length: 30 }, (_, i) => ({ x: 40 + i * 7, y: 80 + (i % 7) * 3, time: 1_700_000_000_000 + i * 16, pressure: 0.5 }));
  return { strokes: [{ pointerType: 'pen' as const, points }], canvas: { width: 800, height: 300, pixelRatio: 2 } };
}

async function acta(key = 'IEM-CMI-SEORD-03/2023'): Promise<DocumentSummary> {
  const sessions = await ok<SessionSummary[]>('sessions.list', {});
  const id = sessions.find((s) => s.key === key)!.id;
  return ok<DocumentSummary>('documents.createActa', { sessionId: id });
}

const codes = (replies: Reply<unknown>[]) => replies.map((r) => (r.ok ? 'ok' : r.error.code));

describe('mutations that cannot race', () => {
  it('locks a signature after five wrong PINs even when 30 are sent at once, and then refuses the right one', async () => {
    const sig = await ok<SignatureSummary>('signatures.enroll', { personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), pin: '432121', capture: capture() });
    const replies = await parallel(30, 'signatures.use', () => ({ id: sig.id, pin: '000000', purpose: 'Acta' }));
    expect(codes(replies).filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes(replies).filter((c) => c === 'LOCKED')).toHaveLength(25);
    const right = await dispatch(handlers, 'signatures.use', { id: sig.id, pin: '432121', purpose: 'Acta' });
    expect(right).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(store.get('signatures', sig.id)).toMatchObject({ status: 'bloqueada', failedAttempts: 5, useCount: 0 });
    const refusals = (await store.auditEntries(100)).filter((e) => e.mutation === 'signature.refused');
    expect(refusals).toHaveLength(5);
  });

  it('counts every one of 12 uses sent at once', async () => {
    const sig = await ok<SignatureSummary>('signatures.enroll', { personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), pin: '432121', capture: capture() });
    const replies = await parallel(12, 'signatures.use', () => ({ id: sig.id, pin: '432121', purpose: 'Acta' }));
    expect(codes(replies)).toEqual(Array(12).fill('ok'));
    expect(store.get('signatures', sig.id)?.useCount).toBe(12);
  });

  it('signs a document once when the same signer sends the signature 6 times at once', async () => {
    const doc = await acta();
    await ok('documents.lock', { id: doc.id });
    const first = doc.signers[0]!;
    const replies = await parallel(6, 'documents.sign', () => ({ id: doc.id, memberId: first.memberId, credentials: carol, password: PW }));
    expect(codes(replies).filter((c) => c === 'ok')).toHaveLength(1);
    for (const r of replies.filter((x) => !x.ok)) expect(!r.ok && r.error.message).toMatch(/ya firmó este documento/);
    const stored = store.get('documents', doc.id)!;
    expect(stored.signers.filter((s) => s.status === 'firmado').map((s) => s.memberId)).toEqual([first.memberId]);
    const pdf = (await store.blobs.get(stored.pdf)).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Sig\b/g)).toHaveLength(1);
  });

  it('lets the first of 100 signings and refusals of one box sent at once fill it, as in sequence', async () => {
    const doc = await acta();
    await ok('documents.lock', { id: doc.id });
    const box = doc.signers[0]!.memberId;
    const sign = { id: doc.id, memberId: box, credentials: carol, password: PW };
    const refuse = { id: doc.id, memberId: box, reason: 'No estuvo presente', confirm: true, proof: { kind: 'certificate', credentials: carol, password: PW } };
    // The slow signing is sent first; the quick refusals behind it wait for their turn on the document.
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => dispatch(handlers, i % 2 ? 'documents.refuse' : 'documents.sign', i % 2 ? refuse : sign)));
    expect(replies[0]).toMatchObject({ ok: true });
    for (const r of replies.slice(1)) expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'LICDA. CAROL BERENICE ARELLANO RANGEL ya firmó este documento.' } });
    const stored = store.get('documents', doc.id)!;
    expect(stored.signers[0]!.status).toBe('firmado');
    expect((await store.blobs.get(stored.pdf)).toString('latin1').match(/\/Type\s*\/Sig\b/g)).toHaveLength(1);
  });

  it('refuses a signing order sent together with the lock once the lock is in, as in sequence', async () => {
    const doc = await acta();
    const reversed = doc.signers.map((s) => s.memberId).reverse();
    const [lock, order] = await Promise.all([
      dispatch(handlers, 'documents.lock', { id: doc.id }),
      dispatch(handlers, 'documents.setOrder', { id: doc.id, memberIds: reversed }),
    ]);
    expect(lock.ok).toBe(true);
    const stored = store.get('documents', doc.id)!;
    if (order.ok) expect(stored.signers.map((s) => s.memberId)).toEqual(reversed);
    else expect(order.error.message).toMatch(/antes de bloquear/);
    expect(stored.status).toBe('bloqueado');
  });

  it('makes one office seal when several documents are locked at once', async () => {
    // Four sessions' actas ("Generar acta" twice on one session reopens the same draft).
    const keys = (await ok<SessionSummary[]>('sessions.list', {})).map((s) => s.key).slice(0, 4);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const docs = await Promise.all(keys.map((k) => acta(k)));
    const replies = await Promise.all(docs.map((d) => dispatch(handlers, 'documents.lock', { id: d.id })));
    expect(codes(replies)).toEqual(docs.map(() => 'ok'));
    expect(store.all('settings')).toHaveLength(1);
    expect((await store.auditEntries(100)).filter((e) => e.mutation === 'settings.update')).toHaveLength(1);
  });

  it('keeps one settings record when the TSA address is set 10 times at once', async () => {
    const replies = await parallel(10, 'settings.setTsa', (i) => ({ tsaUrl: `http://127.0.0.1:${8000 + i}/tsa` }));
    expect(codes(replies)).toEqual(Array(10).fill('ok'));
    expect(store.all('settings')).toHaveLength(1);
    expect(store.all('settings')[0]!.tsaUrl).toBe('http://127.0.0.1:8009/tsa');
  });

  it('imports a certificate once when the same file is sent 5 times at once', async () => {
    const replies = await parallel(5, 'certificates.import', () => ({ credentials: carol, password: PW, keepKey: false }));
    expect(codes(replies).filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes(replies).filter((c) => c === 'CONFLICT')).toHaveLength(4);
    expect(store.all('certificates')).toHaveLength(1);
  });
});
