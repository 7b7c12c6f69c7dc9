import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { initCa, issueCertificate, issueP12 } from '../../src-main/services/certificates/test-ca.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let sat: string[];
let p12: string[];
let trust: string;
let expiredArgs: string[];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } };
}

async function onePage(path: string, text: string) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText(text, { x: 72, y: 700, size: 12, font });
  await writeFile(path, await doc.save());
}

beforeAll(async () => {
  dir = await tempDir('sesiona-cli-sign-');
  const ca = join(dir.path, 'ca');
  await initCa(ca, { password: 'clave de la CA 2026' });
  trust = join(ca, 'ca.cer');
  await writeFile(join(dir.path, 'pw'), 'contraseña firmante\n');
  await writeFile(join(dir.path, 'wrong'), 'otra contraseña\n');
  const c = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA 2026', name: 'CAROL BERENICE ARELLANO RANGEL', rfc: 'AERC800101AB1', password: 'contraseña firmante', outDir: join(dir.path, 'c') });
  sat = ['--cer', c.certificatePath, '--key', c.keyPath, '--password-file', join(dir.path, 'pw')];
  const p = await issueP12({ caDir: ca, caPassword: 'clave de la CA 2026', name: 'ARACELI GUTIÉRREZ CORTÉZ', rfc: 'GUCA800101AB2', password: 'contraseña firmante', outDir: join(dir.path, 'p') });
  p12 = ['--p12', p.p12Path, '--password-file', join(dir.path, 'pw')];
  const e = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA 2026', name: 'HUMBERTO URQUIZA MARTÍNEZ', rfc: 'UUMH700101AB3', password: 'contraseña firmante', outDir: join(dir.path, 'e'), notBefore: new Date('2019-01-01T00:00:00Z'), validDays: 365 });
  expiredArgs = ['--cer', e.certificatePath, '--key', e.keyPath, '--password-file', join(dir.path, 'pw')];
  await onePage(join(dir.path, 'acta.pdf'), 'Acta IEM-CMI-SEORD-03/2023');
});
afterAll(async () => {
  await dir.cleanup();
});

describe('sesiona sign / verify', () => {
  it('signs twice (e.firma then PKCS#12) and verify reports both valid and trusted', async () => {
    const a = join(dir.path, 'a.pdf');
    const b = join(dir.path, 'b.pdf');
    expect(await main(['sign', '--in', join(dir.path, 'acta.pdf'), '--out', a, ...sat, '--reason', 'Aprobación del acta'], capture().io)).toBe(0);
    expect(await main(['sign', '--in', a, '--out', b, ...p12], capture().io)).toBe(0);
    const v = capture();
    expect(await main(['verify', b, '--json', '--trust', trust], v.io)).toBe(0);
    const report = JSON.parse(v.out.join('\n')) as { allValid: boolean; signatures: { rfc: string; chainTrusted: boolean; integrity: boolean }[] };
    expect(report.allValid).toBe(true);
    expect(report.signatures.map((s) => [s.rfc, s.integrity, s.chainTrusted])).toEqual([
      ['AERC800101AB1', true, true],
      ['GUCA800101AB2', true, true],
    ]);
  });

  it('says INVALID for a changed byte and MODIFIED for appended content, with exit 1', async () => {
    const a = join(dir.path, 'a.pdf');
    const bytes = await readFile(a);
    const flipped = Buffer.from(bytes);
    // A byte of the binary comment after the header: inside the first signed range, harmless to parsers.
    expect(flipped.subarray(0, 8).toString()).toMatch(/^%PDF-1\.\d/);
    flipped[10]! ^= 0x01;
    await writeFile(join(dir.path, 'tampered.pdf'), flipped);
    const t = capture();
    expect(await main(['verify', join(dir.path, 'tampered.pdf')], t.io)).toBe(1);
    expect(t.out.join('\n')).toMatch(/INVALID/);
    const appended = join(dir.path, 'appended.pdf');
    await writeFile(appended, bytes);
    await appendFile(appended, '\n% añadido después de firmar\n1 0 obj\n<< >>\nendobj\n');
    const m = capture();
    expect(await main(['verify', appended], m.io)).toBe(1);
    expect(m.out.join('\n')).toMatch(/MODIFIED AFTER SIGNING/);
  });

  it('leaves no output file when signing fails, and explains why in English', async () => {
    const out = join(dir.path, 'never.pdf');
    const wrong = capture();
    expect(await main(['sign', '--in', join(dir.path, 'acta.pdf'), '--out', out, ...sat.slice(0, 4), '--password-file', join(dir.path, 'wrong')], wrong.io)).toBe(1);
    expect(wrong.err.join('')).toMatch(/^error: wrong password/);
    const exp = capture();
    expect(await main(['sign', '--in', join(dir.path, 'acta.pdf'), '--out', out, ...expiredArgs], exp.io)).toBe(1);
    expect(exp.err.join('')).toMatch(/venció/);
    await writeFile(join(dir.path, 'not.pdf'), 'esto no es un PDF');
    const notPdf = capture();
    expect(await main(['sign', '--in', join(dir.path, 'not.pdf'), '--out', out, ...sat], notPdf.io)).toBe(1);
    expect(existsSync(out)).toBe(false);
    const notSigned = capture();
    expect(await main(['verify', join(dir.path, 'acta.pdf')], notSigned.io)).toBe(1);
    expect(notSigned.err.join('')).toMatch(/not a signed PDF/);
    expect(await main(['sign', '--in', join(dir.path, 'acta.pdf'), '--out', out, ...sat, ...p12], capture().io)).toBe(2);
  });

  it('signs a folder with a progress line', async () => {
    const inDir = join(dir.path, 'in');
    const outDir = join(dir.path, 'out');
    await mkdir(inDir);
    await mkdir(outDir);
    for (let i = 1; i <= 12; i++) await onePage(join(inDir, `acuse-${i}.pdf`), `Acuse ${i}`);
    const run = capture();
    expect(await main(['sign-batch', '--in-dir', inDir, '--out-dir', outDir, ...sat], run.io)).toBe(0);
    expect(run.err.join('\n')).toMatch(/signed 12\/12/);
    expect(run.err.at(-1)).toMatch(/^12 signed, 0 failed/);
    expect((await readdir(outDir)).filter((f) => f.endsWith('.pdf'))).toHaveLength(12);
    const v = capture();
    expect(await main(['verify', join(outDir, 'acuse-7.pdf'), '--trust', trust], v.io)).toBe(0);
  });

  it('without a trusted root says "intact but untrusted" and exits 1 unless --allow-untrusted', async () => {
    const a = join(dir.path, 'untrusted.pdf');
    await onePage(join(dir.path, 'untrusted-in.pdf'), 'Acuse');
    expect(await main(['sign', '--in', join(dir.path, 'untrusted-in.pdf'), '--out', a, ...sat], capture().io)).toBe(0);
    const plain = capture();
    expect(await main(['verify', a], plain.io)).toBe(1);
    expect(plain.out.join('\n')).toMatch(/INTACT BUT UNTRUSTED ISSUER/);
    expect(plain.err.join('\n')).toMatch(/does not chain to a trusted root/);
    expect(await main(['verify', a, '--allow-untrusted'], capture().io)).toBe(0);
    const json = capture();
    expect(await main(['verify', a, '--json'], json.io)).toBe(1);
    const report = JSON.parse(json.out.join('')) as { allValid: boolean; allIntact: boolean; signatures: { verdict: string; integrity: boolean; chainTrusted: boolean | null }[] };
    expect(report).toMatchObject({ allValid: false, allIntact: true });
    expect(report.signatures[0]).toMatchObject({ verdict: 'untrusted', integrity: true, chainTrusted: null });
  });
});
