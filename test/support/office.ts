import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PersonView } from '../../src-shared/contract/calls.js';
import { initCa } from '../../src-main/services/certificates/test-ca.js';
import { sesiona, startHostProcess, type HostProcess } from './host-process.js';
import { DEMO_RFCS } from './people.js';

export const CA_PASSWORD = 'clave de la CA 2026';

export interface OfficeAccount {
  role: 'secretaria' | 'consejeria';
  /** The demo person, by name as printed (without title). */
  name: string;
  password: string;
}

/**
 * An office as its setup script would leave it, with the CLI: the demo data, a test CA under
 * `root/ca`, the RFCs of the accounts' people on record and one CMI account per person; then the
 * web host (sign-in screen first), already signed in through the API as `opener` with the
 * office's key open. The caller signs out when its own setup is done.
 */
export async function openOffice(root: string, accounts: Record<string, OfficeAccount>, opener: string) {
  const data = join(root, 'datos');
  const ca = join(root, 'ca');
  await initCa(ca, { password: CA_PASSWORD });
  await sesiona(['demo', '--data-dir', data]);
  const people = JSON.parse(await sesiona(['people', 'list', '--data-dir', data, '--json'])) as PersonView[];
  const id = (name: string) => people.find((p) => p.name === name)!.id;
  for (const { name } of Object.values(accounts)) await sesiona(['people', 'set', '--data-dir', data, '--person', id(name), '--rfc', DEMO_RFCS[name]!]);
  for (const [user, { role, name, password }] of Object.entries(accounts)) {
    const file = join(root, `${user}.pw`);
    await writeFile(file, password);
    await sesiona(['users', 'add', '--data-dir', data, '--username', user, '--password-file', file, '--role', role, '--person', id(name), '--commission', 'CMI']);
  }
  const host: HostProcess = await startHostProcess(data, { signedIn: false });
  const signedIn = await host.call('auth.signIn', { username: opener, password: accounts[opener]!.password });
  if (signedIn.status !== 200) throw new Error(`cannot sign in as ${opener}`);
  await host.call('vault.unlock', { passphrase: 'frase de acceso de prueba' });
  return { data, ca, caCer: join(ca, 'ca.cer'), host, id };
}

/** Taps the account's tile on the sign-in screen and enters its password. */
export async function signInAs(page: Page, tile: string, password: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(tile) }).tap();
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).tap();
  await page.getByRole('button', { name: 'Cambiar de usuario' }).waitFor();
}

/** The laptop changes hands: «Cambiar de usuario», then the next person's tile and password. */
export async function switchUser(page: Page, tile: string, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Cambiar de usuario' }).tap();
  await page.getByText('¿Quién va a usar Sesiona?').waitFor();
  await signInAs(page, tile, password);
}
