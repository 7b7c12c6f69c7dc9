import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { guidelineDocx } from '../../src-main/services/guidelines/export.js';
import { journalBytes } from '../support/journal-size.js';
import { tempDir } from '../support/temp.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--data-dir', dir.path], { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => '' } as never);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

beforeEach(async () => {
  dir = await tempDir();
  expect((await run('demo')).code).toBe(0);
});
afterEach(async () => {
  await dir.cleanup();
});

async function wordFile(): Promise<string> {
  const path = join(dir.path, 'borrador.docx');
  await writeFile(
    path,
    await guidelineDocx('Lineamientos de contraseñas', [
      { kind: 'capitulo', uid: 'c', runs: [{ text: 'Disposiciones generales' }] },
      { kind: 'articulo', uid: 'a', runs: [{ text: 'Las contraseñas son personales; véase el ' }, { ref: 'b' }, { text: '.' }] },
      { kind: 'articulo', uid: 'b', runs: [{ text: 'Tendrán doce caracteres.' }] },
    ]),
  );
  return path;
}

describe('sesiona lineamiento', () => {
  it('imports a Word draft (prints the id), lists it and exports PDF and DOCX', async () => {
    const imported = await run('lineamiento', 'import', '--commission', 'CMI', await wordFile());
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const list = await run('lineamiento', 'list', '--json');
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: imported.out, title: 'Lineamientos de contraseñas', status: 'borrador', commission: 'CMI', openComments: 0 })]);
    expect((await run('lineamiento', 'list')).out).toContain(`${imported.out}  CMI  Borrador`);
    const pdf = join(dir.path, 'l.pdf');
    expect((await run('lineamiento', 'export', '--id', imported.out, '--format', 'pdf', '--out', pdf)).code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Artículo 1\.\s+Las contraseñas son personales; véase el artículo 2\./);
    expect(await run('lineamiento', 'export', '--id', imported.out, '--format', 'pdf', '--out', join(dir.path, 'no-such-folder', 'l.pdf'))).toMatchObject({
      code: 1,
      err: `error: cannot write ${join(dir.path, 'no-such-folder', 'l.pdf')}: ENOENT`,
    });
    const docx = join(dir.path, 'l.docx');
    expect((await run('lineamiento', 'export', '--id', imported.out, '--format', 'docx', '--out', docx)).code).toBe(0);
    const again = await run('lineamiento', 'import', '--commission', 'CMI', docx);
    expect(again.code).toBe(0);
  });

  it('refuses bad input in English with a non-zero exit and stores nothing', async () => {
    const before = await journalBytes(dir.path);
    const junk = join(dir.path, 'x.docx');
    await writeFile(junk, 'not a word file');
    expect(await run('lineamiento', 'import', '--commission', 'CMI', junk)).toMatchObject({ code: 1, err: 'error: the file is not a DOCX (Word) document; nothing was imported' });
    expect(await run('lineamiento', 'import', '--commission', 'XYZ', await wordFile())).toMatchObject({ code: 1 });
    expect((await run('lineamiento', 'import', '--commission', 'CMI', join(dir.path, 'missing.docx'))).err).toContain('cannot read');
    expect((await run('lineamiento', 'export', '--id', 'nope', '--format', 'pdf', '--out', 'x')).code).toBe(2);
    expect((await run('lineamiento', 'export', '--id', '01JAAAAAAAAAAAAAAAAAAAAAAA', '--format', 'odt', '--out', 'x')).err).toContain('--format must be pdf or docx');
    expect(await run('lineamiento', 'export', '--id', '01JAAAAAAAAAAAAAAAAAAAAAAA', '--format', 'pdf', '--out', 'x')).toMatchObject({ code: 1, err: 'error: no guideline with that id' });
    expect((await run('lineamiento', 'frob')).code).toBe(2);
    expect(await journalBytes(dir.path)).toBe(before);
  });
});

describe('sesiona users add --role revisor', () => {
  it('creates an office reviewer account with its office, and refuses one without an office', async () => {
    const pw = join(dir.path, 'pw');
    await writeFile(pw, 'revision-2023\n');
    const people = JSON.parse((await run('people', 'list', '--json')).out) as { id: string; name: string }[];
    const carol = people.find((p) => p.name.includes('CAROL BERENICE'))!.id;
    const missing = await run('users', 'add', '--username', 'revisor.sin', '--password-file', pw, '--role', 'revisor', '--person', carol);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('--office is required for the revisor role');
    const added = await run('users', 'add', '--username', 'revisor.carol', '--password-file', pw, '--role', 'revisor', '--person', carol, '--office', 'Oficina de la Consejera Carol');
    expect(added.code).toBe(0);
    expect(added.err).toContain('account revisor.carol (revisor');
  });
});
