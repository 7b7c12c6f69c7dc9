import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import type { DocumentSummary, PersonView, VerificationReport } from '../../src-shared/contract/calls.js';
import { DEMO_RFCS } from '../support/people.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let data: string;
const cert: Record<string, string[]> = {};

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } };
}

async function run(args: string[]) {
  const c = capture();
  const vault = args[0] === 'export' ? [] : ['--passphrase-file', join(dir.path, 'frase')];
  const code = await main([...args, '--data-dir', data, ...vault], c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

beforeAll(async () => {
  dir = await tempDir('sesiona-identity-cli-');
  data = join(dir.path, 'datos');
  const ca = join(dir.path, 'ca');
  await initCa(ca, { password: 'clave de la CA 2026' });
  await writeFile(join(dir.path, 'key-pw'), 'contraseña firmante\n');
  await writeFile(join(dir.path, 'frase'), 'frase de acceso de la oficina\n');
  await writeFile(join(dir.path, 'admin-pw'), 'clave-de-administracion\n');
  await writeFile(join(dir.path, 'sec-pw'), 'clave-de-secretaria\n');
  for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ']) {
    const c = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA 2026', name, rfc: DEMO_RFCS[name]!, password: 'contraseña firmante', outDir: join(dir.path, name) });
    cert[name] = ['--cer', c.certificatePath, '--key', c.keyPath, '--password-file', join(dir.path, 'key-pw')];
  }
});
afterAll(async () => {
  await dir.cleanup();
});

describe('sesiona people / users / acta / documents', () => {
  it('records ids, creates accounts, drafts, locks and signs an acta, refusing a certificate in the wrong box', async () => {
    const people = JSON.parse((await run(['people', 'list', '--json'])).out) as PersonView[];
    expect(people.filter((p) => p.name === 'VIRIDIANA VILLASEÑOR AGUIRRE')).toHaveLength(1);
    const id = (name: string) => people.find((p) => p.name === name)!.id;

    const badRfc = await run(['people', 'set', '--person', id('CAROL BERENICE ARELLANO RANGEL'), '--rfc', 'AERC800101AB1']);
    expect(badRfc.code).toBe(1);
    expect(badRfc.err).toMatch(/^error: invalid input/);
    for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'MARÍA DE LOURDES BECERRA PÉREZ']) {
      expect((await run(['people', 'set', '--person', id(name), '--rfc', DEMO_RFCS[name]!])).code).toBe(0);
    }

    expect((await run(['users', 'add', '--username', 'admin', '--password-file', join(dir.path, 'admin-pw'), '--role', 'admin'])).code).toBe(0);
    const noPerson = await run(['users', 'add', '--username', 'lourdes', '--password-file', join(dir.path, 'sec-pw'), '--role', 'secretaria']);
    expect(noPerson.code).toBe(2);
    const sec = await run([
      'users', 'add', '--username', 'lourdes', '--password-file', join(dir.path, 'sec-pw'), '--role', 'secretaria',
      '--person', id('MARÍA DE LOURDES BECERRA PÉREZ'), '--commission', 'CMI', '--user', 'admin', '--user-password-file', join(dir.path, 'admin-pw'),
    ]);
    expect(sec.code, sec.err).toBe(0);

    const wrongPw = await run(['acta', 'create', '--session', 'IEM-CMI-SEORD-03/2023', '--user', 'lourdes', '--password-file', join(dir.path, 'admin-pw')]);
    expect(wrongPw.code).toBe(2);
    expect(wrongPw.err).toMatch(/cannot sign in as lourdes/);
    const created = await run(['acta', 'create', '--session', 'IEM-CMI-SEORD-03/2023', '--user', 'lourdes', '--password-file', join(dir.path, 'sec-pw')]);
    expect(created.code, created.err).toBe(0);
    const docId = created.out.trim();
    expect(docId).toMatch(/^[0-9A-Z]{26}$/);
    const locked = await run(['documents', 'lock', '--document', docId, '--user', 'lourdes', '--password-file', join(dir.path, 'sec-pw')]);
    expect(locked.code, locked.err).toBe(0);

    const carol = id('CAROL BERENICE ARELLANO RANGEL');
    const araceli = id('ARACELI GUTIÉRREZ CORTÉZ');
    expect((await run(['documents', 'sign', '--document', docId, '--person', carol, ...cert['CAROL BERENICE ARELLANO RANGEL']!])).code).toBe(0);
    const wrong = await run(['documents', 'sign', '--document', docId, '--person', araceli, ...cert['CAROL BERENICE ARELLANO RANGEL']!]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe(
      `error: the certificate belongs to CAROL BERENICE ARELLANO RANGEL (RFC ${DEMO_RFCS['CAROL BERENICE ARELLANO RANGEL']}), not to MTRA. ARACELI GUTIÉRREZ CORTÉZ (RFC ${DEMO_RFCS['ARACELI GUTIÉRREZ CORTÉZ']}); nothing was signed`,
    );
    const afterWrong = (JSON.parse((await run(['documents', 'list', '--json'])).out) as DocumentSummary[]).find((d) => d.id === docId)!;
    expect(afterWrong.signers.map((s) => s.status)).toEqual(['firmado', 'pendiente', 'pendiente', 'pendiente']);
    expect((await run(['documents', 'sign', '--document', docId, '--person', araceli, ...cert['ARACELI GUTIÉRREZ CORTÉZ']!])).code).toBe(0);

    const list = await run(['documents', 'list']);
    expect(list.out).toMatch(new RegExp(`${docId}  bloqueado  2/4 signed  Acta IEM-CMI-SEORD-03/2023`));

    const exported = JSON.parse((await run(['export'])).out) as { collections: { documents: unknown[]; incidents: { kind: string; detail: string }[] } };
    expect(exported.collections.documents).toHaveLength(1);
    expect(exported.collections.incidents).toMatchObject([{ kind: 'firma-ajena', detail: expect.stringContaining('no de MTRA. ARACELI GUTIÉRREZ CORTÉZ') }]);
  });

  it('verify --json reports, from the file alone, a box signed by someone other than the person printed under it', async () => {
    const { readFile } = await import('node:fs/promises');
    const { signPdfAsync } = await import('../../src-main/services/pdfsign/incremental.js');
    const { createSigner } = await import('../../src-main/services/certificates/signer.js');
    const { loadSatCredentials } = await import('../../src-main/services/certificates/sat.js');
    const { boxFieldName } = await import('../../src-main/services/documents/box-match.js');
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage([612, 792]);
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    const [, cer, , key] = cert['CAROL BERENICE ARELLANO RANGEL']!;
    const signer = createSigner(loadSatCredentials(await readFile(cer!), await readFile(key!), 'contraseña firmante'));
    const signed = await signPdfAsync(pdf, signer, { name: 'x', signingTime: new Date(), fieldName: boxFieldName('MTRA. ARACELI GUTIÉRREZ CORTÉZ'), visible: { page: 0, rect: [72, 72, 272, 152] } });
    const file = join(dir.path, 'ajena.pdf');
    await writeFile(file, signed);
    const c = capture();
    expect(await main(['verify', file, '--json'], c.io)).toBe(1);
    const report = JSON.parse(c.out.join('\n')) as VerificationReport;
    expect(report.signatures[0]!.integrity).toBe(true);
    expect(report.allValid).toBe(false);
    expect(report.boxes).toMatchObject([{ personName: 'MTRA ARACELI GUTIÉRREZ CORTÉZ', signerName: 'CAROL BERENICE ARELLANO RANGEL', matches: false, by: 'nombre' }]);
    const text = capture();
    expect(await main(['verify', file], text.io)).toBe(1);
    expect(text.out.join('\n')).toContain('box: SIGNER IS NOT THE PERSON PRINTED UNDER IT (MTRA ARACELI GUTIÉRREZ CORTÉZ)');
  });
});
