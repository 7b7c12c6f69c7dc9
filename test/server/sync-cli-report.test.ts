/**
 * `sesiona sync` tells what did not count, in English: a change made offline to a record another
 * laptop deleted first, a signature another laptop's reached the server before, and a file still
 * pendiente de recibir. A round that worked exits 0 with them; a refused signature still exits 1.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import { makePng } from '../support/images.js';
import { DEMO_RFCS, recordDemoRfcs } from '../support/people.js';
import { tempDir } from '../support/temp.js';
import { openBackend, PASSWORD, startTestServer, type TestServer } from './harness.js';
import { laptop, reopen, type Laptop } from './laptop.js';

const PW = 'contraseña firmante';
const PHRASE = 'frase de acceso segura';

describe('sesiona sync reports what did not count (PostgreSQL)', () => {
  let db: Database;
  let server: TestServer;
  let a: Laptop;
  let b: Laptop;
  let certs: Awaited<ReturnType<typeof tempDir>>;
  const carol = 'CAROL BERENICE ARELLANO RANGEL';
  let credentials: { kind: 'sat'; cer: string; key: string };

  beforeAll(async () => {
    certs = await tempDir('sesiona-certs-');
    const ca = join(certs.path, 'ca');
    await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas' });
    const issued = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name: carol, rfc: DEMO_RFCS[carol]!, password: PW, outDir: join(certs.path, 'carol') });
    credentials = { kind: 'sat', cer: (await readFile(issued.certificatePath)).toString('base64'), key: (await readFile(issued.keyPath)).toString('base64') };
    db = await openBackend('postgres');
    server = await startTestServer(db);
    a = await laptop(true, { passphrase: PHRASE });
    b = await laptop(false, { passphrase: PHRASE });
    const people = await recordDemoRfcs(a.app.store);
    await server.user('secretaria', 'CMI', 'secretaria');
    await addUser(db, { username: 'carol', password: PASSWORD, commission: 'CMI', role: 'integrante', personId: people[carol]! });
    for (const l of [a, b]) await l.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
    await db?.close();
    await certs?.cleanup();
  });

  /** `sesiona sync` on B's folder, closed first (the CLI opens it itself). */
  async function cliSync(): Promise<{ code: number; out: string; err: string }> {
    await b.app.close();
    const pw = join(b.dir, 'pw');
    await writeFile(pw, `${PASSWORD}\n`);
    // With the passphrase the CLI keeps the refresh token sealed, so the reopened laptop syncs as before.
    const phrase = join(b.dir, 'frase');
    await writeFile(phrase, `${PHRASE}\n`);
    const out: string[] = [];
    const err: string[] = [];
    const args = ['sync', '--data-dir', join(b.dir, 'datos'), '--server', server.url, '--username', 'secretaria', '--password-file', pw, '--passphrase-file', phrase];
    const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), stdin: async () => '' });
    b = await reopen(b, { passphrase: PHRASE });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the changes that did not count and the files still awaited, and exits 0', async () => {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const doomed = await a.call('guidelines.create', { commissionId: cmi.id, title: 'Lineamiento que se elimina' });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    // Offline on B, a comment on the guideline; A deletes the guideline and adds an image whose file goes missing before A syncs.
    await b.call('guidelines.comment', { id: doomed.id, text: 'Comentario escrito sin conexión.' });
    await a.call('drafts.delete', { kind: 'lineamiento', id: doomed.id, reason: 'Duplicado de otro lineamiento', confirm: true });
    const activity = a.app.store.all('activities')[2]!;
    const added = await a.call('progress.addEvidence', { id: activity.id, period: 3, caption: 'Minuta firmada.', image: makePng(30, 30, 11).toString('base64') });
    const sha = added.progress.find((p) => p.period === 3)!.evidence.at(-1)!;
    await rename(join(a.app.store.dataDir, 'blobs', sha), join(a.dir, 'apartado.png'));
    expect((await a.call('sync.now', {})).rejected).toEqual([]);

    const run = await cliSync();
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^pushed \d+, pulled \d+, rejected 0$/m);
    // The comment; the guideline's last-change stamp that came with it is not reported (nothing the user wrote).
    expect(run.out).toMatch(/^not counted 1, signatures not counted 0, files awaited 1$/m);
    const comment = b.app.store.all('guidelineComments').find((c) => c.guidelineId === doomed.id)!;
    const deleted = 'the record was deleted on another laptop by account "secretaria" on \\S+';
    expect(run.out).toMatch(new RegExp(`^change not counted: change of guidelineComments/${comment.id} "Lineamiento que se elimina" made here on \\S+: ${deleted} \\(its guideline was deleted\\); kept in this folder$`, 'm'));
    expect(run.out).not.toMatch(`change of guidelines/${doomed.id}`);
    expect(run.out).toMatch(new RegExp(`^file awaited: ${sha} \\(named by a record received here, not yet on the server; since \\S+; asked for again on every sync\\)$`, 'm'));
    // Told once: the next round has nothing new that did not count, but the file is still on its way.
    const again = await cliSync();
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^not counted 0, signatures not counted 0, files awaited 1$/m);
    expect(again.out).not.toMatch(/change not counted/);
  });

  it('prints a signature that did not count, with who signed first; the refusal exits 1', async () => {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const session = await a.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2026-12-18', modality: 'presencial', agenda: ['Lectura del orden del día.'] });
    const acta = await a.call('documents.lock', { id: (await a.call('documents.createActa', { sessionId: session.id })).id });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const box = acta.signers.find((s) => s.name.endsWith(carol))!;
    // Both offline: Carol signs her box on each laptop; A reaches the server first.
    await b.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials, password: PW });
    await a.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials, password: PW });
    expect((await a.call('sync.now', {})).rejected).toEqual([]);

    const run = await cliSync();
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: the server refused 1 change\(s\)/);
    expect(run.out).toMatch(new RegExp(`^rejected sign documents/${acta.id}: `, 'm'));
    expect(run.out).toMatch(/^not counted 0, signatures not counted 1, files awaited 1$/m);
    const title = acta.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(run.out).toMatch(
      new RegExp(`^signature not counted: box "${box.name}" of "${title}" \\(documents/${acta.id}\\): the box was already signed on another laptop \\(account "secretaria"\\), which reached the server first; kept in this folder; the document shows the server's version$`, 'm'),
    );
  });
});
