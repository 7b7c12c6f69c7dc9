import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { recordDemoRfcs } from '../support/people.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { createInformeDocument } from '../../src-main/services/reports/documents.js';
import { Store } from '../../src-main/services/store/store.js';
import { newId } from '../../src-shared/ids.js';
import type { DocumentSummary, VerificationReport } from '../../src-shared/contract/calls.js';
import { pageTexts } from '../support/pdf-text.js';
import { tempDir } from '../support/temp.js';

const PW = 'contraseña firmante';
let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;
let credentials: { kind: 'sat'; cer: string; key: string };

beforeAll(async () => {
  dir = await tempDir();
  const ca = join(dir.path, 'ca');
  await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas' });
  const { certificatePath, keyPath } = await issueCertificate({
    caDir: ca,
    caPassword: 'clave de la CA',
    name: 'CAROL BERENICE ARELLANO RANGEL',
    rfc: 'AERC800101AB9',
    password: PW,
    outDir: join(dir.path, 'carol'),
  });
  credentials = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
  store = await Store.open(join(dir.path, 'datos'));
  await ensureDemo(store, 'sistema');
  await recordDemoRfcs(store);
  const vault = new VaultKey(join(dir.path, 'datos'), undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'secretaria' });
});
afterAll(async () => {
  await store.close();
  await dir.cleanup();
});

async function ok<T>(name: Parameters<typeof dispatch>[1], args: unknown): Promise<T> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${String(name)}: ${reply.error.message}`);
  return reply.value as T;
}

describe('the informe through the lock and signing flow', () => {
  it('is kept as a draft with the four signers of its hoja de firmas, then locked and signed by the presidency', async () => {
    const doc = await createInformeDocument(store, { commission: 'CMI', year: 2023, period: 2 }, 'secretaria', newId);
    expect(doc.status).toBe('borrador');
    expect(doc.signers.map((s) => s.name)).toEqual([
      'Licda. Carol Berenice Arellano Rangel',
      'Mtra. Viridiana Villaseñor Aguirre',
      'Mtra. Araceli Gutiérrez Cortés',
      'María de Lourdes Becerra Pérez',
    ]);
    const members = store.all('commissions').find((c) => c.acronym === 'CMI')!.members.map((m) => m.id);
    expect(doc.signers.every((s) => members.includes(s.memberId))).toBe(true);
    await ok('documents.lock', { id: doc.id });
    const signed = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: doc.signers[0]!.memberId, credentials, password: PW });
    expect(signed.signers.map((s) => s.status)).toEqual(['firmado', 'pendiente', 'pendiente', 'pendiente']);
    const report = await ok<VerificationReport>('documents.verify', { id: doc.id });
    expect(report.signatures).toHaveLength(1);
    expect(report.allIntact).toBe(true);
    // Valid means intact and trusted: the test CA counts once it is in the trust store.
    expect(report.allValid).toBe(false);
    await ok('trust.add', { certificate: (await readFile(join(dir.path, 'ca', 'ca.cer'))).toString('base64') });
    expect((await ok<VerificationReport>('documents.verify', { id: doc.id })).allValid).toBe(true);
    const path = join(dir.path, 'informe-firmado.pdf');
    await writeFile(path, Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64'));
    expect(spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout).toMatch(/Signature is Valid/);
    expect(pageTexts(path).join(' ')).toContain('SEGUNDO INFORME CUATRIMESTRAL MAYO - AGOSTO 2023');
  });
});
