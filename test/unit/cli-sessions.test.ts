import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { journalBytes } from '../support/journal-size.js';
import { tempDir } from '../support/temp.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
const run = async (...argv: string[]) => {
  const c = capture();
  const code = await main([...argv, '--data-dir', dir.path], c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
};
const journal = () => journalBytes(dir.path);
const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

beforeEach(async () => {
  dir = await tempDir();
  expect((await run('demo')).code).toBe(0);
});
afterEach(async () => {
  await dir.cleanup();
});

describe('sesiona session / agenda / convocatoria / acta', () => {
  it('creates sessions numbered across types, builds an agenda and writes the convocatoria', async () => {
    const first = await run('session', 'create', '--commission', 'CMI', '--type', 'ordinaria', '--date', '2023-09-29', '--time', '10:00', '--modality', 'virtual');
    expect(first).toMatchObject({ code: 0, out: 'IEM-CMI-SEORD-06/2023' });
    const second = await run('session', 'create', '--commission', 'CMI', '--type', 'extraordinaria_urgente', '--date', '2023-10-02');
    expect(second.out).toBe('IEM-CMI-SEXTU-07/2023');
    for (const text of ['INFORME DE LA RED.', 'INFORME DE LA FIRMA ELECTRÓNICA.', 'ASUNTOS GENERALES.']) {
      expect((await run('agenda', 'add', '--session', first.out, '--text', text)).code).toBe(0);
    }
    const out = join(dir.path, 'convocatoria.pdf');
    expect((await run('convocatoria', '--session', first.out, '--out', out)).code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('IEM-CMI-SEORD-06/2023');
    expect(text).toContain('29 veintinueve de septiembre de 2023 dos mil veintitrés');
    expect(text).toMatch(/PRIMERO\. INFORME DE LA RED\. SEGUNDO\. INFORME DE LA FIRMA ELECTRÓNICA\. TERCERO\. ASUNTOS GENERALES\./);
    expect(text).toContain('Página 1 de 1');
    for (const name of ['CAROL BERENICE ARELLANO RANGEL', 'ARACELI GUTIÉRREZ CORTÉZ', 'VIRIDIANA VILLASEÑOR AGUIRRE', 'MARÍA DE LOURDES BECERRA PÉREZ']) expect(text).toContain(name);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBe(2);
    for (const line of fonts) expect(line).toMatch(/^DejaVuSans\S* +CID TrueType +Identity-H +yes/);
  });

  it('refuses bad input in English with a non-zero exit and stores nothing', async () => {
    const before = await journal();
    const cases: [string[], RegExp][] = [
      [['session', 'create', '--commission', 'CMI', '--type', 'ordinaria', '--date', '2023-02-30'], /--date 2023-02-30 is not a real date/],
      [['session', 'create', '--commission', 'CMI', '--type', 'ordinaria', '--date', '2023-05-30', '--number', '3'], /a session with key IEM-CMI-SEORD-03\/2023 already exists/],
      [['session', 'create', '--commission', 'XYZ', '--type', 'ordinaria', '--date', '2023-05-30'], /no commission XYZ/],
      [['agenda', 'add', '--session', 'IEM-CMI-SEORD-05/2023', '--text', '   '], /--text is empty/],
      [['agenda', 'add', '--session', 'IEM-CMI-SEORD-05/2023', '--text', 'Lectura del acta', '--approves', 'IEM-CMI-SEORD-03/2023'], /session IEM-CMI-SEORD-03\/2023 has no minutes to approve/],
      [['acta', 'pdf', '--session', 'IEM-CMI-SEORD-05/2023', '--out', join(dir.path, 'a.pdf')], /has no minutes yet/],
      [['convocatoria', '--session', 'IEM-CMI-SEORD-99/2023', '--out', join(dir.path, 'c.pdf')], /no session with key/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBeGreaterThan(0);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err).not.toMatch(/[áéíóúñ¿]/);
    }
    expect(await journal()).toBe(before);
  });
});
