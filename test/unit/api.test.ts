import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { SessionDetail, SessionSummary } from '../../src-shared/contract/calls.js';
import { tempDir } from '../support/temp.js';

let dir: { path: string; cleanup: () => Promise<void> };
let store: Store;
let handlers: Handlers;

beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
  handlers = createHandlers({ store, vault: new VaultKey(dir.path, undefined), host: 'web', actor: 'prueba' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('contract dispatch', () => {
  it('lists the demo sessions newest first', async () => {
    const reply = await dispatch(handlers, 'sessions.list', {});
    expect(reply.ok).toBe(true);
    const keys = (reply as { value: SessionSummary[] }).value.map((s) => s.key);
    expect(keys).toEqual(['IEM-CMI-SEORD-05/2023', 'IEM-CMI-SEXTU-04/2023', 'IEM-CMI-SEORD-03/2023']);
  });

  it('returns a session with its commission', async () => {
    const list = (await dispatch(handlers, 'sessions.list', {})) as { value: SessionSummary[] };
    const id = list.value.find((s) => s.key === 'IEM-CMI-SEXTU-04/2023')!.id;
    const reply = (await dispatch(handlers, 'sessions.get', { id })) as { ok: true; value: SessionDetail };
    expect(reply.value.commission.acronym).toBe('CMI');
    expect(reply.value.session.agenda).toHaveLength(1);
    expect(reply.value.session.type).toBe('extraordinaria_urgente');
  });

  it('answers unknown calls, bad arguments and missing records with a code and a Spanish message', async () => {
    expect(await dispatch(handlers, 'sessions.delete', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CALL', message: 'La operación solicitada no existe.' },
    });
    const bad = await dispatch(handlers, 'sessions.get', { id: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(!bad.ok && bad.error.message).toMatch(/^Datos inválidos \(campo «id»\)/);
    const extra = await dispatch(handlers, 'sessions.list', { colour: 'rojo' });
    expect(!extra.ok && extra.error.message).toMatch(/campo no reconocido «colour»/);
    const missing = await dispatch(handlers, 'sessions.get', { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'La sesión solicitada no existe.' } });
  });

  it('records a progress update in the audit log', async () => {
    const activities = (await dispatch(handlers, 'activities.list', {})) as { value: { id: string }[] };
    const id = activities.value[0]!.id;
    const reply = await dispatch(handlers, 'activities.setProgress', { id, period: 3, percent: 90, narrative: 'Concluida la migración.' });
    expect(reply.ok).toBe(true);
    const audit = (await dispatch(handlers, 'audit.list', { limit: 1 })) as { value: { mutation: string; actor: string }[] };
    expect(audit.value[0]).toMatchObject({ mutation: 'activity.setProgress', actor: 'prueba' });
    const out = await dispatch(handlers, 'activities.setProgress', { id, period: 3, percent: 140 });
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('keeps the signature vault locked until a passphrase is given', async () => {
    expect(await dispatch(handlers, 'vault.status', {})).toEqual({ ok: true, value: { unlocked: false, kind: 'passphrase', initialized: false } });
    const enroll = await dispatch(handlers, 'signatures.import', { format: 'csv', content: 'nombre,firma\nAna,1_2\n', pin: '123456' });
    expect(enroll).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await dispatch(handlers, 'vault.unlock', { passphrase: 'frase de acceso segura' })).toEqual({
      ok: true,
      value: { unlocked: true, kind: 'passphrase', initialized: true },
    });
    const info = await dispatch(handlers, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'web', keyStore: 'passphrase', schemaVersion: 2 } });
  });
});
