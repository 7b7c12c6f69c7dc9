import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCa, issueCertificate, issueP12 } from '../../src-main/services/certificates/test-ca.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { tempDir } from '../support/temp.js';

const PW = 'contraseña firmante';
let browser: Browser;
let dir: Awaited<ReturnType<typeof tempDir>>;
let host: HostProcess;
let carol: { cer: string; key: string };
let araceli: string;
let expired: { cer: string; key: string };
let caCer: string;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  dir = await tempDir('sesiona-e2e-acta-');
  const ca = join(dir.path, 'ca');
  await initCa(ca, { password: 'clave de la CA 2026' });
  const c = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA 2026', name: 'CAROL BERENICE ARELLANO RANGEL', rfc: 'AERC800101AB9', password: PW, outDir: join(dir.path, 'carol') });
  carol = { cer: c.certificatePath, key: c.keyPath };
  araceli = (await issueP12({ caDir: ca, caPassword: 'clave de la CA 2026', name: 'ARACELI GUTIÉRREZ CORTÉZ', rfc: 'GUCA800101AB0', password: PW, outDir: join(dir.path, 'araceli') })).p12Path;

  const e = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA 2026', name: 'HUMBERTO URQUIZA MARTÍNEZ', rfc: 'UUMH700101AB3', password: PW, outDir: join(dir.path, 'humberto'), notBefore: new Date('2019-01-01T00:00:00Z'), validDays: 365 });
  expired = { cer: e.certificatePath, key: e.keyPath };
  host = await startHostProcess(join(dir.path, 'datos'));
  await host.call('vault.unlock', { passphrase: 'frase de acceso de prueba' });
  const points = Array.from({ length: 60 }, (_, i) => ({ x: 20 + i * 6, y: 60 + 30 * Math.sin(i / 5), time: i * 16, pressure: 0.5 }));
  const enrolled = await host.call('signatures.enroll', {
    personName: 'CAROL BERENICE ARELLANO RANGEL',
    pin: '2023',
    capture: { strokes: [{ points }, { points: points.slice(10, 30).map((p) => ({ ...p, y: p.y + 40 })) }], canvas: { width: 420, height: 160, pixelRatio: 1 } },
  });
  expect(enrolled.status).toBe(200);
  caCer = join(ca, 'ca.cer');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await dir?.cleanup();
});

describe('signing an acta in the browser', () => {
  it('a commissioner signs the locked acta (handwritten + e.firma), then a second signer; both verify as valid', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(host.url);
    // The office adds the institutional CA to its trust store.
    await page.getByRole('link', { name: 'Ajustes' }).click();
    await page.getByLabel(/Agregar certificado raíz/).setInputFiles(caCer);
    await page.getByRole('button', { name: 'Agregar a la lista de confianza' }).click();
    await page.getByText('Autoridad Certificadora de Pruebas de Sesiona').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ajustes-confianza.png'), fullPage: true });
    // Carol imports her e.firma once and keeps the key sealed on this laptop.
    await page.getByRole('link', { name: 'Firmas' }).click();
    await page.getByLabel('Certificado (.cer)').setInputFiles(carol.cer);
    await page.getByLabel('Clave privada (.key)').setInputFiles(carol.key);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByRole('button', { name: 'Importar certificado' }).click();
    const card = page.getByLabel('Certificado de CAROL BERENICE ARELLANO RANGEL');
    await card.waitFor();
    expect(await card.innerText()).toMatch(/RFC\s+AERC800101AB9[\s\S]*Número de certificado\s+\d{20}[\s\S]*Guardada cifrada en este equipo/);
    await page.getByLabel('Certificado (.cer)').setInputFiles(expired.cer);
    await page.getByLabel('Clave privada (.key)').setInputFiles(expired.key);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByLabel(/Guardar la clave privada cifrada/).uncheck();
    await page.getByRole('button', { name: 'Importar certificado' }).click();
    const old = page.getByLabel('Certificado de HUMBERTO URQUIZA MARTÍNEZ');
    await old.waitFor();
    expect(await old.getByRole('note').innerText()).toMatch(/venció/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'certificados.png'), fullPage: true });

    await page.getByRole('link', { name: 'Sesiones' }).click();
    await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).click();
    await page.getByRole('button', { name: 'Generar acta' }).click();
    await page.getByRole('heading', { name: 'Acta IEM-CMI-SEORD-03/2023' }).waitFor();

    // Order is configurable until the lock: move the technical secretary up one place and back.
    await page.getByRole('button', { name: 'Subir a MARÍA DE LOURDES BECERRA PÉREZ' }).click();
    await page.getByText('Orden de firma actualizado.').waitFor();
    await expect.poll(() => page.locator('tbody tr').nth(2).innerText()).toContain('MARÍA DE LOURDES BECERRA PÉREZ');
    await page.getByRole('button', { name: 'Bajar a MARÍA DE LOURDES BECERRA PÉREZ' }).click();
    await expect.poll(() => page.locator('tbody tr').nth(3).innerText()).toContain('MARÍA DE LOURDES BECERRA PÉREZ');
    await page.getByRole('button', { name: 'Bloquear para firma' }).click();
    await page.getByText('Documento bloqueado para firma.').waitFor();

    await page.getByRole('heading', { name: 'Firma de LICDA. CAROL BERENICE ARELLANO RANGEL' }).waitFor();
    const stored = page.locator('option', { hasText: 'Certificado guardado: CAROL BERENICE ARELLANO RANGEL' });
    await page.getByLabel('Tipo de certificado').selectOption((await stored.getAttribute('value'))!);
    await page.getByLabel('Contraseña de la clave privada').fill('no es la contraseña');
    await page.getByRole('button', { name: 'Firmar' }).click();
    await page.getByRole('alert').filter({ hasText: /contraseña/i }).waitFor();

    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByLabel('Firma autógrafa en el recuadro').selectOption({ label: 'CAROL BERENICE ARELLANO RANGEL' });
    await page.getByLabel('PIN de la firma autógrafa').fill('2023');
    await page.getByRole('button', { name: 'Firmar' }).click();
    await page.getByText('Firma de LICDA. CAROL BERENICE ARELLANO RANGEL aplicada.').waitFor();

    await page.getByRole('heading', { name: 'Firma de MTRA. ARACELI GUTIÉRREZ CORTÉZ' }).waitFor();
    await page.getByLabel('Tipo de certificado').selectOption('p12');
    await page.getByLabel('Archivo .p12 / .pfx').setInputFiles(araceli);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByRole('button', { name: 'Firmar' }).click();
    await page.getByText('Firma de MTRA. ARACELI GUTIÉRREZ CORTÉZ aplicada.').waitFor();

    await page.getByRole('button', { name: 'Verificar firmas' }).click();
    const panel = page.getByRole('region', { name: 'Verificación de firmas' });
    await panel.getByRole('heading', { name: 'Todas las firmas son válidas' }).waitFor();
    const rows = panel.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const i of [0, 1]) expect(await rows.nth(i).innerText()).toMatch(/Válida\s+Confiable/);
    expect(await rows.nth(0).innerText()).toContain('AERC800101AB9');
    expect(await rows.nth(1).innerText()).toContain('GUCA800101AB0');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acta-verificada.png'), fullPage: true });

    // Someone holding the printed copy types its QR text.
    const payload = await page.locator('.mono', { hasText: /^SESIONA\|1\|/ }).innerText();
    await page.getByLabel('Contenido del código QR de la copia').fill(payload);
    await page.getByRole('button', { name: 'Comprobar copia' }).click();
    await page.getByText(/La copia impresa corresponde al documento firmado \(2 firma\(s\) válidas, sello válido\)/).waitFor();
    await page.getByLabel('Contenido del código QR de la copia').fill(payload.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
    await page.getByRole('button', { name: 'Comprobar copia' }).click();
    await page.getByText('La copia impresa NO corresponde al documento firmado.').waitFor();

    // The hoja de firmas as printed: Carol's box carries ink and her certificate details.
    const docs = await host.call<{ id: string; kind: string }[]>('documents.list');
    const acta = docs.body.value!.find((d) => d.kind === 'acta')!;
    const pdf = join(dir.path, 'acta.pdf');
    await writeFile(pdf, Buffer.from((await host.call<{ base64: string }>('documents.pdf', { id: acta.id })).body.value!.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-f', '3', '-l', '3', '-r', '80', '-png', '-singlefile', pdf, join(SCREENSHOT_DIR, 'acta-constancia')]);
    expect(text).toContain('Firmado electrónicamente por CAROL BERENICE ARELLANO RANGEL');
    expect(text).toContain('Firmado electrónicamente por ARACELI GUTIÉRREZ CORTÉZ');
    execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '110', '-png', '-singlefile', pdf, join(SCREENSHOT_DIR, 'hoja-de-firmas')]);
    const sig = execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
    expect(sig.match(/Signature is Valid/g)).toHaveLength(2);
    await page.close();
  });
});
