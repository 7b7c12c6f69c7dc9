import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { rubricaRect } from '../../src-main/services/documents/rubrica.js';
import type { DocumentSummary } from '../../src-shared/contract/calls.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, stopE2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';
import { CA_PASSWORD, openOffice, signInAs, switchUser } from '../support/office.js';
import { darkPixels, renderGrayPages } from '../support/page-ink.js';
import { DEMO_RFCS } from '../support/people.js';
import { tempDir } from '../support/temp.js';
import { touchStroke } from '../support/touch.js';

const PW = 'contraseña firmante';
const CAROL = 'CAROL BERENICE ARELLANO RANGEL';
const LOURDES = 'MARÍA DE LOURDES BECERRA PÉREZ';
const ACCOUNTS = { lourdes: 'clave-de-lourdes', carol: 'clave-de-carol' } as const;
const DPI = 100;
let browser: Browser;
let dir: Awaited<ReturnType<typeof tempDir>>;
let host: HostProcess;
let carol: { cer: string; key: string };

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  dir = await tempDir('sesiona-e2e-rubrica-');
  const office = await openOffice(
    dir.path,
    {
      lourdes: { role: 'secretaria', name: LOURDES, password: ACCOUNTS.lourdes },
      carol: { role: 'consejeria', name: CAROL, password: ACCOUNTS.carol },
    },
    'lourdes',
  );
  host = office.host;
  const c = await issueCertificate({ caDir: office.ca, caPassword: CA_PASSWORD, name: CAROL, rfc: DEMO_RFCS[CAROL]!, password: PW, outDir: join(dir.path, 'carol') });
  carol = { cer: c.certificatePath, key: c.keyPath };
  // Her full signature for the box was enrolled earlier (the acta e2e enrolls one on screen); the rúbrica is enrolled below.
  const points = Array.from({ length: 60 }, (_, i) => ({ x: 20 + i * 6, y: 60 + 30 * Math.sin(i / 5), time: i * 16, pressure: 0.5 }));
  const enrolled = await host.call('signatures.enroll', { personId: office.id(CAROL), pin: '202323', capture: { strokes: [{ points }], canvas: { width: 420, height: 160, pixelRatio: 1 } } });
  expect(enrolled.status).toBe(200);
  await host.call('auth.signOut');
  browser = await launchBrowser();
});
afterAll(() => stopE2E({ browser, host, dir }));

/** A short stroke as a finger draws it: many small moves. */
function stroke(x0: number, y0: number, dx: number, dy: number, steps = 14): [number, number][] {
  return Array.from({ length: steps + 1 }, (_, i) => [x0 + (dx * i) / steps, y0 + (dy * i) / steps + 6 * Math.sin((i / steps) * Math.PI)]);
}

const informe = async () => (await host.call<DocumentSummary[]>('documents.list')).body.value!.find((d) => d.kind === 'informe')!;
const pdfOf = async (id: string) => Buffer.from((await host.call<{ base64: string }>('documents.pdf', { id })).body.value!.base64, 'base64');

describe('a commissioner enrolls a rúbrica on screen and signs an informe with it (1366×768, touch)', () => {
  it('stamps her initials in the margin of every page, in a signature pdfsig finds valid over the whole file; a wrong PIN stamps nothing', async () => {
    const page = await openPage(browser, { hasTouch: true, acceptDownloads: true });
    await page.goto(host.url);
    await signInAs(page, 'LOURDES', ACCOUNTS.lourdes);

    // The secretary prepares the second informe for signing and locks it.
    await page.getByRole('link', { name: 'Informes' }).tap();
    // Two taps landing at once (before the screen disables the button) keep one document.
    await page.getByRole('button', { name: 'Preparar informe para firma' }).evaluate((b: { click(): void }) => {
      b.click();
      b.click();
    });
    await page.getByRole('heading', { name: 'Segundo informe cuatrimestral 2023 — CMI' }).waitFor();
    expect((await host.call<DocumentSummary[]>('documents.list')).body.value!.filter((d) => d.kind === 'informe')).toHaveLength(1);
    await page.getByRole('button', { name: 'Bloquear para firma' }).tap();
    await page.getByRole('alertdialog', { name: 'Confirmar el bloqueo' }).getByRole('button', { name: 'Sí, bloquear' }).tap();
    await page.getByText('Documento bloqueado para firma.').waitFor();
    const locked = await informe();
    const unsigned = await pdfOf(locked.id);

    // Carol takes the laptop and enrolls her rúbrica: two short strokes, with her PIN.
    await switchUser(page, 'CAROL', ACCOUNTS.carol);
    await page.getByRole('link', { name: 'Firmas' }).tap();
    await page.getByRole('button', { name: 'Registrar firma' }).tap();
    await page.getByLabel('Qué registra').selectOption({ label: 'Rúbrica (iniciales en cada página)' });
    await page.getByLabel('Persona que firma').selectOption({ label: `LICDA. ${CAROL}` });
    await page.getByLabel('PIN (6 a 12 dígitos)').fill('135790');
    await page.getByLabel('Confirme el PIN').fill('135790');
    const box = (await page.locator('canvas.pad-canvas').boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    await touchStroke(cdp, stroke(box.x + 80, box.y + 60, 60, 80));
    await touchStroke(cdp, stroke(box.x + 160, box.y + 140, 90, -70));
    await page.getByText('2 trazo(s) capturado(s).').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'rubrica-registro.png') });
    // Clicked, as the signature e2e does: in the full CI run a tap right after the CDP touch strokes saved nothing (twice; never alone).
    await page.getByRole('button', { name: 'Guardar rúbrica' }).click();
    // A refusal shows as an alert and fails with its text.
    const saved = page.getByText(`Rúbrica de LICDA. ${CAROL} registrada y cifrada.`);
    await saved.or(page.getByRole('alert')).first().waitFor({ timeout: 90_000 });
    if (!(await saved.isVisible())) throw new Error(`the rúbrica was not saved: ${await page.getByRole('alert').first().textContent()}`);

    // She opens the informe and signs her box: e.firma, her signature in the box, her rúbrica (the newest is chosen).
    await page.getByRole('navigation').getByRole('link', { name: 'Documentos' }).tap();
    await page.getByRole('link', { name: 'Segundo informe cuatrimestral 2023 — CMI' }).tap();
    await page.getByRole('heading', { name: `Firma de ${locked.signers[0]!.name}` }).waitFor();
    await page.getByLabel('Certificado (.cer)').setInputFiles(carol.cer);
    await page.getByLabel('Clave privada (.key)').setInputFiles(carol.key);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByLabel('Firma autógrafa en el recuadro').selectOption({ index: 1 });
    await page.getByLabel('PIN de la firma autógrafa').fill('202323');
    expect(await page.getByLabel('Rúbrica en el margen de cada página').locator('option:checked').innerText()).toMatch(/^Rúbrica de LICDA\. CAROL/);
    await page.getByLabel('PIN de la rúbrica').fill('000000');
    await page.getByRole('button', { name: 'Firmar' }).tap();
    const refused = page.getByRole('alert').filter({ hasText: 'PIN de la rúbrica incorrecto' });
    await refused.waitFor();
    expect(await refused.innerText()).toBe('PIN de la rúbrica incorrecto. Le quedan 4 intento(s).');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'rubrica-pin-incorrecto.png') });
    // Nothing was stamped: the box is still pending and the file is the locked one, byte for byte.
    expect((await informe()).signers[0]!.status).toBe('pendiente');
    expect((await pdfOf(locked.id)).equals(unsigned)).toBe(true);

    await page.getByLabel('PIN de la rúbrica').fill('135790');
    if (!(await page.getByLabel('Contraseña de la clave privada').inputValue())) await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByRole('button', { name: 'Firmar' }).tap();
    await page.getByText(`Firma de ${locked.signers[0]!.name} aplicada (1 de 4 firmas).`).waitFor();
    await page.getByRole('region', { name: 'Lectura del documento' }).getByText(/^Página 1 de \d+$/).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'rubrica-firmado.png') });

    // The signed file as staff download it.
    await page.getByRole('navigation').getByRole('link', { name: 'Documentos' }).tap();
    const row = page.getByRole('row', { name: /Segundo informe cuatrimestral 2023/ });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Descargar PDF' }).tap()]);
    const signedPath = join(dir.path, 'informe-firmado.pdf');
    await download.saveAs(signedPath);
    await page.context().close();
    const unsignedPath = join(dir.path, 'informe-bloqueado.pdf');
    await writeFile(unsignedPath, unsigned);

    // Every page but the hoja de firmas has her ink in its right margin, where the locked file had none.
    const before = renderGrayPages(unsignedPath, DPI);
    const after = renderGrayPages(signedPath, DPI);
    expect(after).toHaveLength(before.length);
    expect(after.length).toBeGreaterThan(14);
    const boxPage = locked.signers[0]!.page;
    after.forEach((img, i) => {
      const rect = rubricaRect({ width: 612, height: 792 }, 0);
      if (i === boxPage) return;
      expect(darkPixels(before[i]!, rect, DPI), `page ${i + 1} before`).toBe(0);
      expect(darkPixels(img, rect, DPI), `page ${i + 1} after`).toBeGreaterThan(30);
    });
    // On the hoja de firmas her full signature stands in her box instead.
    const [x1, y1, x2, y2] = locked.signers[0]!.rect;
    expect(darkPixels(after[boxPage]!, [x1, y1, x2, y2], DPI)).toBeGreaterThan(darkPixels(before[boxPage]!, [x1, y1, x2, y2], DPI) + 30);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '4', signedPath, join(SCREENSHOT_DIR, 'rubrica-informe')]);

    const sig = execFileSync('pdfsig', [signedPath], { encoding: 'utf8' });
    expect(sig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(1);
    expect(sig).toContain('Total document signed');
    expect((await readFile(signedPath)).equals(await pdfOf(locked.id))).toBe(true);
  }, 240_000);
});
