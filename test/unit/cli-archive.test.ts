/**
 * `sesiona audit verify`, `search` and `export-session` on real data folders, as an auditor or
 * an archivist would run them.
 */
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { loadDemo } from '../../src-main/services/demo/load-demo.js';
import { createSession, setSessionStatus } from '../../src-main/services/sessions/sessions.js';
import { Store } from '../../src-main/services/store/store.js';
import { signedActaFolder, type SignedActa } from '../support/signed-acta.js';
import { tempDir } from '../support/temp.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } };
}

let signed: Awaited<ReturnType<typeof tempDir>>;
let f: SignedActa;
beforeAll(async () => {
  signed = await tempDir();
  f = await signedActaFolder(signed.path);
  await f.store.close();
}, 120_000);
afterAll(async () => {
  await signed?.cleanup();
});

describe('sesiona audit verify', () => {
  it('passes an untouched folder and names the first altered entry with its segment', async () => {
    const dir = await tempDir();
    try {
      // Small segments, so the altered entry sits in a sealed segment in the middle of the log.
      const store = await Store.open(dir.path, { segmentEntries: 3 });
      await store.mutate(loadDemo, {}, 'prueba');
      const cmi = store.all('commissions').find((c) => c.acronym === 'CMI')!;
      const session = await store.mutate(
        createSession,
        { commissionId: cmi.id, type: 'ordinaria', date: '2023-10-30', modality: 'hibrida', agenda: ['Lectura del proyecto de acta'] },
        'secretaria',
      );
      for (const status of ['celebrada', 'programada', 'celebrada', 'programada', 'celebrada'] as const) {
        await store.mutate(setSessionStatus, { id: session.id, status }, 'secretaria');
      }
      await store.close();

      const clean = capture();
      expect(await main(['audit', 'verify', '--data-dir', dir.path], clean.io)).toBe(0);
      expect(clean.out.join('\n')).toBe('audit log intact: 7 entries, hash chain and sealed segments verified');

      const segments = (await readdir(join(dir.path, 'audit'))).filter((n) => n.startsWith('log-')).sort();
      expect(segments).toEqual(['log-0000000001.jsonl', 'log-0000000004.jsonl', 'log-0000000007.jsonl']);
      const path = join(dir.path, 'audit', 'log-0000000004.jsonl');
      const lines = (await readFile(path, 'utf8')).split('\n');
      lines[1] = lines[1]!.replace('"actor":"secretaria"', '"actor":"alguien mas"');
      await writeFile(path, lines.join('\n'));

      const broken = capture();
      expect(await main(['audit', 'verify', '--data-dir', dir.path], broken.io)).toBe(1);
      expect(broken.err.at(-1)).toBe('error: audit log broken: first altered entry is sequence 5 in segment audit/log-0000000004.jsonl');
      const json = capture();
      expect(await main(['audit', 'verify', '--data-dir', dir.path, '--json'], json.io)).toBe(1);
      expect(JSON.parse(json.out.join(''))).toMatchObject({ ok: false, brokenAt: 5, segment: 'log-0000000004.jsonl' });

      // A line cut short (not JSON at all) keeps the folder from opening; the command still names it.
      lines[1] = lines[1]!.slice(0, 40);
      await writeFile(path, lines.join('\n'));
      const torn = capture();
      expect(await main(['audit', 'verify', '--data-dir', dir.path], torn.io)).toBe(1);
      expect(torn.err.at(-1)).toMatch(/^error: audit log broken: entry sequence 5 \(line 2\) in segment audit\/log-0000000004\.jsonl is unreadable/);
    } finally {
      await dir.cleanup();
    }
  });

  it('refuses, in English and naming the file, a sealed folder whose checkpoint lost its head signature', async () => {
    const dir = await tempDir();
    try {
      await cp(signed.path, dir.path, { recursive: true });
      const clean = capture();
      expect(await main(['audit', 'verify', '--data-dir', dir.path], clean.io)).toBe(0);
      const path = join(dir.path, 'data', 'checkpoint.json');
      const { anchor, ...stripped } = JSON.parse(await readFile(path, 'utf8')) as { anchor?: unknown };
      expect(anchor).toBeDefined(); // locking the acta made the office seal, which signs the head
      await writeFile(path, JSON.stringify(stripped));
      const c = capture();
      expect(await main(['audit', 'verify', '--data-dir', dir.path], c.io)).toBe(1);
      expect(c.err.at(-1)).toMatch(/^error: chain head signature missing from data\/checkpoint\.json: .*nothing was deleted/);
    } finally {
      await dir.cleanup();
    }
  });

  it('explains bad usage', async () => {
    const c = capture();
    expect(await main(['audit', 'repair'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/audit needs: verify/);
  });
});

describe('sesiona search', () => {
  it('finds the signed acta by a phrase of its text and by a signer', async () => {
    const c = capture();
    expect(await main(['search', '--data-dir', signed.path, 'hoja de firmas'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain(f.acta.id);
    expect(text).toContain('[IEM-CMI-SEORD-03/2023]');
    expect(text).toContain(`signed by: ${f.acta.signers.map((s) => s.name).join('; ')}`);
    const none = capture();
    expect(await main(['search', '--data-dir', signed.path, 'inexistente-xyz'], none.io)).toBe(0);
    expect(none.err.join('')).toBe('no documents match');
    const bad = capture();
    expect(await main(['search', '--data-dir', signed.path, '--kind', 'virus', 'x'], bad.io)).toBe(2);
  });
});

describe('sesiona export-session', () => {
  it('writes the session’s ZIP whose manifest matches every file', async () => {
    const out = join(signed.path, 'expediente.zip');
    const c = capture();
    expect(await main(['export-session', '--data-dir', signed.path, '--session', 'IEM-CMI-SEORD-03/2023', '--out', out], c.io)).toBe(0);
    expect(c.err.join('')).toMatch(/^wrote .*expediente\.zip: session IEM-CMI-SEORD-03\/2023, 1 document\(s\)/);
    const files = unzipSync(await readFile(out));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { name: string; sha256: string }[] };
    expect(manifest.files.length).toBeGreaterThanOrEqual(4);
    for (const m of manifest.files) expect(createHash('sha256').update(files[m.name]!).digest('hex')).toBe(m.sha256);
    const missing = capture();
    expect(await main(['export-session', '--data-dir', signed.path, '--session', 'IEM-XXX-SEORD-01/2020', '--out', out], missing.io)).toBe(1);
    expect(missing.err.join('')).toBe('error: no session with key IEM-XXX-SEORD-01/2020');
    const usage = capture();
    expect(await main(['export-session', '--data-dir', signed.path, '--session', 'IEM-CMI-SEORD-03/2023'], usage.io)).toBe(2);
  });
});
