import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import { E2E_ADMIN } from '../support/host-process.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('sesiona-e2e-review-');
});
afterAll(() => stopE2E(e2e ?? {}));

const OFFICE = 'Oficina de la Consejera Carol Berenice Arellano Rangel';
const PASSWORD = 'revision-de-carol';

async function value<T>(name: string, args: unknown): Promise<T> {
  const r = await e2e.host.call<T>(name, args);
  if (!r.body.ok) throw new Error(`${name}: ${r.body.error?.message}`);
  return r.body.value!;
}

async function switchTo(page: Page, tile: RegExp, password: string) {
  await page.getByRole('button', { name: 'Cambiar de usuario' }).click();
  await page.getByText('¿Quién va a usar Sesiona?').waitFor();
  await page.getByRole('button', { name: tile }).click();
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('button', { name: 'Cambiar de usuario' }).waitFor();
}

describe('an office answers a review round with its own account, in Chromium', () => {
  it('the administrator creates the office account; the office sees only its round, comments, suggests and answers; the secretary sees who', async () => {
    const { host } = e2e;
    const page = await openPage(e2e.browser);
    await page.goto(host.url);

    // The administrator creates the office's reviewer account on the Personas screen.
    await page.getByRole('navigation').getByRole('link', { name: 'Personas' }).click();
    await page.getByLabel('Usuario').fill('revisor.carol');
    const person = page.getByLabel('Persona', { exact: true });
    await person.selectOption((await person.locator('option', { hasText: 'CAROL BERENICE ARELLANO RANGEL' }).getAttribute('value'))!);
    await page.getByLabel('Función').selectOption('revisor');
    await page.getByLabel(/^Oficina que revisa/).fill(OFFICE);
    await page.getByLabel('Contraseña (al menos 8 caracteres)').fill(PASSWORD);
    await page.getByLabel('Repita la contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByRole('cell', { name: OFFICE }).waitFor();

    // Two guidelines; only one round goes to the office.
    const commissions = await value<{ id: string; acronym: string }[]>('commissions.list', {});
    const cmi = commissions.find((c) => c.acronym === 'CMI')!.id;
    const tic = await value<{ id: string }>('guidelines.create', { commissionId: cmi, title: 'Lineamientos para el uso de las TIC' });
    const other = await value<{ id: string }>('guidelines.create', { commissionId: cmi, title: 'Lineamientos de la ventanilla digital' });
    await value('guidelines.sendRound', { id: tic.id, name: 'Primera reunión de retroalimentación', due: '2023-10-15', offices: [OFFICE, 'Oficina del Consejero Juan'] });
    await value('guidelines.sendRound', { id: other.id, name: 'Ronda de la ventanilla', due: '2023-10-20', offices: ['Oficina del Consejero Juan'] });

    // The office signs in on its own: one screen, one round.
    await switchTo(page, /revisor\.carol/, PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Secciones' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Revisión']);
    await page.getByRole('heading', { name: 'Revisión de lineamientos' }).waitFor();
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toContain('Lineamientos para el uso de las TIC (CMI)');
    await page.getByRole('button', { name: 'Revisar' }).click();
    const text = page.getByRole('article', { name: 'Texto del lineamiento' });
    await text.getByText('Artículo 1. Los presentes lineamientos tienen por objeto').waitFor();

    const form = page.getByRole('form', { name: 'Nuevo comentario' });
    const about = form.getByLabel('Sobre');
    await about.selectOption({ label: (await about.locator('option', { hasText: 'Artículo 1.' }).innerText()).trim() });
    await form.getByLabel('Comentario').fill('Conviene precisar el objeto.');
    await form.getByLabel('Texto que propone sustituir (opcional)').fill('tienen por objeto');
    await form.getByLabel('Texto propuesto (opcional)').fill('regulan');
    await form.getByRole('button', { name: 'Comentar' }).click();
    const comment = page.getByRole('listitem', { name: 'Comentario de revisor.carol' });
    await comment.getByText('Conviene precisar el objeto.').waitFor();
    await expect.poll(() => comment.innerText()).toContain(`revisor.carol (${OFFICE})`);
    await expect.poll(() => comment.innerText()).toContain('artículo 1');

    // A hand-typed address reaches nothing else: the screen stays, and the services refuse.
    await page.goto(`${host.url.split('#')[0]}#/lineamientos`);
    const refused = await host.call('guidelines.list', {});
    expect(refused.body.error?.message).toBe('Su cuenta de revisión solo da acceso a las rondas de revisión enviadas a su oficina.');

    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Revisión']);
    await text.getByText('Artículo 1. Los presentes lineamientos tienen por objeto').waitFor();
    await page.getByRole('button', { name: 'Marcar la ronda como respondida' }).click();
    await page.getByText(/Respondida el .* por revisor\.carol/).waitFor();
    expect(await page.getByRole('form', { name: 'Nuevo comentario' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'guidelines-review-office.png') });

    // The secretary's side: the office's comment and answer, with who.
    await switchTo(page, new RegExp(E2E_ADMIN.username), E2E_ADMIN.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Lineamientos' }).click();
    await page.getByRole('link', { name: 'Lineamientos para el uso de las TIC' }).click();
    await page.getByRole('listitem', { name: 'Comentario de revisor.carol' }).getByText('Conviene precisar el objeto.').waitFor();
    await page.getByRole('tab', { name: /Rondas/ }).click();
    await page.getByText(`${OFFICE}: respondió el`).waitFor();
    await expect.poll(() => page.getByText(`${OFFICE}: respondió el`).innerText()).toContain('(revisor.carol)');
  });
});
