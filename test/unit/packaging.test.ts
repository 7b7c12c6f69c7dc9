import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

/** The `electronFuses:` block of electron-builder.yml as key → boolean. */
function fuses(): Record<string, boolean> {
  const lines = read('electron-builder.yml').split('\n');
  const start = lines.indexOf('electronFuses:');
  expect(start, 'electron-builder.yml has no electronFuses block').toBeGreaterThanOrEqual(0);
  const out: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\w+): (true|false)\s*$/.exec(line);
    if (!m) break;
    out[m[1]!] = m[2] === 'true';
  }
  return out;
}

describe('packaged desktop app', () => {
  it('flips the Electron fuses: no run-as-node, no NODE_OPTIONS or inspect, encrypted cookies, ASAR integrity', () => {
    const set = fuses();
    expect(set).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Names electron-builder knows: a typo would be refused only when packaging, never here.
    const scheme = JSON.parse(readFileSync(new URL('../../node_modules/app-builder-lib/scheme.json', import.meta.url), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    for (const key of Object.keys(set)) expect(Object.keys(scheme.definitions.FuseOptionsV1.properties)).toContain(key);
  });

  it('fetches the Electron binary before start, dev and dist, and the README names the Node version', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    for (const name of ['start', 'dev', 'dist']) expect(scripts[name], name).toMatch(/^node bin\/ensure-electron\.js && electron-vite /);
    expect(read('README.md')).toMatch(/Node(\.js)? 22\.12/);
  });
});
