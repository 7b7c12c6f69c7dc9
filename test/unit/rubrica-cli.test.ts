import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { dispatch } from '../../src-main/services/api.js';
import { openApp } from '../../src-main/services/app/open-app.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { PassphraseKeyStore } from '../../src-main/services/keystore/passphrase-keystore.js';
import { decodeText, PdfReader } from '../../src-main/services/pdfsign/index.js';
import { verifyPdf } from '../../src-main/services/pdfsign/verify.js';
import { DEMO_RFCS, recordDemoRfcs } from '../support/people.js';
import { tempDir } from '../support/temp.js';

const CAROL = 'CAROL BERENICE ARELLANO RANGEL';
let dir: Awaited<ReturnType<typeof tempDir>>;
let data: string;
let certArgs: string[];

beforeAll(async () => {
  dir = await tempDir('sesiona-rubrica-cli-');
  data = join(dir.path, 'datos');
  await initCa(join(dir.path, 'ca'), { password: 'clave de la CA' });
  await writeFile(join(dir.path, 'key-pw'), 'contraseña firmante\n');
  await writeFile(join(dir.path, 'frase'), 'frase de acceso de la oficina\n');
  await writeFile(join(dir.path, 'pin'), '246813\n');
  const c = await issueCertificate({ caDir: join(dir.path, 'ca'), caPassword: 'clave de la CA', name: CAROL, rfc: DEMO_RFCS[CAROL]!, password: 'contraseña firmante', outDir: join(dir.path, 'carol') });
  certArgs = ['--cer', c.certificatePath, '--key', c.keyPath, '--password-file', join(dir.path, 'key-pw')];
}, 60_000);
afterAll(async () => {
  await dir.cleanup();
});

async function run(args: string[]) {
  const err: string[] = [];
  const code = await main([...args, '--data-dir', data, '--passphrase-file', join(dir.path, 'frase')], { out: () => undefined, err: (t: string) => err.push(t), stdin: async () => '' });
  return { code, err: err.join('\n') };
}

describe('sesiona documents sign --rubrica', () => {
  it('signs an informe from the command line with the signer’s rúbrica on every other page', async () => {
    // The rúbrica is enrolled and the informe kept and locked in the app; the CLI then signs.
    const app = await openApp({ dataDir: data, host: 'cli', actor: 'secretaria', keyStore: new PassphraseKeyStore('frase de acceso de la oficina') });
    await recordDemoRfcs(app.store);
    const call = async <T,>(name: Parameters<typeof dispatch>[1], args: unknown) => {
      const r = await dispatch(app.handlers, name, args);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const carol = app.store.all('people').find((p) => p.name === CAROL)!.id;
    const strokes = [{ points: Array.from({ length: 10 }, (_, i) => ({ x: i * 4, y: i * 3, time: i * 16, pressure: 0.5 })) }];
    const rubrica = await call<{ id: string }>('signatures.enroll', { personId: carol, pin: '246813', capture: { strokes, canvas: { width: 200, height: 100, pixelRatio: 1 } }, use: 'rubrica' });
    const doc = await call<{ id: string; pages?: number }>('reports.createDocument', { kind: 'informe', commission: 'CMI', year: 2023, period: 2 });
    await call('documents.lock', { id: doc.id });
    await app.close();

    const half = await run(['documents', 'sign', '--document', doc.id, '--person', carol, ...certArgs, '--rubrica', rubrica.id]);
    expect(half.code).toBe(2);
    expect(half.err).toMatch(/--rubrica needs --rubrica-pin-file/);
    const signed = await run(['documents', 'sign', '--document', doc.id, '--person', carol, ...certArgs, '--rubrica', rubrica.id, '--rubrica-pin-file', join(dir.path, 'pin')]);
    expect(signed.code, signed.err).toBe(0);
    expect(signed.err).toMatch(/signed .* \(1 of 4 signed\)/);

    const again = await openApp({ dataDir: data, host: 'cli', actor: 'secretaria', keyStore: new PassphraseKeyStore('frase de acceso de la oficina') });
    const stored = again.store.get('documents', doc.id)!;
    expect(stored.inkFrom).toEqual([rubrica.id]);
    const pdf = await again.store.blobs.get(stored.pdf);
    await again.close();
    const report = verifyPdf(pdf);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.integrity).toBe(true);
    expect(report.signatures[0]!.coversWholeFile).toBe(true);
    // The signed field has one widget per page: the box on the hoja de firmas and a rúbrica on every other page.
    const reader = PdfReader.open(pdf);
    const fields = reader.resolve(reader.dict(reader.catalog().dict.get('AcroForm'))!.get('Fields'));
    const carolField = (Array.isArray(fields) ? fields : []).map((f) => reader.dict(f)!).find((f) => /Carol/.test(decodeText(reader.resolve(f.get('T'))) ?? ''))!;
    const kids = reader.resolve(carolField.get('Kids'));
    expect(Array.isArray(kids) && kids.length).toBe(reader.pages().length);
  });
});
