import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectImage } from '../../src-main/services/activities/images.js';
import { DEFAULT_INSTITUTE } from '../../src-main/services/pdf/layout/letterhead.js';
import { makePng, pngFromIdat } from '../support/images.js';
import { sessionApp } from '../support/session-app.js';

let t: Awaited<ReturnType<typeof sessionApp>>;
beforeEach(async () => {
  t = await sessionApp();
});
afterEach(async () => {
  await t.close();
});

const institute = (changes: { acronym?: string; logo?: Buffer }) =>
  ({
    name: DEFAULT_INSTITUTE.name,
    acronym: changes.acronym ?? DEFAULT_INSTITUTE.acronym,
    offices: DEFAULT_INSTITUTE.offices,
    website: DEFAULT_INSTITUTE.website,
    city: DEFAULT_INSTITUTE.city,
    ...(changes.logo ? { logo: changes.logo.toString('base64') } : {}),
  }) as const;

const newSession = (date: string) => t.call('sessions.create', { commissionId: t.cmi().id, type: 'ordinaria', date, modality: 'virtual', agenda: ['Asuntos generales'] });

/** Width × height of every image a PDF draws, as pdfimages lists them. */
async function imagesIn(base64: string, name: string): Promise<string[]> {
  const path = join(t.dir, name);
  await writeFile(path, Buffer.from(base64, 'base64'));
  const rows = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return [...new Set(rows.map((r) => r.trim().split(/\s+/).slice(3, 5).join('×')))];
}

describe('the institute’s acronym in session keys', () => {
  it('numbers new sessions with the acronym as set; sessions made before keep theirs, even when edited', async () => {
    const before = await newSession('2024-03-10');
    expect(before.key).toBe('IEM-CMI-SEORD-01/2024');
    await t.call('sessions.convene', { id: before.id });

    await t.call('institute.save', institute({ acronym: 'IEMICH' }));
    const after = await newSession('2024-04-10');
    expect(after.key).toBe('IEMICH-CMI-SEORD-02/2024');
    expect(t.app.store.get('sessions', before.id)!.key).toBe('IEM-CMI-SEORD-01/2024');

    // Editing the place keeps the key; a confirmed change of type changes only the type's code.
    expect((await t.call('sessions.update', { id: before.id, place: 'Sala de consejo' })).key).toBe('IEM-CMI-SEORD-01/2024');
    const retyped = await t.call('sessions.update', { id: before.id, type: 'extraordinaria', confirmRenumber: true });
    expect([retyped.key, retyped.previousKeys]).toEqual(['IEM-CMI-SEEXT-01/2024', ['IEM-CMI-SEORD-01/2024']]);
    const list = await t.call('sessions.list', { year: 2024 });
    expect(list.map((s) => s.key).sort()).toEqual(['IEM-CMI-SEEXT-01/2024', 'IEMICH-CMI-SEORD-02/2024']);
  });

  it('gives 100 sessions created at once 100 consecutive keys under the acronym set', async () => {
    await t.call('institute.save', institute({ acronym: 'IEMICH' }));
    const made = await Promise.all(Array.from({ length: 100 }, (_, i) => newSession(`2025-${String((i % 12) + 1).padStart(2, '0')}-10`)));
    const expected = Array.from({ length: 100 }, (_, i) => `IEMICH-CMI-SEORD-${String(i + 1).padStart(2, '0')}/2025`);
    expect(made.map((s) => s.key).sort()).toEqual(expected.sort());
  });

  it('refuses an acronym that could not stand in a key, and keeps the one set', async () => {
    expect(await t.refused('institute.save', institute({ acronym: 'IE-M' }))).toContain('Las siglas van en mayúsculas');
    expect(await t.refused('institute.save', institute({ acronym: 'iem' }))).toContain('Las siglas van en mayúsculas');
    expect((await newSession('2024-05-10')).key).toBe('IEM-CMI-SEORD-01/2024');
  });
});

describe('the institute’s logo on the letterhead', () => {
  it('prints an uploaded PNG on the convocatoria and the acta instead of the app’s logo', async () => {
    const s = await newSession('2024-03-10');
    const plain = await t.call('sessions.convocatoriaPdf', { id: s.id });
    expect(await imagesIn(plain.base64, 'sin-logo.pdf')).toEqual(['512×512']);

    await t.call('institute.save', institute({ logo: makePng(240, 120, 5) }));
    expect((await t.call('institute.get', {})).logo).toMatch(/^[0-9a-f]{64}$/);
    const convocatoria = await t.call('sessions.convocatoriaPdf', { id: s.id });
    expect(await imagesIn(convocatoria.base64, 'convocatoria.pdf')).toEqual(['240×120']);
    const acta = await t.call('minutes.create', { sessionId: s.id });
    expect(await imagesIn((await t.call('minutes.pdf', { id: acta.id })).base64, 'acta.pdf')).toEqual(['240×120']);

    // Saving the other fields again keeps the logo.
    await t.call('institute.save', institute({ acronym: 'IEM' }));
    expect(await imagesIn((await t.call('sessions.convocatoriaPdf', { id: s.id })).base64, 'otra-vez.pdf')).toEqual(['240×120']);
  });

  it('takes a JPEG logo, also when its bytes are a view into a larger buffer (as small Buffers in Node are)', async () => {
    const jpeg = await readFile(join(import.meta.dirname, '../fixtures/images/logo-300x150.jpg'));
    const view = Buffer.concat([Buffer.alloc(1000, 0xff), jpeg]).subarray(1000);
    expect(view.byteOffset).toBeGreaterThan(0);
    expect(await inspectImage(view)).toEqual({ mediaType: 'image/jpeg', width: 300, height: 150 });
    await t.call('institute.save', institute({ logo: view }));
    const s = await newSession('2024-03-10');
    expect(await imagesIn((await t.call('sessions.convocatoriaPdf', { id: s.id })).base64, 'jpeg.pdf')).toEqual(['300×150']);
  });

  it('refuses a file that is not a whole PNG or JPEG, promptly, and keeps the logo it had', async () => {
    const good = makePng(64, 64, 1);
    await t.call('institute.save', institute({ logo: good }));
    const kept = (await t.call('institute.get', {})).logo;
    const pixels = deflateSync(Buffer.alloc((64 * 3 + 1) * 64, 7));
    const hostile: [string, Buffer][] = [
      ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n')],
      ['text', Buffer.from('esto no es una imagen')],
      ['a PNG cut in half', good.subarray(0, Math.floor(good.length / 2))],
      // Intact chunks around image data cut short: the file pdf-lib's PNG decoder never returns on.
      ['a PNG whose image data is cut short', pngFromIdat(64, 64, pixels.subarray(0, Math.floor(pixels.length / 3)))],
      ['a JPEG cut short', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03])],
    ];
    const blobsBefore = execFileSync('ls', [join(t.dir, 'blobs')], { encoding: 'utf8' });
    for (const [what, bytes] of hostile) {
      const message = await t.refused('institute.save', institute({ logo: bytes }));
      expect(message, what).toMatch(/^No se guardó el logotipo\. El archivo no es una imagen PNG o JPEG válida \(.+\)\.$/);
    }
    expect(await t.refused('institute.save', institute({ logo: makePng(2400, 300) }))).toBe('No se guardó el logotipo: mide 2400 × 300 píxeles; use uno de hasta 2000 × 2000.');
    expect((await t.call('institute.get', {})).logo).toBe(kept);
    expect(execFileSync('ls', [join(t.dir, 'blobs')], { encoding: 'utf8' })).toBe(blobsBefore);
  });
});
