import { randomBytes, scryptSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { open, seal } from '../../src-main/services/keystore/aead.js';
import { unwrapSignatureKey } from '../../src-main/services/keystore/signature-key.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { defineMutation, Store } from '../../src-main/services/store/store.js';
import type { SignatureSummary, UsedSignature } from '../../src-shared/contract/calls.js';
import { encodeBase30 } from '../../src-shared/signature/base30.js';
import { savePerson } from '../../src-main/services/people/people.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let vault: VaultKey;
let handlers: Handlers;

function capture(offset = 0) {
  const points = Array.from({ length: 30 }, (_, i) => ({ x: 40 + i * 7 + offset, y: 80 + (i % 7) * 3, time: 1_700_000_000_000 + i * 16, pressure: 0.5 }));
  return { strokes: [{ pointerType: 'pen' as const, points }], canvas: { width: 800, height: 300, pixelRatio: 2 } };
}

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    const p = join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

/** What an attacker who holds the data key (passphrase, OS key store) does with the folder. */
function openWithDataKeyAlone(id: string, sealedBytes: Buffer): Buffer {
  return open(vault.dataKey(), sealedBytes, Buffer.from(id));
}

/** Signatures are enrolled for a person chosen from the people. */
async function person(name: string): Promise<string> {
  const found = store.all('people').find((p) => p.name === name);
  if (found) return found.id;
  return (await store.mutate(savePerson, { title: '', name }, 'secretaria')).id;
}

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'consejera' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('the PIN wraps each signature’s key', () => {
  it('the data key alone cannot open the strokes, even of a locked signature; data key plus PIN can', async () => {
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('CAROL'), pin: '730519', capture: capture() });
    for (let i = 0; i < 5; i++) await dispatch(handlers, 'signatures.use', { id, pin: '000000', purpose: 'Acta' });
    const record = store.get('signatures', id)!;
    expect(record.status).toBe('bloqueada');
    expect(record).not.toHaveProperty('pin');

    const strokes = await store.blobs.get(record.sealed);
    expect(() => openWithDataKeyAlone(id, strokes)).toThrow();
    const box = await store.blobs.get(record.keyBox!);
    expect(() => open(vault.dataKey(), box, Buffer.from(id))).toThrow(); // the box is bound to its purpose, too
    expect(await unwrapSignatureKey(vault.dataKey(), '730518', id, box)).toBeNull();
    expect(await unwrapSignatureKey(vault.dataKey(), '', id, box)).toBeNull();

    // The same attacker with the PIN: the lock is the app's; the cryptography needs only both keys.
    const key = await unwrapSignatureKey(vault.dataKey(), '730519', id, box);
    const content = JSON.parse(open(key!, strokes, Buffer.from(id)).toString('utf8')) as { base30: string };
    expect(content.base30).toBe(encodeBase30([{ x: capture().strokes[0]!.points.map((p) => p.x), y: capture().strokes[0]!.points.map((p) => p.y) }]));
  });

  it('locks after five wrong PINs when 100 guesses arrive at once, the right PIN last among them', async () => {
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('CAROL'), pin: '730519', capture: capture() });
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => dispatch(handlers, 'signatures.use', { id, pin: i === 99 ? '730519' : String(100000 + i), purpose: 'Acta' })),
    );
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LOCKED')).toHaveLength(95);
    expect(store.get('signatures', id)).toMatchObject({ status: 'bloqueada', failedAttempts: 5, useCount: 0 });
  });

  it('a key box moved onto another signature does not open it', async () => {
    const a = await ok<SignatureSummary>('signatures.enroll', { personId: await person('A'), pin: '111111', capture: capture() });
    const b = await ok<SignatureSummary>('signatures.enroll', { personId: await person('B'), pin: '111111', capture: capture(3) });
    const boxA = await store.blobs.get(store.get('signatures', a.id)!.keyBox!);
    await expect(unwrapSignatureKey(vault.dataKey(), '111111', b.id, boxA)).rejects.toThrow(/alterada/);
  });

  it('keeps no PIN verifier nor anything derived from the PIN in the journal or the shards', async () => {
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('CAROL'), pin: '730519', capture: capture() });
    await dispatch(handlers, 'signatures.use', { id, pin: '999999', purpose: 'Acta' });
    await ok<UsedSignature>('signatures.use', { id, pin: '730519', purpose: 'Acta' });
    await ok('signatures.changePin', { id, pin: '730519', newPin: '86420975' });
    const csv = `nombre,firma\nPERSONA UNO,${encodeBase30([{ x: [1, 5, 9], y: [2, 2, 7] }])}`;
    await ok('signatures.import', { format: 'csv', content: csv, pin: '246813' });
    await store.checkpoint();

    // Every secret the PIN produced, read back the way only the data key holder could.
    const secrets: string[] = [];
    for (const r of store.all('signatures')) {
      const box = JSON.parse(open(vault.dataKey(), await store.blobs.get(r.keyBox!), Buffer.from(`keybox:${r.id}`)).toString()) as {
        kdf: { salt: string };
        wrapped: string;
      };
      const salt = Buffer.from(box.kdf.salt, 'base64');
      secrets.push(box.kdf.salt, salt.toString('hex'), box.wrapped, Buffer.from(box.wrapped, 'base64').toString('hex').slice(0, 40));
    }
    const plainFiles = [...(await filesUnder(join(dir.path, 'audit'))), ...(await filesUnder(join(dir.path, 'data')))];
    expect(plainFiles.some((f) => f.includes(`${join(dir.path, 'audit')}`))).toBe(true);
    expect(plainFiles.some((f) => f.includes(join('data', 'signatures')))).toBe(true);
    for (const file of plainFiles) {
      const text = (await readFile(file)).toString('latin1');
      for (const needle of [...secrets, '"pin":', '"salt"', '"kdf"', '"wrapped"']) {
        expect(text.includes(needle), `${needle} found in ${file}`).toBe(false);
      }
    }
    // What the journal does say: each step, by name.
    const steps = (await store.auditEntries(50)).map((e) => e.mutation);
    expect(steps).toEqual(expect.arrayContaining(['signature.enroll', 'signature.refused', 'signature.use', 'signature.changePin', 'signature.import']));
  });

  it('after a PIN change the old PIN opens nothing, even with the data key: the old box is deleted', async () => {
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('CAROL'), pin: '730519', capture: capture() });
    const oldBox = store.get('signatures', id)!.keyBox!;
    const oldBytes = await store.blobs.get(oldBox);
    await ok('signatures.changePin', { id, pin: '730519', newPin: '193705' });
    const record = store.get('signatures', id)!;
    expect(record.keyBox).not.toBe(oldBox);
    expect(await store.blobs.has(oldBox)).toBe(false);
    expect(await unwrapSignatureKey(vault.dataKey(), '730519', id, await store.blobs.get(record.keyBox!))).toBeNull();
    expect(await dispatch(handlers, 'signatures.use', { id, pin: '730519', purpose: 'Acta' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await ok<UsedSignature>('signatures.use', { id, pin: '193705', purpose: 'Acta' })).toMatchObject({ personName: 'CAROL' });
    expect(oldBytes.length).toBeGreaterThan(29); // it existed before the change
  });

  it('refuses PINs shorter than 6 digits when enrolling, importing and changing', async () => {
    const enroll = await dispatch(handlers, 'signatures.enroll', { personId: await person('A'), pin: '12345', capture: capture() });
    expect(enroll).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/6 a 12 dígitos/) } });
    const imp = await dispatch(handlers, 'signatures.import', { format: 'csv', content: 'nombre,firma\nA,1_2', pin: '2020' });
    expect(!imp.ok && imp.error.message).toMatch(/6 a 12 dígitos/);
    const { id } = await ok<SignatureSummary>('signatures.enroll', { personId: await person('A'), pin: '123456', capture: capture() });
    const change = await dispatch(handlers, 'signatures.changePin', { id, pin: '123456', newPin: '4321' });
    expect(!change.ok && change.error.message).toMatch(/6 a 12 dígitos/);
    expect(store.count('signatures')).toBe(1);
  });
});

describe('signatures stored before the PIN wrapped their key', () => {
  /** A record as the earlier version wrote it: strokes sealed with the data key, a 4-digit PIN hash beside them. */
  async function legacySignature(pin: string): Promise<{ id: string; sealed: string; base30: string }> {
    const id = '01JK0000000000000000000000';
    const base30 = encodeBase30([{ x: [10, 20, 35], y: [5, 9, 2] }]);
    const sealed = await store.blobs.put(seal(vault.dataKey(), Buffer.from(JSON.stringify({ base30 })), Buffer.from(id)));
    const salt = randomBytes(16);
    const hash = scryptSync(pin, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const record = {
      id,
      personName: 'MARÍA DE LOURDES BECERRA PÉREZ',
      source: 'importacion' as const,
      createdAt: '2025-05-30T12:00:00.000Z',
      strokeCount: 1,
      pointCount: 3,
      sealed,
      pin: { salt: salt.toString('base64'), hash: hash.toString('base64') },
      failedAttempts: 0,
      status: 'activa' as const,
      useCount: 0,
    };
    const put = defineMutation({
      name: 'signature.import',
      args: z.object({}),
      apply: () => ({ puts: [{ collection: 'signatures', record }], result: () => undefined }),
    });
    await store.mutate(put, {}, 'importador');
    return { id, sealed, base30 };
  }

  it('cannot be used until the owner sets a 6-digit PIN, which re-seals the strokes so the data key alone no longer opens them', async () => {
    const legacy = await legacySignature('2020');
    const [listed] = await ok<SignatureSummary[]>('signatures.list', {});
    expect(listed).toMatchObject({ id: legacy.id, needsNewPin: true, status: 'activa' });

    const use = await dispatch(handlers, 'signatures.use', { id: legacy.id, pin: '2020', purpose: 'Acta' });
    expect(use).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/PIN nuevo.*6 dígitos.*Cambiar PIN/) } });
    expect(store.get('signatures', legacy.id)).toMatchObject({ useCount: 0, failedAttempts: 0 });

    const wrong = await dispatch(handlers, 'signatures.changePin', { id: legacy.id, pin: '2021', newPin: '582014' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'PIN incorrecto. Le quedan 4 intento(s).' } });

    const changed = await ok<SignatureSummary>('signatures.changePin', { id: legacy.id, pin: '2020', newPin: '582014' });
    expect(changed.needsNewPin).toBeUndefined();
    const record = store.get('signatures', legacy.id)!;
    expect(record).not.toHaveProperty('pin');
    expect(record.failedAttempts).toBe(0);
    expect(await store.blobs.has(legacy.sealed)).toBe(false); // the copy under the data key alone is gone
    const resealed = await store.blobs.get(record.sealed);
    expect(() => openWithDataKeyAlone(legacy.id, resealed)).toThrow();

    const used = await ok<UsedSignature>('signatures.use', { id: legacy.id, pin: '582014', purpose: 'Acta' });
    expect(used.strokes).toEqual([{ x: [10, 20, 35], y: [5, 9, 2] }]);
    expect(await dispatch(handlers, 'signatures.use', { id: legacy.id, pin: '2020', purpose: 'Acta' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('still locks after five wrong old PINs sent at once while migrating', async () => {
    const legacy = await legacySignature('2020');
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => dispatch(handlers, 'signatures.changePin', { id: legacy.id, pin: '9999', newPin: '582014' })),
    );
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LOCKED')).toHaveLength(7);
    expect(await dispatch(handlers, 'signatures.changePin', { id: legacy.id, pin: '2020', newPin: '582014' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await store.blobs.has(legacy.sealed)).toBe(true);
  });
});
