import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, SCREENSHOT_DIR } from './browser.js';
import { startHostProcess, type HostProcess } from './host-process.js';
import { tempDir } from './temp.js';

/** The laptop the app is made for: 1366×768. */
export const LAPTOP = { viewport: { width: 1366, height: 768 } } as const;

export interface E2E {
  dir: Awaited<ReturnType<typeof tempDir>>;
  host: HostProcess;
  browser: Browser;
}

interface StartOptions {
  /** Signed in as the e2e administrator unless false. */
  signedIn?: boolean;
  /** Fills a data folder inside the temporary one before the host opens it, and says which. */
  prepare?: (root: string) => Promise<string>;
}

/** A fresh data folder, the web host over it and Chromium. */
export async function startE2E(prefix: string, { signedIn, prepare }: StartOptions = {}): Promise<E2E> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const dir = await tempDir(prefix);
  const data = prepare ? await prepare(dir.path) : dir.path;
  const host = await startHostProcess(data, signedIn === undefined ? {} : { signedIn });
  const browser = await launchBrowser();
  return { dir, host, browser };
}

/** Closes what `startE2E` opened, whatever part of it started. */
export async function stopE2E(e2e: Partial<E2E>): Promise<void> {
  await e2e.browser?.close();
  await e2e.host?.stop();
  await e2e.dir?.cleanup();
}

/**
 * A page at the laptop's size whose uncaught renderer errors fail the test (an unhandled rejection
 * in the renderer is a bug even when the screen looks right). On a browser each page gets its own
 * context with `options` (touch, downloads); on a context it shares that context's.
 */
export async function openPage(on: Browser | BrowserContext, options: BrowserContextOptions = {}): Promise<Page> {
  const page = 'newContext' in on ? await on.newPage({ ...LAPTOP, ...options }) : await on.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

/** A context with the network off: only the local host answers; anything else is refused and recorded in `blocked`. */
export async function offlineContext(browser: Browser, host: HostProcess, blocked: string[], options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...LAPTOP, acceptDownloads: true, ...options });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(host.origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  return context;
}

/** A full-page screenshot under test-results/screenshots, to look at after the run. */
export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

/** Ajustes → Sincronización: signs this laptop in to the sync server (the server test harness's password by default). */
export async function connectToServer(page: Page, url: string, username = 'secretaria', password = 'contraseña-larga-1'): Promise<void> {
  await page.getByRole('link', { name: 'Ajustes' }).click();
  const form = page.getByRole('form', { name: 'Servidor de sincronización' });
  await form.getByLabel('Dirección del servidor').fill(url);
  await form.getByLabel('Usuario del servidor').fill(username);
  await form.getByLabel('Contraseña del servidor').fill(password);
  await form.getByRole('button', { name: 'Iniciar sesión en el servidor' }).click();
  await page.getByText('Sesión iniciada en el servidor.').waitFor();
}
