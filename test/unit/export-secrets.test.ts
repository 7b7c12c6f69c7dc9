// `sesiona export` is a file anyone may copy: it must carry no password or PIN verifier, no token.
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { defineMutation, Store } from '../../src-main/services/store/store.js';
import type { SignatureSummary } from '../../src-shared/contract/calls.js';
import { personId } from '../support/people.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
  const vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'secretaria' });
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  await dir.cleanup();
});

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

/** A signature record as folders from before the key box keep it: with a PIN hash. */
const legacyPin = defineMutation({
  name: 'test.legacyPin',
  args: z.object({ id: z.string() }),
  apply: (ctx, { id }) => ({
    puts: [{ collection: 'signatures', record: { ...ctx.get('signatures', id)!, pin: { salt: 'c2FsLWRlLXBydWViYQ', hash: 'aGFzaC1kZWwtcGluLWRlLXBydWViYQ' } } }],
    result: () => undefined,
  }),
});

describe('sesiona export', () => {
  it('prints every record but no password verifier, PIN hash or token', async () => {
    await ok('auth.setup', { username: 'admin', password: 'clave-de-administracion' });
    await ok('accounts.create', { username: 'carol', password: 'clave-de-carol-2026', personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'), role: 'consejeria' });
    const sig = await ok<SignatureSummary>('signatures.enroll', {
      personId: personId(store, 'CAROL BERENICE ARELLANO RANGEL'),
      pin: '730519',
      capture: { strokes: [{ pointerType: 'pen', points: [{ x: 1, y: 2, time: 1, pressure: 0.5 }, { x: 9, y: 9, time: 20, pressure: 0.5 }] }], canvas: { width: 800, height: 300, pixelRatio: 1 } },
    });
    await store.mutate(legacyPin, { id: sig.id }, 'sistema');
    const verifiers = store.all('accounts').map((a) => a.verifier);
    expect(verifiers).toHaveLength(2);
    await store.close();

    const out: string[] = [];
    expect(await main(['export', '--data-dir', dir.path], { out: (t) => out.push(t), err: () => undefined, stdin: async () => '' })).toBe(0);
    const text = out.join('\n');
    const dump = JSON.parse(text) as { collections: Record<string, Record<string, unknown>[]> };
    // The records are there…
    expect(dump.collections.accounts!.map((a) => a.username).sort()).toEqual(['admin', 'carol']);
    expect(dump.collections.signatures!.map((s) => s.id)).toEqual([sig.id]);
    // …and none of their secrets.
    for (const v of verifiers) expect(text).not.toContain(v.split('$').at(-1)!);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain('aGFzaC1kZWwtcGluLWRlLXBydWViYQ');
    expect(text).not.toMatch(/"(verifier|pin|token|password|passphrase)"\s*:/i);
  });
});
