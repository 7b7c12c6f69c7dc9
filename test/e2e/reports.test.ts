import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';
import { makePng } from '../support/images.js';
import { pageTexts } from '../support/pdf-text.js';

let browser: Browser;
let dir: E2E['dir'];
let host: HostProcess;

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-informes-'));
});

afterAll(() => stopE2E({ browser, host, dir }));

describe('Informes in the browser', () => {
  it('shows the progress board with the stalled activities, the cronograma and the calendar, and downloads the informe', async () => {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Informes' }).click();
    await page.getByRole('heading', { name: 'Actividades' }).waitFor();
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('Implementar la Biblioteca digital');
    const text = await main.innerText();
    expect(text).toMatch(/Mayo–Agosto\s+65\.7%/);
    expect(text).toMatch(/Sin avance en el periodo 2/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Generar informe cuatrimestral' }).click()]);
    expect(download.suggestedFilename()).toBe('informe-CMI-2023-2.pdf');
    const pdf = join(dir.path, 'informe.pdf');
    await download.saveAs(pdf);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageTexts(pdf)[0]).toContain('SEGUNDO INFORME CUATRIMESTRAL MAYO - AGOSTO 2023');

    // Entering progress: percent, narrative and an evidence image in one form.
    const moodle = page.locator('tbody tr', { hasText: 'Plataforma Moodle' });
    await moodle.getByRole('button', { name: 'Registrar avance' }).click();
    const form = page.getByRole('form', { name: /Registrar avance de la actividad 7/ });
    await form.getByLabel('Periodo').selectOption({ label: 'Septiembre–Diciembre' });
    await form.getByLabel('Porcentaje de avance').fill('150');
    await form.getByRole('button', { name: 'Guardar avance' }).click();
    await form.getByRole('alert').filter({ hasText: 'El porcentaje debe ser un número de 0 a 100.' }).waitFor();
    await form.getByLabel('Porcentaje de avance').fill('40');
    await form.getByLabel('Narrativa').fill('Se diseñaron los planes de cursos con Educación Cívica.');
    await form.getByLabel(/Imagen de evidencia/).setInputFiles({ name: 'aula.png', mimeType: 'image/png', buffer: makePng(120, 80, 7) });
    await form.getByLabel('Pie de imagen').fill('Aula IEM en pruebas.');
    await form.getByRole('button', { name: 'Guardar avance' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => moodle.innerText()).toMatch(/25%\s+25%\s+40%/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-avance.png') });

    await page.locator('main select').first().selectOption({ label: 'CVSPE — Comisión de Vinculación y Servicio Profesional Electoral' });
    await page.getByRole('button', { name: 'Generar programa anual' }).waitFor();
    await expect.poll(() => main.innerText()).toContain('Del lunes 27 al viernes 31');
    expect(await page.locator('td.planned').count()).toBeGreaterThan(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'informes-cronograma.png') });
    await page.close();
  });
});
