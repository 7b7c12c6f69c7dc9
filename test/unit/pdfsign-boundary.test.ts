import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVICES = resolve(import.meta.dirname, '../../src-main/services');

function sources(folder: string): string[] {
  return readdirSync(join(SERVICES, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SERVICES, folder, f));
}

describe('pdfsign boundary', () => {
  it('printcheck and timestamp reach pdfsign only through pdfsign/index.ts', () => {
    const offenders = ['printcheck', 'timestamp'].flatMap(sources).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '\.\.\/pdfsign\/([^']+)'/g)].filter((m) => m[1] !== 'index.js').map((m) => `${file}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });

  it('there is one DER codec', () => {
    const ders = readdirSync(SERVICES, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)der\.ts$/.test(f));
    expect(ders).toEqual(['certificates/der.ts']);
  });
});
