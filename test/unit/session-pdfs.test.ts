import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src-main/services/api.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { ensureDemo } from '../../src-main/services/demo/load-demo.js';
import { recordDemoRfcs } from '../support/people.js';
import { VaultKey } from '../../src-main/services/keystore/vault-key.js';
import { Store } from '../../src-main/services/store/store.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { tempDir } from '../support/temp.js';

const PW = 'contraseña firmante';
const creds: Record<string, { kind: 'sat'; cer: string; key: string }> = {};
let certs: Awaited<ReturnType<typeof tempDir>>;
let dir: Awaited<ReturnType<typeof tempDir>>;
let store: Store;
let handlers: Handlers;

beforeAll(async () => {
  certs = await tempDir('sesiona-certs-');
  const ca = join(certs.path, 'ca');
  await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas' });
  for (const [name, rfc] of [
    ['CAROL BERENICE ARELLANO RANGEL', 'AERC800101AB9'],
    ['MARÍA DE LOURDES BECERRA PÉREZ', 'BEPL800101AB5'],
  ] as const) {
    const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name, rfc, password: PW, outDir: join(certs.path, rfc) });
    creds[rfc] = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
  }
});
afterAll(async () => certs.cleanup());
beforeEach(async () => {
  dir = await tempDir();
  store = await Store.open(dir.path);
  await ensureDemo(store, 'sistema');
  await recordDemoRfcs(store);
  const vault = new VaultKey(dir.path, undefined);
  await vault.unlockWithPassphrase('frase de acceso segura');
  handlers = createHandlers({ store, vault, host: 'web', actor: 'secretaria' });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

async function call<K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value as ResultOf<K>;
}
const cmi = () => store.all('commissions').find((c) => c.acronym === 'CMI')!;
const pdfText = async (base64: string, name: string) => {
  const path = join(dir.path, name);
  await writeFile(path, Buffer.from(base64, 'base64'));
  return { path, text: execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }) };
};

describe('convocatoria and acta PDFs', () => {
  it('signs the convocatoria with the existing flow: presidency, then the technical secretary', async () => {
    const s = await call('sessions.create', { commissionId: cmi().id, type: 'extraordinaria_urgente', date: '2023-06-27', time: '12:00', modality: 'presencial', place: 'Sala de sesiones del IEM', agenda: ['INFORME CUATRIMESTRAL Y APROBACIÓN, EN SU CASO.'] });
    const { documentId } = await call('sessions.convene', { id: s.id });
    const locked = await call('documents.lock', { id: documentId });
    expect(locked.kind).toBe('convocatoria');
    expect(locked.signers.map((x) => x.role)).toEqual(['CONSEJERA PRESIDENTA', 'SECRETARÍA TÉCNICA']);
    for (const [signer, rfc] of [
      [locked.signers[0]!, 'AERC800101AB9'],
      [locked.signers[1]!, 'BEPL800101AB5'],
    ] as const) {
      await call('documents.sign', { id: documentId, memberId: signer.memberId, credentials: creds[rfc]!, password: PW });
    }
    expect((await call('documents.get', { id: documentId })).status).toBe('firmado');
    const { path, text } = await pdfText((await call('documents.pdf', { id: documentId })).base64, 'convocatoria-firmada.pdf');
    expect(text.replace(/\s+/g, ' ')).toContain('ÚNICO. INFORME CUATRIMESTRAL Y APROBACIÓN, EN SU CASO.');
    const sig = execFileSync('pdfsig', [path], { encoding: 'utf8' });
    expect(sig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
  });

  it('prints a long acta on Letter with the letterhead, Página N de M, the vote table header on every page it spans, and DejaVu embedded', async () => {
    const agenda = Array.from({ length: 14 }, (_, i) => `INFORME NÚMERO ${i + 1} SOBRE EL AVANCE DE LAS ACTIVIDADES DE LA COMISIÓN.`);
    const s = await call('sessions.create', { commissionId: cmi().id, type: 'ordinaria', date: '2023-09-29', time: '10:00', modality: 'virtual', agenda });
    for (const m of cmi().members) await call('sessions.attendance', { id: s.id, memberId: m.id, present: true });
    for (const item of s.agenda) for (const m of cmi().members.filter((x) => x.role !== 'secretaria_tecnica')) await call('sessions.vote', { id: s.id, agendaItemId: item.id, memberId: m.id, ballot: 'a_favor' });
    const acta = await call('minutes.create', { sessionId: s.id });
    const { path, text } = await pdfText((await call('minutes.pdf', { id: acta.id })).base64, 'acta.pdf');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain('INSTITUTO ELECTORAL DE MICHOACÁN');
      expect(page).toContain('Bruselas no. 118, Fracc. Villa Universidad');
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
    });
    const withVotes = pages.filter((p) => /Unanimidad/.test(p));
    expect(withVotes.length).toBeGreaterThanOrEqual(2);
    for (const page of withVotes) expect(page).toMatch(/Punto\s+Integrante\s+Voto\s+Resultado/);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('29 veintinueve de septiembre de 2023 dos mil veintitrés');
    for (const o of ['PRIMERO.', 'SEGUNDO.', 'DÉCIMO CUARTO.']) expect(flat).toContain(o);
    expect(flat).toContain('La presente hoja de firmas corresponde al acta de la Sesión Ordinaria IEM-CMI-SEORD-06/2023');
    expect(flat).toContain('pendiente de aprobación');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const line of fonts) expect(line).toMatch(/Identity-H\s+yes/);
  });
});
