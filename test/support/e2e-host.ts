import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, SCREENSHOT_DIR } from './browser.js';
import { startHostProcess, type HostProcess } from './host-process.js';
import { tempDir } from './temp.js';

export interface E2eHost {
  browser: Browser;
  host: HostProcess;
  dir: Awaited<ReturnType<typeof tempDir>>;
}

/**
 * The usual end-to-end fixture of a test file: a fresh data folder, the web host started on it
 * (signed in as E2E_ADMIN) and one Chromium, all stopped after the file. Read the fields inside
 * tests, once beforeAll has run.
 */
export function useHostAndBrowser(prefix: string): E2eHost {
  const fixture = {} as E2eHost;
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    fixture.dir = await tempDir(prefix);
    fixture.host = await startHostProcess(fixture.dir.path);
    fixture.browser = await launchBrowser();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.host?.stop();
    await fixture.dir?.cleanup();
  });
  return fixture;
}
