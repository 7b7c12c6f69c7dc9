/**
 * Staff in the browser: find a signed acta by a signer's name, open it and see its signatures
 * verified, print two copies to the CUPS-PDF virtual printer and see the print in its timeline,
 * then check the printed copy from the main navigation with an image of the printed seal page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import { readPgm } from '../support/pgm.js';
import type { HostProcess } from '../support/host-process.js';
import { scannedPdf } from '../support/scan.js';
import { signedActaFolder } from '../support/signed-acta.js';

// CUPS-PDF writes to the job owner's home as the password database has it, whatever $HOME says.
const PRINTED = join(userInfo().homedir, 'PDF');
let browser: Browser;
let dir: E2E['dir'];
let host: HostProcess;
let signerNames: string[];

beforeAll(async () => {
  const running = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (!/scheduler is running/.test(running.stdout ?? '')) {
    throw new Error('CUPS is not running: run test/support/start-cups.sh (as .ci/run does) before these tests');
  }
  ({ dir, host, browser } = await startE2E('sesiona-e2e-archive-', {
    prepare: async (root) => {
      const data = join(root, 'datos');
      const f = await signedActaFolder(data);
      await f.ok('trust.add', { certificate: f.caCer.toString('base64') });
      signerNames = f.acta.signers.map((s) => s.name);
      await f.store.close();
      return data;
    },
  }));
});
afterAll(() => stopE2E({ browser, host, dir }));

async function newPage(): Promise<Page> {
  const page = await openPage(browser);
  await page.goto(host.url);
  return page;
}

/** The newest PDF the virtual printer wrote after `since`, once complete. */
async function printedAfter(since: number, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  let lastSize = -1;
  while (Date.now() < until) {
    const names = (await readdir(PRINTED).catch(() => [] as string[])).filter((n) => n.endsWith('.pdf'));
    const fresh = [];
    for (const n of names) {
      const s = await stat(join(PRINTED, n));
      if (s.mtimeMs >= since) fresh.push({ n, s });
    }
    fresh.sort((a, b) => b.s.mtimeMs - a.s.mtimeMs);
    const top = fresh[0];
    if (top) {
      const path = join(PRINTED, top.n);
      if (path === last && top.s.size === lastSize && top.s.size > 0 && spawnSync('pdfinfo', [path]).status === 0) return path;
      last = path;
      lastSize = top.s.size;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the virtual printer wrote nothing in ${PRINTED}`);
}

describe('the archive in the browser', () => {
  let printed: string;

  it('finds the signed acta by a signer’s name, shows it verified, prints two copies and shows the print in its timeline', async () => {
    const page = await newPage();
    await page.getByRole('link', { name: 'Archivo' }).click();
    const surname = signerNames[2]!.split(' ').slice(-2).join(' ');
    await page.getByLabel('Buscar en el texto, título o firmantes').fill(surname.toLowerCase());
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('1 documento', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'archivo-busqueda.png') });
    await page.getByRole('link', { name: 'Acta IEM-CMI-SEORD-03/2023' }).click();

    await page.getByRole('heading', { name: 'Todas las firmas son válidas' }).waitFor();
    const verification = page.getByRole('region', { name: 'Verificación de firmas' });
    expect(await verification.getByText('Válida', { exact: true }).count()).toBe(signerNames.length);
    await page.getByRole('img', { name: /^Miniatura de la página 1$/ }).waitFor();
    const pages = await page.getByRole('img', { name: /^Miniatura de la página/ }).count();
    expect(pages).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: String(pages) }).click();
    await page.getByText(`Página ${pages} de ${pages}`).waitFor();

    const form = page.getByRole('form', { name: 'Imprimir' });
    await form.getByLabel('Impresora').selectOption('PDF');
    await form.getByLabel('Copias').fill('2');

    // The preview shows only the pages asked for, and what the copies and sides come to.
    const range = form.getByLabel('Páginas (vacío: todas)');
    await range.fill('2');
    await form.getByLabel('Doble cara').check();
    await form.getByRole('button', { name: 'Vista previa' }).click();
    const preview = form.getByRole('region', { name: 'Vista previa de impresión' });
    await preview.getByText(`Se imprimirán 1 página de ${pages} (2), 2 copias, a doble cara: 2 hojas tamaño carta en total.`).waitFor();
    const shownPages = preview.getByRole('img', { name: /^Vista previa de la página/ });
    expect(await shownPages.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Vista previa de la página 2']);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'archivo-vista-previa.png') });
    await range.fill(`2-${pages + 5}`);
    await preview.getByText(`Se imprimirán ${pages - 1} páginas de ${pages} (2-${pages + 5}), 2 copias, a doble cara: ${2 * Math.ceil((pages - 1) / 2)} hojas tamaño carta en total.`).waitFor();
    await preview.getByText(/Parte del intervalo pasa de la última página/).waitFor();
    expect(await shownPages.count()).toBe(pages - 1);
    await range.fill(String(pages + 1));
    await form.getByText(`Ninguna página del intervalo «${pages + 1}» existe: el documento tiene ${pages} páginas.`).waitFor();
    await range.fill('3-1');
    await form.getByText(/El intervalo de páginas no es válido/).waitFor();
    await range.fill('');
    await form.getByLabel('Doble cara').uncheck();
    await preview.getByText(`Se imprimirán ${pages} páginas de ${pages}, 2 copias, a una cara: ${2 * pages} hojas tamaño carta en total.`).waitFor();
    await form.getByRole('button', { name: 'Ocultar vista previa' }).click();
    const since = Date.now() - 1000;
    await form.getByRole('button', { name: 'Imprimir' }).click();
    await page.getByText(/Enviado a PDF: 2 copias \(trabajo PDF-\d+\)/).waitFor();
    await page.getByText(/Impreso por .+ en PDF \(2 copias\)/).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'archivo-documento.png') });
    printed = await printedAfter(since);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', printed, '-'], { encoding: 'utf8' });
    // The paper reads as the acta does: its key, its signers and the seal page.
    expect(text).toContain('HOJA DE FIRMAS');
    for (const name of signerNames) expect(text).toContain(name);
    expect(text).toContain('CADENA ORIGINAL Y SELLO');
    await page.close();
  });

  it('checks the printed copy from the main navigation with an image of its printed seal page', async () => {
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const scan = join(dir.path, 'copia');
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(pages), '-l', String(pages), '-singlefile', printed, scan]);
    const cover = join(dir.path, 'portada');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', printed, cover]);

    const page = await newPage();
    await page.getByRole('link', { name: 'Comprobar copia impresa' }).click();
    await page.getByLabel('Imagen o PDF escaneado de la copia').setInputFiles(`${scan}.png`);
    const result = page.getByRole('region', { name: 'Resultado de la comprobación' });
    await result.getByRole('heading', { name: 'La copia corresponde al documento firmado' }).waitFor();
    const shown = await result.innerText();
    expect(shown).toContain('Acta IEM-CMI-SEORD-03/2023');
    for (const name of signerNames) expect(shown).toContain(name);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'comprobar-copia.png'), fullPage: true });

    // An image with no QR, and a code from another institution, each get a clear message.
    await page.getByLabel('Imagen o PDF escaneado de la copia').setInputFiles(`${cover}.png`);
    await page.getByText(/No se encontró un código QR en la imagen «portada\.png»/).waitFor();
    await page.getByLabel('Código de verificación').fill(`SESIONA|1|01JQ8ZK3V7M2N4P6R8T0W2Y4A7|1234|${'ab'.repeat(32)}`);
    await page.getByRole('button', { name: 'Comprobar' }).click();
    await page.getByText(/no corresponde a ningún documento de este archivo: puede ser de otra institución/).waitFor();
    await page.close();
  });

  it('checks the printed copy from a scanned PDF (turned and noisy), and says in Spanish when a file is no PDF', async () => {
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // The first page and the seal page, turned 1.5° (and -1.5°), as a scanner hands them over.
    const scan = join(dir.path, 'copia-escaneada.pdf');
    await writeFile(scan, await scannedPdf(printed, join(dir.path, 'escaneo'), [1, pages], 1.5));
    expect(execFileSync('pdftotext', [scan, '-'], { encoding: 'utf8' }).trim()).toBe(''); // images only
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '2', '-l', '2', '-singlefile', scan, join(SCREENSHOT_DIR, 'copia-escaneada')]);

    const page = await newPage();
    await page.getByRole('link', { name: 'Comprobar copia impresa' }).click();
    const input = page.getByLabel('Imagen o PDF escaneado de la copia');
    await input.setInputFiles(scan);
    const result = page.getByRole('region', { name: 'Resultado de la comprobación' });
    await result.getByRole('heading', { name: 'La copia corresponde al documento firmado' }).waitFor({ timeout: 30_000 });
    const shown = await result.innerText();
    expect(shown).toContain('Acta IEM-CMI-SEORD-03/2023');
    for (const name of signerNames) expect(shown).toContain(name);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'comprobar-copia-pdf.png'), fullPage: true });

    // A file named .pdf that is not one, and a PDF cut in half: a Spanish message, no crash.
    const fake = join(dir.path, 'copia.pdf');
    await writeFile(fake, '<html><script>alert(1)</script></html>');
    await input.setInputFiles(fake);
    await page.getByText('No se pudo leer «copia.pdf»: suba una imagen (PNG, JPEG) o un PDF.').waitFor();
    expect(await result.count()).toBe(0);
    const cut = join(dir.path, 'cortado.pdf');
    const bytes = await readFile(scan);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await input.setInputFiles(cut);
    await page.getByText(/«cortado\.pdf»/).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/^(No se pudo leer «cortado\.pdf»|No se encontró un código QR en el PDF «cortado\.pdf»)/);
    await page.close();
  });

  it('reads the printed copy’s QR from the laptop camera', async () => {
    // The camera sees the QR of the printed seal page: a 150-dpi image of it, cropped around the
    // code, fed to Chromium's fake camera as a Y4M video.
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const prefix = join(dir.path, 'camara');
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', String(pages), '-l', String(pages), '-singlefile', printed, prefix]);
    const page150 = readPgm(`${prefix}.pgm`);
    const rgba = new Uint8ClampedArray(page150.width * page150.height * 4);
    for (let i = 0; i < page150.width * page150.height; i++) rgba.set([page150.pixels[i]!, page150.pixels[i]!, page150.pixels[i]!, 255], i * 4);
    const loc = jsQR(rgba, page150.width, page150.height)!.location;
    const xs = [loc.topLeftCorner.x, loc.topRightCorner.x, loc.bottomLeftCorner.x, loc.bottomRightCorner.x];
    const ys = [loc.topLeftCorner.y, loc.topRightCorner.y, loc.bottomLeftCorner.y, loc.bottomRightCorner.y];
    const [W, H] = [640, 480];
    const cx = Math.round((Math.min(...xs) + Math.max(...xs)) / 2);
    const cy = Math.round((Math.min(...ys) + Math.max(...ys)) / 2);
    const y = Buffer.alloc(W * H, 255);
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const sx = cx - W / 2 + c;
        const sy = cy - H / 2 + r;
        if (sx >= 0 && sy >= 0 && sx < page150.width && sy < page150.height) y[r * W + c] = page150.pixels[sy * page150.width + sx]!;
      }
    }
    const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
    const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
    const video = join(dir.path, 'camara.y4m');
    await writeFile(video, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));

    const withCamera = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const page = await openPage(withCamera);
      await page.goto(host.url);
      await page.getByRole('link', { name: 'Comprobar copia impresa' }).click();
      await page.getByRole('button', { name: 'Leer con la cámara' }).click();
      const result = page.getByRole('region', { name: 'Resultado de la comprobación' });
      await result.getByRole('heading', { name: 'La copia corresponde al documento firmado' }).waitFor({ timeout: 30_000 });
      expect(await result.innerText()).toContain('Acta IEM-CMI-SEORD-03/2023');
    } finally {
      await withCamera.close();
    }
  });
});
