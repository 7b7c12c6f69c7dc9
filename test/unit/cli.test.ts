import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { tempDir } from '../support/temp.js';

function capture(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => stdin } };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

describe('sesiona CLI', () => {
  it('loads the demo data and exports both seeds’ content as JSON', async () => {
    const demo = capture();
    expect(await main(['demo', '--data-dir', dir.path], demo.io)).toBe(0);
    const exp = capture();
    expect(await main(['export', '--data-dir', dir.path], exp.io)).toBe(0);
    const dump = JSON.parse(exp.out.join('\n')) as {
      collections: Record<string, { key?: string; acronym?: string; sections?: { number: string }[]; entries?: unknown[] }[]>;
    };
    expect(dump.collections.commissions!.map((c) => c.acronym).sort()).toEqual(['CMI', 'CVSPE']);
    expect(dump.collections.sessions!.map((s) => s.key).sort()).toEqual([
      'IEM-CMI-SEORD-03/2023',
      'IEM-CMI-SEORD-05/2023',
      'IEM-CMI-SEXTU-04/2023',
    ]);
    expect(dump.collections.programmes![0]!.sections!.map((s) => s.number)).toContain('6.3');
    expect(dump.collections.calendars![0]!.entries).toHaveLength(12);
    const text = exp.out.join('\n');
    expect(text).toContain('Implementar la Biblioteca digital');
    expect(text).toContain('VIRIDIANA VILLASEÑOR AGUIRRE');
  });

  it('refuses to load demo data twice', async () => {
    expect(await main(['demo', '--data-dir', dir.path], capture().io)).toBe(0);
    const again = capture();
    expect(await main(['demo', '--data-dir', dir.path], again.io)).toBe(2);
    expect(again.err.join('')).toMatch(/already has records/);
  });

  it('explains bad usage in English with a non-zero exit', async () => {
    const unknown = capture();
    expect(await main(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toMatch(/unknown command "frobnicate"/);
    const badFlag = capture();
    expect(await main(['export', '--colour'], badFlag.io)).toBe(2);
    expect(badFlag.err.join('')).toMatch(/^error: Unknown option '--colour'/);
  });

  it('runs as the `sesiona` command, printing JSON to stdout and errors to stderr', () => {
    const bin = fileURLToPath(new URL('../../bin/sesiona.js', import.meta.url));
    const demo = spawnSync(process.execPath, [bin, 'demo', '--data-dir', dir.path], { encoding: 'utf8' });
    expect(demo.status).toBe(0);
    const exp = spawnSync(process.execPath, [bin, 'export', '--data-dir', dir.path], { encoding: 'utf8' });
    expect(exp.status).toBe(0);
    expect(JSON.parse(exp.stdout).format).toBe('sesiona-export');
    const bad = spawnSync(process.execPath, [bin, 'export', '--data-dir', '/etc/passwd/not-a-folder'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: /);
    // Three Node processes that compile TypeScript at start: on the shared 2-core machine (load
    // average near 20) each takes about 18 s of wall time for 2.5 s of CPU.
  }, 120_000);

  it('encodes and decodes base30 signatures line by line', async () => {
    const strokes = [
      [{ x: [1, 2, 3], y: [4, 5, -6] }],
      [{ x: [100], y: [200] }, { x: [0, 10], y: [0, -10] }],
    ];
    const enc = capture(strokes.map((s) => JSON.stringify(s)).join('\n') + '\n');
    expect(await main(['base30', 'encode'], enc.io)).toBe(0);
    const lines = enc.out.join('\n').split('\n');
    expect(lines).toHaveLength(2);
    const dec = capture(`image/jsignature;base30,${lines[0]}\n${lines[1]}\n`);
    expect(await main(['base30', 'decode'], dec.io)).toBe(0);
    expect(dec.out.join('\n').split('\n').map((l) => JSON.parse(l))).toEqual(strokes);
  });

  it('stops at the first bad base30 line and says which', async () => {
    const dec = capture('3E_6O_0a_0Za\n3E_6O\n1_Z?\n');
    expect(await main(['base30', 'decode'], dec.io)).toBe(1);
    expect(dec.out.join('\n').split('\n')).toHaveLength(2);
    expect(dec.err.join('')).toMatch(/^error: line 3: invalid character '\?'/);
    const enc = capture('{"x":[1]}\n');
    expect(await main(['base30', 'encode'], enc.io)).toBe(1);
    expect(enc.err.join('')).toMatch(/^error: line 1: expected a JSON array of strokes/);
    expect(await main(['base30', 'sideways'], capture().io)).toBe(2);
  });

  it('creates a test CA and issues SAT-format certificates, refusing bad input', async () => {
    const pw = join(dir.path, 'pw');
    await writeFile(pw, 'clave de la CA 2026\n');
    const ca = join(dir.path, 'ca');
    const init = capture();
    expect(await main(['ca', 'init', '--out', ca, '--password-file', pw], init.io)).toBe(0);
    expect(init.err.join('')).toMatch(/Not legally equivalent to the SAT e\.firma/);
    const out = join(dir.path, 'certs');
    const issue = capture();
    const args = ['ca', 'issue', '--ca', ca, '--ca-password-file', pw, '--name', 'VIRIDIANA VILLASEÑOR AGUIRRE', '--out', out, '--password-file', pw];
    expect(await main([...args, '--rfc', 'VIAV800101AB1'], issue.io)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['VIAV800101AB1.cer', 'VIAV800101AB1.key']);
    const bad = capture();
    expect(await main([...args, '--rfc', 'NO-ES-RFC'], bad.io)).toBe(1);
    expect(bad.err.join('')).toMatch(/^error: invalid input: El RFC/);
    const missing = capture();
    expect(await main(['ca', 'issue', '--ca', ca], missing.io)).toBe(2);
    expect(missing.err.join('')).toMatch(/missing --ca-password-file|cannot read/);
  });

  it('has verify-print wired in, answering bad usage with exit 2', async () => {
    const run = capture();
    expect(await main(['verify-print', '--qr', 'SESIONA|1|X|1|00'], run.io)).toBe(2);
  });
});
