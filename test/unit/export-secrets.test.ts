// `sesiona export` is a file anyone may copy: it must carry no password or PIN verifier, no token.
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { defineMutation } from '../../src-main/services/store/store.js';
import { personId } from '../support/people.js';
import { sessionApp } from '../support/session-app.js';

let s: Awaited<ReturnType<typeof sessionApp>>;
beforeEach(async () => {
  s = await sessionApp();
});
afterEach(async () => {
  await s.close();
});

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
    const { store } = s.app;
    await s.call('vault.unlock', { passphrase: 'frase de acceso segura' });
    await s.call('auth.setup', { username: 'admin', password: 'clave-de-administracion' });
    const carol = personId(store, 'CAROL BERENICE ARELLANO RANGEL');
    await s.call('accounts.create', { username: 'carol', password: 'clave-de-carol-2026', personId: carol, role: 'consejeria' });
    const points = [{ x: 1, y: 2, time: 1, pressure: 0.5 }, { x: 9, y: 9, time: 20, pressure: 0.5 }];
    const sig = await s.call('signatures.enroll', { personId: carol, pin: '730519', capture: { strokes: [{ pointerType: 'pen', points }], canvas: { width: 800, height: 300, pixelRatio: 1 } } });
    await store.mutate(legacyPin, { id: sig.id }, 'sistema');
    const verifiers = store.all('accounts').map((a) => a.verifier);
    expect(verifiers).toHaveLength(2);
    await s.app.close();

    const out: string[] = [];
    expect(await main(['export', '--data-dir', s.dir], { out: (t) => out.push(t), err: () => undefined, stdin: async () => '' })).toBe(0);
    const text = out.join('\n');
    const dump = JSON.parse(text) as { collections: Record<string, Record<string, unknown>[]> };
    // The records are there…
    expect(dump.collections.accounts!.map((a) => a.username).sort()).toEqual(['admin', 'carol']);
    expect(dump.collections.signatures!.map((x) => x.id)).toEqual([sig.id]);
    // …and none of their secrets.
    for (const v of verifiers) expect(text).not.toContain(v.split('$').at(-1)!);
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain('aGFzaC1kZWwtcGluLWRlLXBydWViYQ');
    expect(text).not.toMatch(/"(verifier|pin|token|password|passphrase)"\s*:/i);
  });
});
