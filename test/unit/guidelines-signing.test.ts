import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { dispatch } from '../../src-main/services/api.js';
import { initCa, issueCertificate, issueP12 } from '../../src-main/services/certificates/test-ca.js';
import { Store } from '../../src-main/services/store/store.js';
import type { DocumentSummary } from '../../src-shared/contract/calls.js';
import type { Guideline } from '../../src-shared/domain/index.js';
import { tempDir } from '../support/temp.js';
import { demoApp, type DemoApp } from '../support/signing-app.js';

const PW = 'contraseña firmante';
let certs: Awaited<ReturnType<typeof tempDir>>;
const creds: Record<string, unknown> = {};

beforeAll(async () => {
  certs = await tempDir('sesiona-certs-');
  const ca = join(certs.path, 'ca');
  await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas del Instituto Electoral de Michoacán' });
  for (const [name, rfc] of [
    ['CAROL BERENICE ARELLANO RANGEL', 'AERC800101AB9'],
    ['ARACELI GUTIÉRREZ CORTÉZ', 'GUCA800101AB0'],
    ['MARÍA DE LOURDES BECERRA PÉREZ', 'BEPL800101AB5'],
    ['VIRIDIANA VILLASEÑOR AGUIRRE', 'VIAV800101AB3'],
  ] as const) {
    const out = join(certs.path, rfc);
    if (rfc === 'GUCA800101AB0') {
      const { p12Path } = await issueP12({ caDir: ca, caPassword: 'clave de la CA', name, rfc, password: PW, outDir: out });
      creds[rfc] = { kind: 'p12', p12: (await readFile(p12Path)).toString('base64') };
    } else {
      const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name, rfc, password: PW, outDir: out });
      creds[rfc] = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
    }
  }
});
afterAll(async () => certs.cleanup());

let app: DemoApp;
let store: Store;
const ok = <T,>(name: Parameters<typeof dispatch>[1], args: unknown) => app.ok<T>(name, args);
beforeEach(async () => {
  app = await demoApp();
  ({ store } = app);
});
afterEach(() => app.close());

it('a published guideline is signed by the members through the existing flow; pdfsig validates every signature', async () => {
  const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
  const g = await ok<Guideline>('guidelines.create', { commissionId: cmi.id, title: 'Lineamientos para el uso de contraseñas' });
  const session = await ok<{ id: string; agenda: { id: string }[] }>('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2024-05-30', modality: 'virtual', agenda: ['Proyecto de lineamientos'] });
  await ok('guidelines.setStatus', { id: g.id, status: 'presentado', sessionId: session.id, agendaItemId: session.agenda[0]!.id });
  await ok('guidelines.setStatus', { id: g.id, status: 'aprobado' });
  const published = await ok<Guideline>('guidelines.setStatus', { id: g.id, status: 'publicado' });
  const doc = await ok<DocumentSummary>('documents.get', { id: published.documentId });
  expect(doc.status).toBe('bloqueado');
  const [a, b, c, d] = doc.signers;
  await ok('documents.sign', { id: doc.id, memberId: a!.memberId, credentials: creds.AERC800101AB9, password: PW });
  await ok('documents.sign', { id: doc.id, memberId: b!.memberId, credentials: creds.GUCA800101AB0, password: PW });
  // The refuser proves who she is with her own certificate.
  await ok('documents.refuse', { id: doc.id, memberId: c!.memberId, reason: 'Ausente', confirm: true, proof: { kind: 'certificate', credentials: creds.VIAV800101AB3, password: PW } });
  const last = await ok<DocumentSummary>('documents.sign', { id: doc.id, memberId: d!.memberId, credentials: creds.BEPL800101AB5, password: PW });
  expect(last.status).toBe('firmado');
  const pdf = join(app.dir, 'lineamiento.pdf');
  const exported = await ok<{ base64: string }>('guidelines.export', { id: g.id, format: 'pdf' });
  await writeFile(pdf, Buffer.from(exported.base64, 'base64'));
  const pdfsig = spawnSync('pdfsig', [pdf], { encoding: 'utf8' });
  expect(pdfsig.stdout.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3);
  expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toMatch(/Artículo 1\.\s+Los presentes lineamientos tienen por objeto/);
});
