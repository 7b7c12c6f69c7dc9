import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInformeDocument } from '../../src-main/services/reports/documents.js';
import { newId } from '../../src-shared/ids.js';
import type { DocumentSummary, VerificationReport } from '../../src-shared/contract/calls.js';
import { pageTexts } from '../support/pdf-text.js';
import { SIGNER_PASSWORD, signingApp, type SigningApp } from '../support/signing-app.js';

const PW = SIGNER_PASSWORD;
let app: SigningApp;
let store: SigningApp['store'];
let ok: SigningApp['ok'];
let credentials: SigningApp['credentials'][string];

beforeAll(async () => {
  app = await signingApp(['CAROL BERENICE ARELLANO RANGEL']);
  ({ store, ok } = app);
  credentials = app.credentials['CAROL BERENICE ARELLANO RANGEL']!;
}, 60_000);
afterAll(async () => {
  await app.close();
});

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
    await ok('trust.add', { certificate: (await readFile(join(app.dir, 'ca', 'ca.cer'))).toString('base64') });
    expect((await ok<VerificationReport>('documents.verify', { id: doc.id })).allValid).toBe(true);
    const path = join(app.dir, 'informe-firmado.pdf');
    await writeFile(path, Buffer.from((await ok<{ base64: string }>('documents.pdf', { id: doc.id })).base64, 'base64'));
    expect(spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout).toMatch(/Signature is Valid/);
    expect(pageTexts(path).join(' ')).toContain('SEGUNDO INFORME CUATRIMESTRAL MAYO - AGOSTO 2023');
  });
});
