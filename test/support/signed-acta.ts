/**
 * A data folder with the demo data and the acta of IEM-CMI-SEORD-03/2023 locked and signed by
 * every member in order (test CA certificates, SAT format), through the app's own calls.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { DocumentSummary, SessionSummary } from '../../src-shared/contract/calls.js';
import { tempDir } from './temp.js';
import { DEMO_RFCS, recordDemoRfcs } from './people.js';

const PW = 'contraseña firmante';

export interface SignedActa {
  store: Store;
  handlers: Handlers;
  vault: VaultKey;
  acta: DocumentSummary;
  sessionId: string;
  caCer: Buffer;
  ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T>;
}

export async function signedActaFolder(dataDir: string, actor = 'secretaria@oficina'): Promise<SignedActa> {
  const certs = await tempDir('sesiona-certs-');
  try {
    const ca = join(certs.path, 'ca');
    await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas del Instituto Electoral de Michoacán' });
    const store = await Store.open(dataDir);
    await ensureDemo(store, 'sistema');
    // A box accepts only its own person's certificate: the people's RFCs are on record first.
    await recordDemoRfcs(store);
    const vault = new VaultKey(dataDir, undefined);
    await vault.unlockWithPassphrase('frase de acceso segura');
    const handlers = createHandlers({ store, vault, host: 'web', actor });
    const ok = async <T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> => {
      const reply = await dispatch(handlers, name, args);
      if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
      return reply.value as T;
    };
    const sessions = await ok<SessionSummary[]>('sessions.list', {});
    const sessionId = sessions.find((s) => s.key === 'IEM-CMI-SEORD-03/2023')!.id;
    let acta = await ok<DocumentSummary>('documents.createActa', { sessionId });
    await ok('documents.lock', { id: acta.id });
    for (const signer of acta.signers) {
      const rfc = Object.entries(DEMO_RFCS).find(([name]) => signer.name.endsWith(name))![1];
      const out = join(certs.path, rfc);
      const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name: signer.name, rfc, password: PW, outDir: out });
      const credentials = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
      acta = await ok<DocumentSummary>('documents.sign', { id: acta.id, memberId: signer.memberId, credentials, password: PW });
    }
    const caCer = await readFile(join(ca, 'ca.cer'));
    return { store, handlers, vault, acta, sessionId, caCer, ok };
  } finally {
    await certs.cleanup();
  }
}
