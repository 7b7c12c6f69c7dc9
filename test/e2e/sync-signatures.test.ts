/**
 * Issue 14, "first signature wins", as the commissioner sees it in Chromium. Two laptops signed
 * the same box of an acta offline; the secretary's laptop reached the server first. The
 * commissioner's laptop (a web host over her folder) has the acta open; once she connects in
 * Ajustes (another tab) the open acta, never reloaded, tells her who signed first and when, that
 * her signature is kept and does not count; Ajustes lists it among the refused changes.
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/services/api.js';
import { openApp, type OpenedApp } from '../../src-main/services/app/open-app.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import type { ArgsOf, CallName, ResultOf } from '../../src-shared/contract/index.js';
import { connectToServer, openPage, shot, startE2E, stopE2E, type E2E } from '../support/e2e.js';
import { DEMO_RFCS, recordDemoRfcs } from '../support/people.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from '../server/harness.js';

const PW = 'contraseña firmante';
let db: Database;
let server: TestServer;
let e2e: E2E;
let actaId = '';
let boxName = '';

async function laptop(dataDir: string, demo: boolean) {
  const app = await openApp({ dataDir, host: 'cli', actor: 'secretaria', demo });
  await app.vault.unlockWithPassphrase('frase de acceso segura');
  const call = async <K extends CallName>(name: K, args: ArgsOf<K>) => {
    const reply = await dispatch(app.handlers, name, args);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.value as ResultOf<K>;
  };
  return { app, call };
}

/** Both laptops sign the first box offline; the secretary's reaches the server first. Returns the commissioner's folder. */
async function prepare(root: string): Promise<string> {
  const ca = join(root, 'ca');
  await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas' });
  const a = await laptop(join(root, 'a'), true);
  const b = await laptop(join(root, 'b'), false);
  const apps: OpenedApp[] = [a.app, b.app];
  try {
    const people = await recordDemoRfcs(a.app.store);
    await server.user('secretaria', 'CMI', 'secretaria');
    await addUser(db, { username: 'carol', password: PASSWORD, commission: 'CMI', role: 'integrante', personId: people['CAROL BERENICE ARELLANO RANGEL']! });
    await a.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await b.call('sync.signIn', { server: server.url, username: 'carol', password: PASSWORD });
    const session = (await a.call('sessions.list', {})).find((s) => s.key === 'IEM-CMI-SEORD-03/2023')!;
    const acta = await a.call('documents.lock', { id: (await a.call('documents.createActa', { sessionId: session.id })).id });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const box = acta.signers[0]!;
    const name = Object.keys(DEMO_RFCS).find((n) => box.name.endsWith(n))!;
    const cert = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name, rfc: DEMO_RFCS[name]!, password: PW, outDir: join(root, 'firmante') });
    const credentials = { kind: 'sat' as const, cer: (await readFile(cert.certificatePath)).toString('base64'), key: (await readFile(cert.keyPath)).toString('base64') };
    await b.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials, password: PW });
    await a.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials, password: PW });
    await a.call('sync.now', {});
    actaId = acta.id;
    boxName = box.name;
  } finally {
    for (const app of apps) await app.close();
  }
  return join(root, 'b');
}

beforeAll(async () => {
  db = await openBackend('pglite');
  server = await startTestServer(db);
  e2e = await startE2E('sesiona-e2e-sync-sign-', { prepare });
}, 180_000);
afterAll(async () => {
  await stopE2E(e2e ?? {});
  await server?.close();
  await db?.close();
});

describe('first signature wins, in Chromium', () => {
  it('the open acta tells the commissioner her signature does not count, who signed first and when, and that it is kept', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const acta = await openPage(context);
      await acta.goto(`${e2e.host.url.split('#')[0]}#token=${e2e.host.token}`);
      await acta.evaluate(`window.location.hash = '#/documentos/${actaId}'`);
      await acta.getByRole('heading', { name: 'Acta IEM-CMI-SEORD-03/2023' }).waitFor();
      expect(await acta.getByRole('alert', { name: /Firma que no contó/ }).count()).toBe(0);

      const settings = await openPage(context);
      await settings.goto(e2e.host.url);
      await connectToServer(settings, server.url, 'carol', PASSWORD);
      // The round that starts with the sign-in: the open acta changes by itself.
      const notice = acta.getByRole('alert', { name: `Firma que no contó: ${boxName}` });
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.innerText()).toMatch(
        new RegExp(`^La firma de ${boxName} hecha en este equipo el .+ no cuenta: ese recuadro ya lo había firmado ${boxName} en otro equipo el .+, y esa firma llegó primero al servidor \\(cuenta «secretaria», el .+\\)\\. Se conserva en este equipo`),
      );
      await shot(acta, 'firma-que-no-conto');

      await settings.getByRole('button', { name: 'Sincronizar ahora' }).click();
      await settings.getByRole('heading', { name: 'Cambios que el servidor no aceptó' }).waitFor();
      await settings.getByText(/no cuenta: ese recuadro ya se había firmado en otro equipo por la cuenta «secretaria» el .+ Su firma se conserva en este equipo\./).waitFor();
      await shot(settings, 'firma-que-no-conto-ajustes');
    } finally {
      await context.close();
    }
  }, 180_000);
});
