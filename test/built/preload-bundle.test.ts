import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../src-shared/contract/names.js';

const file = new URL('../../out/preload/index.cjs', import.meta.url);

// Electron cannot run on these machines, so this is what stands between us and a window whose
// sandboxed preload silently fails to load.
describe('built preload', () => {
  it('exists as one CommonJS file (run `npm run build` first)', () => {
    expect(existsSync(file), 'out/preload/index.cjs is missing: run npm run build').toBe(true);
  });

  it('has no ESM syntax and requires nothing but electron', () => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/^\s*import[\s{*]/m);
    expect(code).not.toMatch(/^\s*export\s/m);
    expect(code).not.toMatch(/import\(/);
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes every call of the contract', () => {
    const code = readFileSync(file, 'utf8');
    expect(code).toContain('exposeInMainWorld');
    for (const name of callNames) expect(code).toContain(`"${name}"`);
  });
});

describe('built main process', () => {
  it('ships the batch-stamping worker next to the main bundle, where batch-stamp.ts looks for it', () => {
    const main = new URL('../../out/main/index.js', import.meta.url);
    const worker = new URL('../../out/main/batch-worker.js', import.meta.url);
    expect(existsSync(main)).toBe(true);
    expect(existsSync(worker), 'out/main/batch-worker.js is missing').toBe(true);
    expect(readFileSync(worker, 'utf8')).toMatch(/parentPort/);
  });
});
