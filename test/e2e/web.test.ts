import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';

let browser: Browser;
let dir: E2E['dir'];
let host: HostProcess;

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-'));
});

afterAll(() => stopE2E({ browser, host, dir }));

const newPage = () => openPage(browser);

describe('Sesiona in the browser, as a user', () => {
  it('shows the demo sessions and opens IEM-CMI-SEORD-03/2023 to read its agenda', async () => {
    const page = await newPage();
    await page.goto(host.url);
    await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.first().innerText()).toContain('27 DE JULIO DE 2023');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sesiones.png') });

    await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).click();
    await page.getByRole('tab', { name: 'Orden del día', selected: true }).waitFor();
    const items = page.locator('.agenda > li');
    expect(await items.count()).toBe(5);
    expect(await items.nth(0).innerText()).toMatch(/^PRIMERO\. LECTURA DEL PROYECTO DE ACTA/);
    expect(await items.nth(4).innerText()).toMatch(/^QUINTO\. ASUNTOS GENERALES/);
    expect(await page.locator('main').innerText()).toContain('30 DE MAYO DE 2023');
    await page.getByRole('tab', { name: 'Documentos' }).click();
    const body = await page.locator('main').innerText();
    expect(body).toContain('Acta IEM-CMI-SEORD-02/2023');
    expect(body).toContain('Aprobada');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sesion-detalle.png'), fullPage: true });
    await page.close();
  });

  it('numbers a lone agenda item ÚNICO', async () => {
    const page = await newPage();
    await page.goto(host.url);
    await page.getByRole('link', { name: 'IEM-CMI-SEXTU-04/2023' }).click();
    await page.getByRole('tab', { name: 'Orden del día', selected: true }).waitFor();
    expect(await page.locator('.agenda > li').first().innerText()).toMatch(/^ÚNICO\. INFORME CUATRIMESTRAL/);
    await page.close();
  });

  it('shows activity progress per four-month period', async () => {
    const page = await newPage();
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Actividades' }).click();
    await page.getByRole('heading', { name: /CMI 2023 · Actividades ordinarias/ }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Implementar la Biblioteca digital');
    expect(text).toMatch(/50%\s+100%/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'actividades.png') });
    await page.close();
  });

  it('has touch-sized navigation and checks the audit log from Ajustes', async () => {
    const page = await newPage();
    await page.goto(host.url);
    for (const name of ['Sesiones', 'Actividades', 'Lineamientos', 'Firmas', 'Documentos', 'Ajustes']) {
      const box = await page.getByRole('link', { name, exact: true }).boundingBox();
      expect(box!.height, name).toBeGreaterThanOrEqual(44);
    }
    await page.getByRole('link', { name: 'Ajustes' }).click();
    await page.getByRole('button', { name: 'Verificar bitácora' }).click();
    await page.getByText(/Bitácora íntegra: \d+ registros verificados/).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ajustes.png') });
    await page.close();
  });

  it('refuses requests without the per-run token', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(401);
    const api = await fetch(`${host.origin}/api/sessions.list`, { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);
    const wrong = await fetch(`${host.origin}/api/sessions.list`, { method: 'POST', headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const traversal = await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd`, { headers: { Authorization: `Bearer ${host.token}` } });
    expect(await traversal.text()).not.toContain('root:');
    const badName = await fetch(`${host.origin}/api/%E0%A4%A`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` } });
    expect(badName.status).toBe(404);
  });

  it('answers bad input over HTTP with a Spanish message', async () => {
    const res = await host.call('sessions.create', { commissionId: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/^Datos inválidos/);
    const raw = await fetch(`${host.origin}/api/sessions.list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
      body: '{no es json',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: { message: string } }).error.message).toBe('La solicitud no es JSON válido.');
  });
});

describe('persistence across a restart of the host', () => {
  it('keeps a session created before the restart', async () => {
    const commissions = await host.call<{ id: string; acronym: string }[]>('commissions.list');
    const cmi = commissions.body.value!.find((c) => c.acronym === 'CMI')!;
    const created = await host.call<{ key: string }>('sessions.create', {
      commissionId: cmi.id,
      type: 'extraordinaria',
      date: '2023-09-12',
      modality: 'presencial',
      agenda: ['Presentación del proyecto de lineamientos de contraseñas'],
    });
    expect(created.body.value?.key).toBe('IEM-CMI-SEEXT-06/2023');
    await host.stop();

    host = await startHostProcess(dir.path);
    const page = await newPage();
    await page.goto(host.url);
    await page.getByRole('link', { name: 'IEM-CMI-SEEXT-06/2023' }).click();
    await page.getByText('Presentación del proyecto de lineamientos de contraseñas').waitFor();
    expect(await page.locator('.agenda > li').first().innerText()).toMatch(/^ÚNICO\./);
    await page.close();
  });
});
