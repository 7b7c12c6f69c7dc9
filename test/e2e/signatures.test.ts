import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { SIGNATURE_BOX } from '../../src-main/services/pdf/acknowledgement.js';
import { readPgm, type Gray } from '../support/pgm.js';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';
import { touchStroke } from '../support/touch.js';

let browser: Browser;
let dir: E2E['dir'];
let host: HostProcess;

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-sig-'));
});
afterAll(() => stopE2E({ browser, host, dir }));

function renderGray(pdf: string, dpi: number): Gray {
  const out = join(dir.path, `page-${dpi}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', pdf, out]);
  return readPgm(`${out}.pgm`);
}

/** Dark pixels inside the acknowledgement's signature box (PDF points → pixels, y flipped). */
function signatureBoxPixels(img: Gray, dpi: number): { dark: number } {
  const k = dpi / 72;
  const x0 = Math.floor(SIGNATURE_BOX.x * k);
  const x1 = Math.ceil((SIGNATURE_BOX.x + SIGNATURE_BOX.width) * k);
  const y0 = Math.floor(img.height - (SIGNATURE_BOX.y + SIGNATURE_BOX.height) * k);
  const y1 = Math.ceil(img.height - SIGNATURE_BOX.y * k) - 12; // stop above the signature line
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.pixels[y * img.width + x]! < 128) dark++;
  return { dark };
}

/** A stroke as a finger or pen draws it: many small moves, not a jump. */
function wave(x0: number, y0: number, width: number, amp: number, steps = 40): [number, number][] {
  return Array.from({ length: steps + 1 }, (_, i) => [x0 + (width * i) / steps, y0 + amp * Math.sin((i / steps) * Math.PI * 3)]);
}

async function penStroke(cdp: CDPSession, points: [number, number][]) {
  const [first, ...rest] = points;
  const base = { pointerType: 'pen' as const, button: 'left' as const, force: 0.5 };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: first![0], y: first![1], buttons: 1, clickCount: 1, ...base });
  for (const [x, y] of rest) await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, buttons: 1, ...base });
  const last = points.at(-1)!;
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: last[0], y: last[1], buttons: 0, clickCount: 1, ...base });
}

async function openFirmas(): Promise<Page> {
  const page = await openPage(browser, { hasTouch: true });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Firmas' }).click();
  return page;
}

describe('handwritten signature in the browser', () => {
  it('unlocks the vault, captures a signature drawn with touch, enrolls it and uses it with the PIN', async () => {
    const page = await openFirmas();
    // The first passphrase sets the key for good, so it is typed twice.
    await page.getByLabel('Frase de acceso', { exact: true }).fill('frase de acceso de prueba');
    await page.getByLabel('Repita la frase de acceso').fill('frase de acceso de pruebA');
    await page.getByRole('button', { name: 'Establecer y desbloquear' }).click();
    await page.getByText('Las dos frases de acceso no coinciden.').waitFor();
    await page.getByLabel('Repita la frase de acceso').fill('frase de acceso de prueba');
    await page.getByRole('button', { name: 'Establecer y desbloquear' }).click();
    await page.getByRole('button', { name: 'Registrar firma' }).click();

    // The person is chosen from the people, never typed.
    await page.getByLabel('Persona que firma').selectOption({ label: 'LICDA. CAROL BERENICE ARELLANO RANGEL' });
    await page.getByLabel('PIN (6 a 12 dígitos)').fill('202323');
    await page.getByLabel('Confirme el PIN').fill('202323');
    const canvas = page.locator('canvas.pad-canvas');
    const box = (await canvas.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    await touchStroke(cdp, wave(box.x + 60, box.y + 110, 420, 45));
    await touchStroke(cdp, wave(box.x + 520, box.y + 90, 200, 30, 25));
    await touchStroke(cdp, [[box.x + 760, box.y + 120]]); // a tap: the dot over an i
    await page.getByText('3 trazo(s) capturado(s).').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'firma-captura.png') });

    await page.getByRole('button', { name: 'Deshacer trazo' }).click();
    await page.getByText('2 trazo(s) capturado(s).').waitFor();
    await page.getByRole('button', { name: 'Guardar firma' }).click();
    await page.getByText('Firma de LICDA. CAROL BERENICE ARELLANO RANGEL registrada y cifrada.').waitFor();
    const row = page.getByRole('row', { name: /CAROL BERENICE ARELLANO RANGEL/ });
    expect(await row.innerText()).toMatch(/Captura en pantalla\s+2\s+0\s+Activa/);

    await row.getByRole('button', { name: 'Usar en documento' }).click();
    await page.getByLabel('Folio').fill('IOD-2023-0007');
    await page.getByLabel('Nombre de la persona solicitante').fill('José María Núñez Ávila');
    await page.getByLabel('Cargo de quien firma').fill('Consejera Presidenta');
    await page.getByLabel('PIN', { exact: true }).fill('111111');
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await page.getByText('PIN incorrecto. Le quedan 4 intento(s).').waitFor();
    await page.getByLabel('PIN', { exact: true }).fill('202323');
    await page.getByRole('button', { name: 'Confirmar' }).click();
    const preview = page.getByRole('img', { name: 'Firma de LICDA. CAROL BERENICE ARELLANO RANGEL' });
    await preview.waitFor();
    const d = await preview.locator('path').getAttribute('d');
    expect(d).toMatch(/^M[\d.]+ [\d.]+C/);
    expect((d!.match(/M/g) ?? []).length).toBe(2); // one path per stroke: no broken lines
    await page.getByRole('link', { name: 'Descargar PDF' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'firma-uso.png'), fullPage: true });
    await page.context().close();

    // The signed document, as staff would print it: the signature box has ink, the rest of that band is blank.
    const docs = await host.call<{ id: string; title: string }[]>('documents.list');
    expect(docs.body.value!.map((d) => d.title)).toEqual(['Acuse de recibo IOD-2023-0007 — José María Núñez Ávila']);
    const pdf = await host.call<{ base64: string }>('documents.pdf', { id: docs.body.value![0]!.id });
    const file = join(dir.path, 'acuse.pdf');
    await writeFile(file, Buffer.from(pdf.body.value!.base64, 'base64'));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('CAROL BERENICE ARELLANO RANGEL');
    const page150 = renderGray(file, 150);
    const ink = signatureBoxPixels(page150, 150);
    expect(ink.dark, "ink inside the signature box").toBeGreaterThan(150);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(SCREENSHOT_DIR, 'acuse-firmado')]);
  });

  it('ignores the palm once a pen is used, unless the signer switches it off', async () => {
    const page = await openFirmas();
    await page.getByRole('button', { name: 'Registrar firma' }).click();
    const canvas = page.locator('canvas.pad-canvas');
    const box = (await canvas.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    await penStroke(cdp, wave(box.x + 80, box.y + 100, 300, 40));
    await page.getByText('1 trazo(s) capturado(s).').waitFor();
    expect(await page.getByLabel('Solo lápiz (ignorar la palma)').isChecked()).toBe(true);
    await touchStroke(cdp, wave(box.x + 400, box.y + 150, 200, 20)); // the palm
    await page.waitForTimeout(200);
    expect(await page.getByRole('status').filter({ hasText: 'trazo' }).innerText()).toBe('1 trazo(s) capturado(s).');
    await page.getByLabel('Solo lápiz (ignorar la palma)').uncheck();
    await touchStroke(cdp, wave(box.x + 400, box.y + 150, 200, 20));
    await page.getByText('2 trazo(s) capturado(s).').waitFor();
    await page.context().close();
  });
});
