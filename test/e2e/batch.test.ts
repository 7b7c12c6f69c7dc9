import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import type { HostProcess } from '../support/host-process.js';

let browser: Browser;
let dir: E2E['dir'];
let host: HostProcess;

function applicants(n: number, bad: number[] = []): string {
  const rows = ['folio,nombre'];
  for (let i = 1; i <= n; i++) rows.push(bad.includes(i) ? `FOLIO ${i} MAL,Persona ${i}` : `IOD-${String(i).padStart(5, '0')},"Núñez Pérez, María ${i}"`);
  return rows.join('\n');
}

beforeAll(async () => {
  ({ dir, host, browser } = await startE2E('sesiona-e2e-batch-'));
  await host.call('vault.unlock', { passphrase: 'frase de acceso de prueba' });
  const legacy = 'nombre,firma\n"MARÍA DE LOURDES BECERRA PÉREZ",3E_6O_0a_0Za_1k2l3m_2k1l9Z3\n';
  const imported = await host.call<{ status: string }[]>('signatures.import', { format: 'csv', content: legacy, pin: '246868' });
  expect(imported.body.value?.[0]?.status).toBe('importada');
});
afterAll(() => stopE2E({ browser, host, dir }));

async function fillBatch(page: Page, csv: string) {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Documentos' }).click();
  await page.getByLabel('Firma autorizada').selectOption({ label: 'MARÍA DE LOURDES BECERRA PÉREZ' });
  await page.getByLabel('Cargo de quien firma').fill('Secretaría Técnica');
  await page.getByLabel('PIN').fill('246868');
  await page.getByLabel('Solicitantes (CSV)').setInputFiles({ name: 'solicitantes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Generar lote' }).click();
}

describe('batch stamping in the browser', () => {
  it('lets the owner of an imported signature replace the PIN the importer set', async () => {
    const page = await openPage(browser);
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Firmas' }).click();
    await page.getByRole('row', { name: /MARÍA DE LOURDES BECERRA PÉREZ/ }).getByRole('button', { name: 'Cambiar PIN' }).click();
    await page.getByLabel('PIN actual').fill('246868');
    await page.getByLabel('PIN nuevo (6 a 12 dígitos)').fill('135757');
    await page.getByLabel('Confirme el PIN nuevo').fill('135757');
    await page.getByRole('button', { name: 'Cambiar PIN' }).last().click();
    await page.getByText('PIN de la firma de MARÍA DE LOURDES BECERRA PÉREZ actualizado.').waitFor();
    // Back to the importer's PIN so the batch tests below can use it.
    await page.getByRole('row', { name: /MARÍA DE LOURDES BECERRA PÉREZ/ }).getByRole('button', { name: 'Cambiar PIN' }).click();
    await page.getByLabel('PIN actual').fill('135757');
    await page.getByLabel('PIN nuevo (6 a 12 dígitos)').fill('246868');
    await page.getByLabel('Confirme el PIN nuevo').fill('246868');
    await page.getByRole('button', { name: 'Cambiar PIN' }).last().click();
    await page.getByText('PIN de la firma de MARÍA DE LOURDES BECERRA PÉREZ actualizado.').waitFor();
    await page.close();
  });

  it('generates one signed acknowledgement per applicant and reports the rows it could not make', async () => {
    const page = await openPage(browser);
    await fillBatch(page, applicants(300, [7, 150]));
    await page.getByText(/Lote terminado: 298 documento\(s\) generado\(s\), 2 con error/).waitFor({ timeout: 60_000 });
    const report = await page.locator('table').last().innerText();
    expect(report).toContain('FOLIO 7 MAL');
    expect(report).toContain('FOLIO 150 MAL');
    expect(await page.locator('progress.batch-progress').getAttribute('value')).toBe('300');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lote-terminado.png'), fullPage: true });
    const folder = (await page.getByText(/^Carpeta: /).innerText()).replace('Carpeta: ', '');
    const files = (await readdir(folder)).filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(298);
    expect(files).toContain('IOD-00300.pdf');
    await page.close();
  });

  it('cancels a long batch, keeping the documents already made', async () => {
    const page = await openPage(browser);
    await fillBatch(page, applicants(40_000));
    await page.getByText(/Generando… \d+ de 40000/).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lote-en-curso.png') });
    await page.getByRole('button', { name: 'Cancelar' }).click();
    const done = page.getByText(/Lote cancelado: se conservaron \d+ documento\(s\)/);
    await done.waitFor({ timeout: 30_000 });
    const kept = Number(/conservaron (\d+)/.exec(await done.innerText())![1]);
    const folder = (await page.getByText(/^Carpeta: /).innerText()).replace('Carpeta: ', '');
    const files = (await readdir(folder)).filter((f) => f.endsWith('.pdf'));
    expect(kept).toBeLessThan(40_000);
    expect(files).toHaveLength(kept);
    expect((await readdir(folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await page.close();
  });
});
