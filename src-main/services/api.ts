import type { z } from 'zod';
import { contract, type ParsedArgsOf, type ResultOf } from '../../src-shared/contract/calls.js';
import { AppError, type Reply } from '../../src-shared/contract/errors.js';
import { callNames, type CallName } from '../../src-shared/contract/names.js';
import { parseArgs } from '../../src-shared/contract/parse.js';
import { APP_VERSION } from '../../src-shared/version.js';
import { listActivities, setActivityProgress } from './activities/activities.js';
import type { VaultKey } from './keystore/vault-key.js';
import { parseLegacyFile } from './signatures/legacy-file.js';
import { BatchJobs } from './signatures/batch-jobs.js';
import { acknowledge, acknowledgeFresh, documentPdf, documentSummary, listDocuments } from './documents/documents.js';
import { addTimestamp, checkPrintedCopy, createActa, lockDocument, refuseSigning, setSigningOrder, signDocument, verifyDocument } from './documents/signing.js';
import { armChainHeadSigning, currentSettings, setTsaUrl } from './documents/settings.js';
import { certificateInfo } from './certificates/info.js';
import { addTrustRoot } from './documents/trust.js';
import { certificateView, importCertificate } from './certificates/stored.js';
import { verificationReport } from './documents/report.js';
import { changePin, enrollSignature, importLegacy, summary, useSignature } from './signatures/vault.js';
import { newId } from '../../src-shared/ids.js';
import { createSession, getSession, listSessions, setSessionStatus } from './sessions/sessions.js';
import { collectionNames } from './store/collections.js';
import type { Store } from './store/store.js';

export interface ServiceContext {
  store: Store;
  vault: VaultKey;
  host: 'electron' | 'web';
  /** Who the changes are attributed to in the audit log. */
  actor: string;
}

export type Handlers = { [K in CallName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K> };

/** Every call of the contract, implemented over the services. Hosts never hand-wire calls. */
export function createHandlers(ctx: ServiceContext): Handlers {
  const { store } = ctx;
  const batches = new BatchJobs(store, ctx.vault);
  void armChainHeadSigning(store, ctx.vault).catch(() => undefined);
  return {
    'app.info': () => ({
      version: APP_VERSION,
      dataDir: store.dataDir,
      host: ctx.host,
      keyStore: ctx.vault.kind,
      schemaVersion: store.schemaVersion,
      counts: Object.fromEntries(collectionNames.map((c) => [c, store.count(c)])),
    }),
    'commissions.list': () => store.all('commissions').sort((a, b) => a.acronym.localeCompare(b.acronym)),
    'sessions.list': (args) => listSessions(store, args),
    'sessions.get': (args) => getSession(store, args.id),
    'sessions.create': (args) => store.mutate(createSession, args, ctx.actor),
    'sessions.setStatus': (args) => store.mutate(setSessionStatus, args, ctx.actor),
    'activities.list': (args) => listActivities(store, args),
    'activities.setProgress': (args) => store.mutate(setActivityProgress, args, ctx.actor),
    'programmes.list': (args) =>
      store.all('programmes').filter((p) => !args.commissionId || p.commissionId === args.commissionId),
    'calendars.list': (args) =>
      store.all('calendars').filter((c) => !args.commissionId || c.commissionId === args.commissionId),
    'audit.list': (args) => store.auditEntries(args.limit, args.before),
    'audit.verify': () => store.verifyAudit(),
    'vault.status': () => ({ unlocked: ctx.vault.unlocked, kind: ctx.vault.kind }),
    'vault.unlock': async (args) => {
      await ctx.vault.unlockWithPassphrase(args.passphrase);
      await armChainHeadSigning(store, ctx.vault).catch(() => undefined);
      return { unlocked: ctx.vault.unlocked, kind: ctx.vault.kind };
    },
    'signatures.list': () =>
      store
        .all('signatures')
        .sort((a, b) => a.personName.localeCompare(b.personName, 'es'))
        .map(summary),
    'signatures.enroll': (args) => enrollSignature(store, ctx.vault, args, ctx.actor, newId),
    'signatures.use': (args) => useSignature(store, ctx.vault, args, ctx.actor),
    'signatures.changePin': (args) => changePin(store, args.id, args.pin, args.newPin, ctx.actor),
    'documents.list': () => listDocuments(store),
    'documents.pdf': (args) => documentPdf(store, args.id),
    'documents.acknowledge': (args) => acknowledge(store, ctx.vault, args, ctx.actor, newId),
    'documents.get': (args) => {
      const doc = store.get('documents', args.id);
      if (!doc) throw new AppError('NOT_FOUND', 'El documento solicitado no existe.');
      return documentSummary(doc);
    },
    'documents.createActa': (args) => createActa(store, args.sessionId, ctx.actor, newId),
    'documents.setOrder': (args) => setSigningOrder(store, args.id, args.memberIds, ctx.actor),
    'documents.lock': (args) => lockDocument(store, ctx.vault, args.id, ctx.actor, newId),
    'documents.sign': (args) => signDocument(store, ctx.vault, args, ctx.actor, newId),
    'documents.addTimestamp': (args) => addTimestamp(store, args.id, ctx.actor, newId),
    'documents.verifyPrint': (args) => checkPrintedCopy(store, args.id, args.payload),
    'settings.get': async () => {
      const s = currentSettings(store, newId);
      const cert = s.seal ? certificateInfo(await store.blobs.get(s.seal.certificate)) : null;
      return { tsaUrl: s.tsaUrl, sealCertificateNumber: cert?.certificateNumber ?? null };
    },
    'settings.setTsa': (args) => setTsaUrl(store, args.tsaUrl, ctx.actor, newId),
    'documents.refuse': (args) => refuseSigning(store, args.id, args.memberId, args.reason, ctx.actor),
    'documents.verify': async (args) => verificationReport(await verifyDocument(store, args.id)),
    'certificates.list': () => store.all('certificates').map(certificateView),
    'certificates.import': (args) => importCertificate(store, ctx.vault, args, ctx.actor, newId),
    'trust.list': () => store.all('trustRoots'),
    'trust.add': (args) => addTrustRoot(store, Buffer.from(args.certificate, 'base64'), ctx.actor, newId),
    'documents.acknowledgeFresh': (args) => acknowledgeFresh(store, args, ctx.actor, newId),
    'batch.start': (args) => batches.start(args, ctx.actor, newId),
    'batch.status': (args) => batches.status(args.jobId),
    'batch.cancel': (args) => batches.cancel(args.jobId),
    'signatures.import': (args) =>
      importLegacy(store, ctx.vault, parseLegacyFile(args.content, args.format), args.pin, ctx.actor, newId),
  };
}

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (callNames as readonly string[]).includes(name);
}

/**
 * The generic entry point every transport uses (IPC, HTTP, tests): checks the call name,
 * validates the arguments with the contract's schema, maps any failure to {code, message}.
 */
export async function dispatch(handlers: Handlers, name: unknown, rawArgs: unknown): Promise<Reply<unknown>> {
  try {
    if (!isCallName(name)) throw new AppError('UNKNOWN_CALL', 'La operación solicitada no existe.');
    const args = parseArgs(contract[name].args as z.ZodType, rawArgs);
    const handler = handlers[name] as (a: unknown) => unknown;
    return { ok: true, value: await handler(args) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } };
    console.error(`[sesiona] ${String(name)} failed:`, e);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Ocurrió un error interno; la operación no se completó y no se guardó nada.' },
    };
  }
}
