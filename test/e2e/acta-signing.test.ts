import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate, issueP12 } from '../../src-main/services/certificates/test-ca.js';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { openPage, stopE2E } from '../support/e2e.js';
import { sesiona, type HostProcess } from '../support/host-process.js';
import { CA_PASSWORD, openOffice, switchUser } from '../support/office.js';
import { DEMO_RFCS } from '../support/people.js';
import { tempDir } from '../support/temp.js';

const PW = 'contraseña firmante';
const CAROL = 'CAROL BERENICE ARELLANO RANGEL';
const ARACELI = 'ARACELI GUTIÉRREZ CORTÉZ';
const LOURDES = 'MARÍA DE LOURDES BECERRA PÉREZ';
const ACCOUNTS = { lourdes: 'clave-de-lourdes', carol: 'clave-de-carol', araceli: 'clave-de-araceli' } as const;
let browser: Browser;
let dir: Awaited<ReturnType<typeof tempDir>>;
let host: HostProcess;
let carol: { cer: string; key: string };
let araceli: string;
let caCer: string;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  dir = await tempDir('sesiona-e2e-acta-');
  // As the office's setup script would: ids on record and one account per person, with the CLI.
  const office = await openOffice(
    dir.path,
    {
      lourdes: { role: 'secretaria', name: LOURDES, password: ACCOUNTS.lourdes },
      carol: { role: 'consejeria', name: CAROL, password: ACCOUNTS.carol },
      araceli: { role: 'consejeria', name: ARACELI, password: ACCOUNTS.araceli },
    },
    'lourdes',
  );
  host = office.host;
  caCer = office.caCer;
  const id = office.id;
  const c = await issueCertificate({ caDir: office.ca, caPassword: CA_PASSWORD, name: CAROL, rfc: DEMO_RFCS[CAROL]!, password: PW, outDir: join(dir.path, 'carol') });
  carol = { cer: c.certificatePath, key: c.keyPath };
  araceli = (await issueP12({ caDir: office.ca, caPassword: CA_PASSWORD, name: ARACELI, rfc: DEMO_RFCS[ARACELI]!, password: PW, outDir: join(dir.path, 'araceli') })).p12Path;
  // The secretary enrolls each commissioner's ink for that person (chosen from the people), with the PIN they choose.
  const points = Array.from({ length: 60 }, (_, i) => ({ x: 20 + i * 6, y: 60 + 30 * Math.sin(i / 5), time: i * 16, pressure: 0.5 }));
  for (const [name, pin] of [[CAROL, '202323'], [ARACELI, '197575']] as const) {
    const enrolled = await host.call('signatures.enroll', {
      personId: id(name),
      pin,
      capture: { strokes: [{ points }, { points: points.slice(10, 30).map((p) => ({ ...p, y: p.y + 40 })) }], canvas: { width: 420, height: 160, pixelRatio: 1 } },
    });
    expect(enrolled.status).toBe(200);
  }
  await host.call('auth.signOut');
  browser = await launchBrowser();
});
afterAll(() => stopE2E({ browser, host, dir }));

async function openActa(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Documentos' }).tap();
  await page.getByRole('link', { name: 'Acta IEM-CMI-SEORD-03/2023' }).tap();
  await page.getByRole('heading', { name: 'Acta IEM-CMI-SEORD-03/2023' }).waitFor();
}

async function readActa(page: Page, shot: string) {
  const viewer = page.getByRole('region', { name: 'Lectura del documento' });
  await viewer.getByText(/^Página 1 de \d+$/).waitFor();
  await viewer.getByRole('button', { name: 'Página siguiente' }).tap();
  await viewer.getByText(/^Página 2 de \d+$/).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, shot) });
}

describe('signing an acta on one laptop passed from hand to hand (1366×768, touch)', () => {
  it('the secretary locks it; each commissioner switches user, reads it and signs with their own ink and certificate', async () => {
    const page = await openPage(browser, { hasTouch: true });
    await page.goto(host.url);
    await page.getByText('¿Quién va a usar Sesiona?').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'inicio-de-sesion.png') });
    await page.getByRole('button', { name: /LOURDES/ }).tap();
    await page.getByLabel('Contraseña', { exact: true }).fill('no es la clave');
    await page.getByRole('button', { name: 'Entrar' }).tap();
    await page.getByRole('alert').filter({ hasText: 'Usuario o contraseña incorrectos.' }).waitFor();
    await page.getByLabel('Contraseña', { exact: true }).fill(ACCOUNTS.lourdes);
    await page.getByRole('button', { name: 'Entrar' }).tap();
    await page.getByRole('button', { name: 'Cambiar de usuario' }).waitFor();

    // The office trusts its institutional CA.
    await page.getByRole('link', { name: 'Ajustes' }).tap();
    await page.getByLabel(/Agregar certificado raíz/).setInputFiles(caCer);
    await page.getByRole('button', { name: 'Agregar a la lista de confianza' }).tap();
    await page.getByText('Autoridad Certificadora de Pruebas de Sesiona').waitFor();

    // The secretary drafts the acta; a second "Generar acta" reopens the same draft.
    await page.getByRole('link', { name: 'Sesiones' }).tap();
    await page.getByRole('link', { name: 'IEM-CMI-SEORD-03/2023' }).tap();
    await page.getByRole('button', { name: 'Generar acta' }).tap();
    await page.getByRole('heading', { name: 'Acta IEM-CMI-SEORD-03/2023' }).waitFor();
    const first = page.url();
    await page.goBack();
    await page.getByRole('button', { name: 'Generar acta' }).tap();
    await page.getByRole('heading', { name: 'Acta IEM-CMI-SEORD-03/2023' }).waitFor();
    expect(page.url()).toBe(first);

    await page.getByRole('button', { name: 'Bloquear para firma' }).tap();
    const confirm = page.getByRole('alertdialog', { name: 'Confirmar el bloqueo' });
    expect(await confirm.innerText()).toContain('esto no se puede deshacer');
    await confirm.getByRole('button', { name: 'Sí, bloquear' }).tap();
    await page.getByText('Documento bloqueado para firma.').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acta-bloqueada.png') });

    // Carol takes the laptop.
    await switchUser(page, 'CAROL', ACCOUNTS.carol);
    await page.getByRole('link', { name: 'Firmas' }).tap();
    // The import form is whole once the list of certificates has loaded.
    await page.getByText('Aún no hay certificados importados.').waitFor();
    await page.getByLabel('Certificado (.cer)').setInputFiles(carol.cer);
    await page.getByLabel('Clave privada (.key)').setInputFiles(carol.key);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByRole('button', { name: 'Importar certificado' }).tap();
    await page.getByText(/Certificado de CAROL BERENICE ARELLANO RANGEL importado\. Lo emitió .*Pruebas.*: es un certificado de prueba/).waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'importar-fallo.png'), fullPage: true });
      throw e;
    });
    await page.getByLabel(`Certificado de ${CAROL}`).waitFor();
    await openActa(page);
    await readActa(page, 'acta-lectura-carol.png');
    await page.getByRole('heading', { name: `Firma de LICDA. ${CAROL}` }).waitFor();
    // Her saved certificate is already chosen.
    await expect.poll(() => page.getByLabel('Certificado', { exact: true }).inputValue()).toMatch(/^[0-9A-Z]{26}$/);
    await page.getByLabel('Contraseña de la clave privada').fill('no es la contraseña');
    await page.getByRole('button', { name: 'Firmar' }).tap();
    await page.getByRole('alert').filter({ hasText: /contraseña/i }).waitFor();
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByLabel('Firma autógrafa en el recuadro').selectOption({ index: 1 });
    await page.getByLabel('PIN de la firma autógrafa').fill('202323');
    await page.getByRole('button', { name: 'Firmar' }).tap();
    await page.getByText(`Firma de LICDA. ${CAROL} aplicada (1 de 4 firmas).`).waitFor();

    // Carol's own e.firma in Araceli's box is refused, naming both.
    await page.getByRole('heading', { name: `Firma de MTRA. ${ARACELI}` }).waitFor();
    await page.getByLabel('Certificado', { exact: true }).selectOption('sat');
    await page.getByLabel('Certificado (.cer)').setInputFiles(carol.cer);
    await page.getByLabel('Clave privada (.key)').setInputFiles(carol.key);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByRole('button', { name: 'Firmar' }).tap();
    const refusal = page.getByRole('alert').filter({ hasText: 'El certificado es de' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(new RegExp(`${CAROL} \\(RFC ${DEMO_RFCS[CAROL]}\\), no de MTRA\\. ${ARACELI}`));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'firma-ajena-rechazada.png') });
    // Her ink is not even offered in Araceli's box.
    expect(await page.getByLabel('Firma autógrafa en el recuadro').locator('option').allInnerTexts()).toEqual(['Sin firma autógrafa', expect.stringContaining(`MTRA. ${ARACELI}`)]);

    // Araceli takes the laptop.
    await switchUser(page, 'ARACELI', ACCOUNTS.araceli);
    await openActa(page);
    await readActa(page, 'acta-lectura-araceli.png');
    await page.getByLabel('Certificado', { exact: true }).selectOption('p12');
    await page.getByLabel('Archivo .p12 / .pfx').setInputFiles(araceli);
    await page.getByLabel('Contraseña de la clave privada').fill(PW);
    await page.getByLabel('Firma autógrafa en el recuadro').selectOption({ index: 1 });
    await page.getByLabel('PIN de la firma autógrafa').fill('197575');
    await page.getByRole('button', { name: 'Firmar' }).tap();
    await page.getByText(`Firma de MTRA. ${ARACELI} aplicada (2 de 4 firmas).`).waitFor();

    await page.getByRole('button', { name: 'Verificar firmas' }).tap();
    const panel = page.getByRole('region', { name: 'Verificación de firmas' });
    await panel.getByRole('heading', { name: 'Todas las firmas son válidas' }).waitFor();
    const rows = panel.getByRole('region', { name: 'Recuadros de firma' }).locator('tbody tr');
    expect(await rows.nth(0).innerText()).toMatch(new RegExp(`LICDA\\. ${CAROL}\\s+${CAROL}\\s+Sí, por el RFC`));
    expect(await rows.nth(1).innerText()).toMatch(new RegExp(`MTRA\\. ${ARACELI}\\s+${ARACELI}\\s+Sí, por el RFC`));
    expect(await rows.nth(2).innerText()).toContain('Sin firma');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'acta-verificada.png'), fullPage: true });

    await page.getByRole('navigation').getByRole('link', { name: 'Documentos' }).tap();
    await page.getByRole('heading', { name: 'Documentos', exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'documentos-progreso.png') });
    await page.getByRole('search').getByLabel('Estado').selectOption({ label: 'Bloqueado para firma' });
    expect(await page.getByRole('row', { name: /Acta IEM-CMI-SEORD-03\/2023/ }).innerText()).toContain('2 de 4 firmas');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'documentos-progreso.png') });
    await page.context().close();

    // Who did what: the audit log names the signed-in accounts.
    const audit = await host.call<{ actor: string; mutation: string }[]>('audit.list', { limit: 200 });
    const by = (m: string) => audit.body.value!.filter((e) => e.mutation === m).map((e) => e.actor);
    expect(by('document.lock')).toEqual(['lourdes']);
    expect(by('document.sign').sort()).toEqual(['araceli', 'carol']);
    expect(by('signature.refusedForBox')).toEqual(['carol']);

    // The signed file: pdfsig validates both signatures.
    const docs = await host.call<{ id: string; kind: string }[]>('documents.list');
    const acta = docs.body.value!.find((d) => d.kind === 'acta')!;
    const pdf = join(dir.path, 'acta.pdf');
    await writeFile(pdf, Buffer.from((await host.call<{ base64: string }>('documents.pdf', { id: acta.id })).body.value!.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Firmado electrónicamente por ${CAROL}`);
    expect(text).toContain(`Firmado electrónicamente por ${ARACELI}`);
    execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '110', '-png', '-singlefile', pdf, join(SCREENSHOT_DIR, 'hoja-de-firmas')]);
    const sig = execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
    expect(sig.match(/Signature is Valid/g)).toHaveLength(2);
    const cli = JSON.parse(await sesiona(['verify', pdf, '--json']).catch((e: { stdout: string }) => e.stdout)) as { boxes: { matches: boolean | null }[] };
    expect(cli.boxes.map((b) => b.matches)).toEqual([true, true]);
  });
});
