import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, englishFor } from '../../src-main/cli.js';
import { activitiesHandlers } from '../../src-main/services/activities/handlers.js';
import { createHandlers, createServiceContext, dispatch, featureHandlers, type Handlers, type ServiceContext } from '../../src-main/services/api.js';
import { appHandlers } from '../../src-main/services/app/handlers.js';
import { archiveHandlers } from '../../src-main/services/archive/handlers.js';
import { printingHandlers } from '../../src-main/services/printing/handlers.js';
import { auditHandlers } from '../../src-main/services/audit/handlers.js';
import { certificatesHandlers } from '../../src-main/services/certificates/handlers.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { documentsHandlers } from '../../src-main/services/documents/handlers.js';
import { keystoreHandlers } from '../../src-main/services/keystore/handlers.js';
import { reportsHandlers } from '../../src-main/services/reports/handlers.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { sessionsHandlers } from '../../src-main/services/sessions/handlers.js';
import { settingsHandlers } from '../../src-main/services/settings/handlers.js';
import { signaturesHandlers } from '../../src-main/services/signatures/handlers.js';
import { peopleHandlers } from '../../src-main/services/people/handlers.js';
import { Store } from '../../src-main/services/store/store.js';
import { agendaCalls } from '../../src-shared/contract/agenda.js';
import { commissionsCalls } from '../../src-shared/contract/commissions.js';
import { draftsCalls } from '../../src-shared/contract/drafts.js';
import { minutesCalls } from '../../src-shared/contract/minutes.js';
import { agendaHandlers } from '../../src-main/services/sessions/agenda-handlers.js';
import { commissionsHandlers } from '../../src-main/services/commissions/handlers.js';
import { draftsHandlers } from '../../src-main/services/drafts/handlers.js';
import { guidelinesHandlers } from '../../src-main/services/guidelines/handlers.js';
import { guidelinesCalls } from '../../src-shared/contract/guidelines.js';
import { minutesHandlers } from '../../src-main/services/minutes/handlers.js';
import { activitiesCalls } from '../../src-shared/contract/activities.js';
import { appCalls } from '../../src-shared/contract/app.js';
import { archiveCalls } from '../../src-shared/contract/archive.js';
import { printingCalls } from '../../src-shared/contract/printing.js';
import { auditCalls } from '../../src-shared/contract/audit.js';
import { certificatesCalls } from '../../src-shared/contract/certificates.js';
import { documentsCalls } from '../../src-shared/contract/documents.js';
import { AppError, type ErrorCode } from '../../src-shared/contract/errors.js';
import { contract, callNames, type SessionSummary } from '../../src-shared/contract/index.js';
import type { Session } from '../../src-shared/domain/index.js';
import { keystoreCalls } from '../../src-shared/contract/keystore.js';
import { reportsCalls } from '../../src-shared/contract/reports.js';
import { syncCalls } from '../../src-shared/contract/sync.js';
import { syncHandlers } from '../../src-main/services/sync/handlers.js';
import { sessionsCalls } from '../../src-shared/contract/sessions.js';
import { settingsCalls } from '../../src-shared/contract/settings.js';
import { signaturesCalls } from '../../src-shared/contract/signatures.js';
import { peopleCalls } from '../../src-shared/contract/people.js';
import { tempDir } from '../support/temp.js';

const features: [string, object, object][] = [
  ['app', appCalls, appHandlers],
  ['audit', auditCalls, auditHandlers],
  ['sessions', sessionsCalls, sessionsHandlers],
  ['agenda', agendaCalls, agendaHandlers],
  ['minutes', minutesCalls, minutesHandlers],
  ['drafts', draftsCalls, draftsHandlers],
  ['guidelines', guidelinesCalls, guidelinesHandlers],
  ['commissions', commissionsCalls, commissionsHandlers],
  ['activities', activitiesCalls, activitiesHandlers],
  ['keystore', keystoreCalls, keystoreHandlers],
  ['signatures', signaturesCalls, signaturesHandlers],
  ['documents', documentsCalls, documentsHandlers],
  ['certificates', certificatesCalls, certificatesHandlers],
  ['settings', settingsCalls, settingsHandlers],
  ['people', peopleCalls, peopleHandlers],
  ['archive', archiveCalls, archiveHandlers],
  ['printing', printingCalls, printingHandlers],
  ['reports', reportsCalls, reportsHandlers],
  ['sync', syncCalls, syncHandlers],
];

describe('one module per feature on both sides of the contract', () => {
  it('pairs each contract module with a handler module implementing exactly its calls', () => {
    for (const [feature, calls, handlers] of features) {
      expect(Object.keys(handlers).sort(), feature).toEqual(Object.keys(calls).sort());
    }
  });

  it('declares every call in exactly one feature, and the merged maps cover the whole contract', () => {
    const declared = features.flatMap(([, calls]) => Object.keys(calls));
    expect(declared).toHaveLength(new Set(declared).size);
    expect(new Set(declared)).toEqual(new Set(callNames));
    expect(new Set(Object.keys(contract))).toEqual(new Set(callNames));
    expect(new Set(Object.keys(featureHandlers))).toEqual(new Set(callNames));
  });
});

describe('a context per open app', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: Store;
  let ctx: ServiceContext;
  let handlers: Handlers;

  beforeEach(async () => {
    dir = await tempDir();
    store = await Store.open(dir.path);
    await ensureDemo(store, 'sistema');
    ctx = createServiceContext({ store, vault: new VaultKey(dir.path, undefined), host: 'web', actor: 'ana@equipo-1' });
    handlers = createHandlers(ctx);
  });
  afterEach(async () => {
    await store.close();
    await dir.cleanup();
  });

  async function sessionArgs() {
    const list = (await dispatch(handlers, 'commissions.list', {})) as { ok: true; value: { id: string; acronym: string }[] };
    const cmi = list.value.find((c) => c.acronym === 'CMI')!;
    return { commissionId: cmi.id, type: 'ordinaria', date: '2024-02-15', modality: 'presencial', agenda: ['Lista de asistencia'] };
  }

  it('refuses every changing call while read-only, writes nothing, and still answers reads', async () => {
    const args = await sessionArgs();
    const before = (await store.auditEntries(1000)).length;
    ctx.readOnly = 'Sesiona se está cerrando; el cambio no se guardó.';
    const refused = await dispatch(handlers, 'sessions.create', args);
    expect(refused).toEqual({ ok: false, error: { code: 'READ_ONLY', message: 'Sesiona se está cerrando; el cambio no se guardó.' } });
    expect((await store.auditEntries(1000)).length).toBe(before);
    expect(await dispatch(handlers, 'sessions.list', {})).toMatchObject({ ok: true });
    // Argument errors still come first: a malformed call says what is wrong with it.
    expect(await dispatch(handlers, 'sessions.create', { ...args, agenda: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    ctx.readOnly = null;
    expect(await dispatch(handlers, 'sessions.create', args)).toMatchObject({ ok: true });
  });

  it('numbers 100 sessions created at once without a gap or a repeat, each attributed to the actor', async () => {
    const args = await sessionArgs();
    const replies = await Promise.all(Array.from({ length: 100 }, () => dispatch(handlers, 'sessions.create', args)));
    expect(replies.every((r) => r.ok)).toBe(true);
    const keys = replies.map((r) => (r as { value: Session }).value.key);
    expect(new Set(keys).size).toBe(100);
    const listed = (await dispatch(handlers, 'sessions.list', { year: 2024 })) as { value: SessionSummary[] };
    expect(listed.value).toHaveLength(100);
    const audit = await store.auditEntries(100);
    expect(audit.every((e) => e.actor === 'ana@equipo-1' && e.mutation === 'session.create')).toBe(true);
  });
});

describe('error codes that mean one thing', () => {
  it('gives each code its own English phrase in the CLI', () => {
    const codes: ErrorCode[] = ['INVALID_ARGUMENT', 'NOT_FOUND', 'CONFLICT', 'UNKNOWN_CALL', 'UNAUTHORIZED', 'STORAGE', 'LOCKED', 'IN_USE', 'READ_ONLY', 'UNAVAILABLE', 'INTERNAL'];
    const phrases = codes.map((c) => englishFor(new AppError(c, 'x')).replace(/: x$/, ''));
    expect(new Set(phrases).size).toBe(codes.length);
    expect(englishFor(new AppError('CONFLICT', 'Bloquee el documento antes de la primera firma.'))).not.toMatch(/already exists/);
    expect(englishFor(new AppError('LOCKED', 'El almacén de firmas está bloqueado.'))).not.toMatch(/in use/);
  });

  it('tells that the data folder is in use only when another process holds it', async () => {
    const dir = await tempDir();
    // The folder's lock names a live process that is not this one.
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    await writeFile(join(dir.path, 'sesiona.lock'), String(holder.pid));
    try {
      const err: string[] = [];
      const code = await main(['export', '--data-dir', dir.path], { out: () => undefined, err: (t) => err.push(t), stdin: async () => '' });
      expect(code).toBe(1);
      expect(err.join('')).toMatch(/^error: the data folder is in use by another Sesiona process/);
    } finally {
      holder.kill();
      await dir.cleanup();
    }
  });
});
