import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-shared/domain/index.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { makePng } from '../support/images.js';
import { readPgm } from '../support/pgm.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { tempDir } from '../support/temp.js';

let browser: Browser;
let context: BrowserContext;
let dir: Awaited<ReturnType<typeof tempDir>>;
let host: HostProcess;
const blocked: string[] = [];
let cmiId = '';

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  dir = await tempDir('sesiona-e2e-session-changes-');
  host = await startHostProcess(dir.path);
  browser = await launchBrowser();
  // The secretary's touchscreen laptop, with the network off: only the local host answers.
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(host.origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  const commissions = await host.call<{ id: string; acronym: string }[]>('commissions.list', {});
  cmiId = commissions.body.value!.find((c) => c.acronym === 'CMI')!.id;
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.stop();
  await dir?.cleanup();
  expect(blocked).toEqual([]);
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

async function ok<T>(name: string, args: unknown): Promise<T> {
  const reply = await host.call<T>(name, args);
  if (!reply.body.ok) throw new Error(`${name}: ${reply.body.error?.message}`);
  return reply.body.value!;
}

/** A session made through the service, with its agenda, optionally convened. */
async function session(date: string, agenda: string[], convene = false): Promise<Session> {
  const s = await ok<Session>('sessions.create', { commissionId: cmiId, type: 'ordinaria', date, time: '10:00', modality: 'virtual', agenda });
  if (convene) await ok('sessions.convene', { id: s.id });
  return s;
}

const stored = async (id: string) => (await ok<{ session: Session }>('sessions.get', { id })).session;

/** The session's page, opened the way the secretary reaches it: from the list. */
async function open(s: Session): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(host.url);
  await page.getByRole('link', { name: s.key }).tap();
  await page.getByRole('heading', { name: s.key }).waitFor();
  return page;
}

describe('changing a session after it was made, on a 1366×768 touchscreen', () => {
  it('renumbers a convened session only after an explicit confirmation, and keeps the old key', async () => {
    const s = await session('2023-11-27', ['INFORME DE ACTIVIDADES.'], true);
    const page = await open(s);
    await page.getByText('Convocada', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Editar datos' }).tap();
    const form = page.getByRole('form', { name: 'Editar datos de la sesión' });
    await form.getByLabel('Tipo').selectOption('extraordinaria');
    await form.getByRole('button', { name: 'Guardar cambios' }).tap();
    const newKey = s.key.replace('SEORD', 'SEEXT');
    await form.getByText(`La sesión ya fue convocada con la clave ${s.key}; este cambio la volvería ${newKey}. Confirme el cambio de clave para continuar.`).waitFor();
    await page.getByRole('heading', { name: s.key }).waitFor();
    expect((await stored(s.id)).key).toBe(s.key);
    await shot(page, 'sesion-renumerar-confirmacion');

    await form.getByLabel('Confirmo el cambio de clave de una sesión ya convocada').tap();
    await form.getByRole('button', { name: 'Guardar cambios' }).tap();
    await page.getByRole('heading', { name: newKey }).waitFor();
    await page.getByText(`Antes: ${s.key}`).waitFor();
    expect(await stored(s.id)).toMatchObject({ key: newKey, type: 'extraordinaria', previousKeys: [s.key], status: 'convocada' });
    await shot(page, 'sesion-renumerada');
    await page.close();
  });

  it('cancels a session only with a reason, and shows it', async () => {
    const s = await session('2023-12-11', ['ASUNTOS GENERALES.']);
    const page = await open(s);
    await page.getByRole('button', { name: 'Cancelar sesión' }).tap();
    const form = page.getByRole('form', { name: 'Cancelar sesión' });
    await form.getByRole('button', { name: 'Confirmar cancelación' }).tap();
    await form.getByText('Indique el motivo de la cancelación').waitFor();
    expect((await stored(s.id)).status).toBe('programada');

    await form.getByLabel('Motivo de la cancelación').fill('No se reúne el quórum: dos consejeras en comisión oficial.');
    await form.getByRole('button', { name: 'Confirmar cancelación' }).tap();
    await page.getByText('Cancelada: No se reúne el quórum: dos consejeras en comisión oficial.').waitFor();
    await page.locator('.page-header').getByText('Cancelada', { exact: true }).waitFor();
    // A cancelled session offers nothing more to change.
    expect(await page.getByRole('button', { name: 'Editar datos' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Convocar' }).count()).toBe(0);
    expect(await page.getByText('Para reordenar').count()).toBe(0);
    expect(await stored(s.id)).toMatchObject({ status: 'cancelada', cancelReason: 'No se reúne el quórum: dos consejeras en comisión oficial.' });
    await shot(page, 'sesion-cancelada');
    await page.close();
  });

  it('attaches a document to an agenda item with its status, refuses a file of another kind, and gives the file back', async () => {
    const s = await session('2023-10-16', ['INFORME DE LA RED.', 'PROYECTO DE LINEAMIENTOS PARA EL USO DE LA FIRMA ELECTRÓNICA.']);
    const page = await open(s);
    await page.getByRole('tab', { name: 'Documentos' }).tap();
    const form = page.getByRole('form', { name: 'Adjuntar documento' });
    await form.getByLabel('Título del documento').fill('Lineamientos para el uso de la firma electrónica');
    const item = form.getByLabel('Punto del orden del día');
    expect(await item.locator('option').allTextContents()).toEqual(['PRIMERO. INFORME DE LA RED.', 'SEGUNDO. PROYECTO DE LINEAMIENTOS PARA EL USO DE LA FIRMA ELECTRÓNICA…']);
    await item.selectOption({ index: 1 });
    await form.getByLabel('Estatus').selectOption('aprobado');
    await form.getByLabel('Género del documento').selectOption('si');
    const fileInput = form.getByLabel('Archivo (PDF, DOCX o imagen)');

    await form.getByRole('button', { name: 'Adjuntar' }).tap();
    await form.getByText('Elija el archivo del documento.').waitFor();
    await fileInput.setInputFiles({ name: 'lineamientos.pdf', mimeType: 'application/pdf', buffer: Buffer.from('no es un PDF, solo texto') });
    await form.getByRole('button', { name: 'Adjuntar' }).tap();
    await form.getByText('Solo se admiten documentos PDF, DOCX o imágenes PNG y JPEG.').waitFor();
    expect((await stored(s.id)).documents).toEqual([]);

    const pdf = await onePagePdf('LINEAMIENTOS PARA EL USO DE LA FIRMA ELECTRÓNICA');
    await fileInput.setInputFiles({ name: 'lineamientos.pdf', mimeType: 'application/pdf', buffer: pdf });
    await form.getByRole('button', { name: 'Adjuntar' }).tap();
    const status = page.getByRole('combobox', { name: 'Estatus de Lineamientos para el uso de la firma electrónica' });
    await status.waitFor();
    expect(await status.evaluate((el) => (el as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]!.textContent)).toBe('Aprobada');
    const row = page.getByRole('row', { name: /Lineamientos para el uso de la firma electrónica/ });
    await row.getByText('SEGUNDO').waitFor();
    await row.getByText('01').waitFor();
    const doc = (await stored(s.id)).documents[0]!;
    expect(doc).toMatchObject({ title: 'Lineamientos para el uso de la firma electrónica', status: 'aprobado', feminine: true, agendaItemId: s.agenda[1]!.id });
    await shot(page, 'sesion-documento-adjunto');

    await row.getByRole('button', { name: 'Abrir' }).tap();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar lineamientos.pdf' }).tap()]);
    const saved = join(dir.path, 'descargado.pdf');
    await download.saveAs(saved);
    expect((await readFile(saved)).equals(pdf)).toBe(true);
    await page.close();
  });

  it('takes a JPEG logo on Comisión e instituto, prints it on the convocatoria, and refuses a truncated PNG on screen', async () => {
    const s = await session('2023-12-18', ['ASUNTOS GENERALES.']);
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(host.url);
    await page.getByRole('link', { name: s.key }).waitFor();
    // A JPEG as a camera or an image editor writes it: the browser's own encoder.
    const jpeg = Buffer.from(
      await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { createElement(t: 'canvas'): { width: number; height: number; getContext(k: '2d'): { fillStyle: string; fillRect(...n: number[]): void }; toDataURL(t: string): string } } }).document;
        const canvas = doc.createElement('canvas');
        canvas.width = 300;
        canvas.height = 150;
        const g = canvas.getContext('2d');
        g.fillStyle = '#1f7a3a';
        g.fillRect(0, 0, 300, 150);
        g.fillStyle = '#ffffff';
        g.fillRect(100, 40, 100, 70);
        return canvas.toDataURL('image/jpeg').split(',')[1]!;
      }),
      'base64',
    );
    await page.getByRole('tab', { name: 'Comisión e instituto' }).tap();
    const form = page.getByRole('form', { name: 'Instituto' });
    const logo = form.getByLabel('Logotipo (PNG o JPEG)');
    const png = makePng(64, 64, 2);
    await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png.subarray(0, png.length - 20) });
    await form.getByRole('button', { name: 'Guardar instituto' }).tap();
    await form.getByText(/^No se guardó el logotipo\. El archivo no es una imagen PNG o JPEG válida/).waitFor();
    expect((await ok<{ logo?: string }>('institute.get', {})).logo).toBeUndefined();
    await shot(page, 'instituto-logo-rechazado');

    await logo.setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await form.getByRole('button', { name: 'Guardar instituto' }).tap();
    await form.getByText('Datos del instituto guardados.').waitFor();
    expect((await ok<{ logo?: string }>('institute.get', {})).logo).toBe(createHash('sha256').update(jpeg).digest('hex'));

    const pdf = await ok<{ base64: string }>('sessions.convocatoriaPdf', { id: s.id });
    const path = join(dir.path, 'convocatoria-logo.pdf');
    await writeFile(path, Buffer.from(pdf.base64, 'base64'));
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.map((r) => r.trim().split(/\s+/).slice(2, 5).join(' '))).toEqual(['image 300 150']);
    expect(images[0]).toMatch(/\bjpeg\b/);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', path, join(SCREENSHOT_DIR, 'convocatoria-logo')]);
    // At 72 dpi a pixel is a point: the logo is drawn 46 pt wide from the left margin (72 pt), 30 pt from the top.
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', '-singlefile', path, join(dir.path, 'convocatoria-logo')]);
    const page1 = readPgm(join(dir.path, 'convocatoria-logo.pgm'));
    const at = (x: number, y: number) => page1.pixels[y * page1.width + x]!;
    expect(at(76, 41), 'the green band of the logo').toBeLessThan(140);
    expect(at(95, 41), 'the white square inside the logo').toBeGreaterThan(220);
    expect(at(135, 41), 'the page beside the logo').toBeGreaterThan(220);
    await page.close();
  });

  it('presenting the acta right after typing keeps the last words on screen, without reloading', async () => {
    const s = await session('2023-10-23', ['ASUNTOS GENERALES.']);
    const page = await open(s);
    await page.getByRole('tab', { name: 'Acta' }).tap();
    await page.getByRole('button', { name: 'Redactar acta' }).tap();
    const editor = page.getByRole('textbox', { name: 'Texto del acta' });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    // A first sentence is autosaved; the second is typed just before presenting.
    await page.keyboard.type('No hubo intervenciones.');
    await page.getByText('Guardado en este equipo').waitFor();
    await page.keyboard.press('Enter');
    const words = 'Se hace constar que no se registraron asuntos generales.';
    await page.keyboard.type(words);
    // Well inside the autosave's pause: the words are still only in the browser.
    await page.getByText('Cambios sin guardar…').waitFor();
    await page.getByRole('button', { name: 'Presentar como proyecto' }).tap();
    await page.getByText('Proyecto presentado').waitFor();
    await editor.getByText(words).waitFor({ timeout: 1000 });
    await editor.getByText('No hubo intervenciones.').waitFor({ timeout: 1000 });
    await page.getByText('Guardado en este equipo').waitFor();
    await shot(page, 'acta-presentada-al-momento');

    // And the text is stored: a fresh page finds it.
    await page.reload();
    await page.getByRole('tab', { name: 'Acta' }).tap();
    await page.getByRole('textbox', { name: 'Texto del acta' }).getByText(words).waitFor();
    await page.getByRole('textbox', { name: 'Texto del acta' }).getByText('No hubo intervenciones.').waitFor();
    await page.close();
  });
});

async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text.normalize('NFD').replace(/\p{M}/gu, ''), { x: 50, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}
