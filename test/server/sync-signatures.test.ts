/**
 * Signatures across laptops (issue 14, point 4), through the real server on PostgreSQL and
 * PGlite, with two data folders: the secretary's laptop (A, synced with the secretaría's account,
 * where commissioners may sign too) and a commissioner's laptop (B, synced with her own account).
 * What a user would notice: a box signed on B shows signed on A with the same signed PDF (pdfsig
 * valid); two signatures of one box made offline on both laptops: the first to reach the server
 * counts, the other laptop's signer is told who signed first and when, on the document and in
 * Ajustes → Sincronización, and their signature is kept; a sign sent twice counts once; a sign
 * the server cannot place is refused with a clear message.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineMutation } from '../../src-main/services/store/store.js';
import { ServerClient, SyncHttpError } from '../../src-main/services/sync/server-client.js';
import { initCa, issueCertificate } from '../../src-main/services/certificates/test-ca.js';
import { addUser } from '../../src-server/accounts.js';
import type { Database } from '../../src-server/db.js';
import type { DocumentSummary } from '../../src-shared/contract/index.js';
import type { Change, LoginResponse, PullResponse, PushResponse } from '../../src-shared/sync/protocol.js';
import { DEMO_RFCS, recordDemoRfcs } from '../support/people.js';
import { tempDir } from '../support/temp.js';
import { laptop, reopen as restart, type Laptop } from './laptop.js';
import { BACKENDS, call, hlc, openBackend, PASSWORD, startTestServer, type TestServer } from './harness.js';

const PW = 'contraseña firmante';

/** The secretary takes a locked acta back to draft (as a correction would): its boxes are empty again. */
const reopen = defineMutation({
  name: 'test.reopenActa',
  args: z.object({ id: z.string() }),
  apply(ctx, { id }) {
    const doc = ctx.get('documents', id)!;
    return { puts: [{ collection: 'documents' as const, record: { ...doc, status: 'borrador' as const } }], result: () => undefined };
  },
});

/** pdfsig's count of valid signatures in a laptop's current version of a document. */
async function validSignatures(l: Laptop, id: string): Promise<number> {
  const { base64 } = await l.call('documents.pdf', { id });
  const file = join(l.dir, `${id}.pdf`);
  await writeFile(file, Buffer.from(base64, 'base64'));
  const out = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
  return (out.match(/Signature Validation: Signature is Valid\./g) ?? []).length;
}

describe.each(BACKENDS)('signatures across laptops on %s', (backend) => {
  let db: Database;
  let server: TestServer;
  let a: Laptop;
  let b: Laptop;
  let carol: LoginResponse;
  const creds: Record<string, { kind: 'sat'; cer: string; key: string }> = {};
  const people: Record<string, string> = {};
  let certs: Awaited<ReturnType<typeof tempDir>>;

  const credentialsFor = (boxName: string) => creds[Object.keys(creds).find((n) => boxName.endsWith(n))!]!;
  async function newActa(l: Laptop, nth: number): Promise<DocumentSummary> {
    const sessions = (await l.call('sessions.list', {})).filter((s) => s.key.includes('-CMI-') && s.status !== 'cancelada');
    const acta = await l.call('documents.createActa', { sessionId: sessions[nth % sessions.length]!.id });
    return l.call('documents.lock', { id: acta.id });
  }

  beforeAll(async () => {
    certs = await tempDir('sesiona-certs-');
    const ca = join(certs.path, 'ca');
    await initCa(ca, { password: 'clave de la CA', name: 'AC de pruebas' });
    for (const [name, rfc] of Object.entries(DEMO_RFCS)) {
      const { certificatePath, keyPath } = await issueCertificate({ caDir: ca, caPassword: 'clave de la CA', name, rfc, password: PW, outDir: join(certs.path, rfc) });
      creds[name] = { kind: 'sat', cer: (await readFile(certificatePath)).toString('base64'), key: (await readFile(keyPath)).toString('base64') };
    }
    db = await openBackend(backend);
    server = await startTestServer(db);
    a = await laptop(true, { passphrase: 'frase de acceso segura' });
    b = await laptop(false, { passphrase: 'frase de acceso segura' });
    Object.assign(people, await recordDemoRfcs(a.app.store));
    // The server's accounts name the app's person ids: one identity on every laptop and on the server.
    await server.user('secretaria', 'CMI', 'secretaria');
    for (const [name, username] of [['CAROL BERENICE ARELLANO RANGEL', 'carol'], ['ARACELI GUTIÉRREZ CORTÉZ', 'araceli']] as const) {
      await addUser(db, { username, password: PASSWORD, commission: 'CMI', role: 'integrante', personId: people[name]! });
    }
    carol = await server.login('carol');
    await a.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD });
    await b.call('sync.signIn', { server: server.url, username: 'carol', password: PASSWORD });
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

  /**
   * A locked acta of a session on `date`, synced to both laptops; the secretary takes it back to
   * draft on A and syncs, while Carol, offline on B, signs the copy she has.
   */
  async function signedAfterReopen(date: string) {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const session = await a.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date, modality: 'presencial', agenda: ['Lectura del orden del día.'] });
    const acta = await a.call('documents.lock', { id: (await a.call('documents.createActa', { sessionId: session.id })).id });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    await a.app.store.mutate(reopen, { id: acta.id }, 'secretaria');
    expect((await a.call('sync.now', {})).rejected).toEqual([]);
    const box = (await b.call('documents.get', { id: acta.id })).signers[0]!;
    await b.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials: credentialsFor(box.name), password: PW });
    return { acta, box, signedPdf: b.app.store.get('documents', acta.id)!.pdf };
  }

  it('a box signed on the commissioner\'s laptop shows signed on the secretary\'s, as that person\'s, with the same signed PDF', async () => {
    expect(carol.account.personId).toBe(people['CAROL BERENICE ARELLANO RANGEL']);
    const acta = await newActa(a, 0);
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const onB = await b.call('documents.get', { id: acta.id });
    expect(onB.status).toBe('bloqueado');
    const first = onB.signers[0]!;
    const signed = await b.call('documents.sign', { id: acta.id, memberId: first.memberId, credentials: credentialsFor(first.name), password: PW });
    const pushed = await b.call('sync.now', {});
    expect(pushed.rejected).toEqual([]);
    expect(pushed.status.pending).toBe(0);
    const { rows } = await db.query<{ person_id: string; signature_id: string }>('SELECT person_id, signature_id FROM signatures WHERE record_id = $1', [acta.id]);
    expect(rows).toEqual([{ person_id: people['CAROL BERENICE ARELLANO RANGEL'], signature_id: b.app.store.get('documents', acta.id)!.pdf }]);

    await a.call('sync.now', {});
    const onA = await a.call('documents.get', { id: acta.id });
    expect(onA.signers[0]).toMatchObject({ status: 'firmado', personId: people['CAROL BERENICE ARELLANO RANGEL'], rfc: DEMO_RFCS['CAROL BERENICE ARELLANO RANGEL'] });
    expect(onA.signers.map((s) => s.status)).toEqual(signed.signers.map((s) => s.status));
    expect(a.app.store.get('documents', acta.id)!.pdf).toBe(b.app.store.get('documents', acta.id)!.pdf);
    const report = await a.call('documents.verify', { id: acta.id });
    expect(report.boxes?.find((x) => x.personName === first.name)).toMatchObject({ matches: true, by: 'rfc' });
    expect(await validSignatures(a, acta.id)).toBe(1);

    // The next member signs on the secretary's laptop (relayed by her account), with her rúbrica in every page's margin; B gets it.
    const second = onA.signers[1]!;
    const initials = [0, 1].map((k) => ({ points: Array.from({ length: 12 }, (_, i) => ({ x: 10 + k * 40 + i * 3, y: 10 + (k ? 60 - i * 4 : i * 4), time: k * 300 + i * 16, pressure: 0.5 })) }));
    const rubrica = await a.call('signatures.enroll', { personId: people['ARACELI GUTIÉRREZ CORTÉZ']!, pin: '246813', capture: { strokes: initials, canvas: { width: 420, height: 160, pixelRatio: 1 } }, use: 'rubrica' });
    await a.call('documents.sign', { id: acta.id, memberId: second.memberId, credentials: credentialsFor(second.name), password: PW, rubrica: { signatureId: rubrica.id, pin: '246813' } });
    expect((await a.call('sync.now', {})).rejected).toEqual([]);
    await b.call('sync.now', {});
    expect(b.app.store.get('documents', acta.id)!.pdf).toBe(a.app.store.get('documents', acta.id)!.pdf);
    expect(await validSignatures(b, acta.id)).toBe(2);
    expect(b.app.store.get('documents', acta.id)!.inkFrom).toEqual([rubrica.id]);
    // Nothing is sent back, and the signatures never travelled as merged fields.
    expect((await a.call('sync.status', {})).pending).toBe(0);
    expect((await b.call('sync.status', {})).pending).toBe(0);
    const puts = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM changes WHERE record_id = $1 AND type = 'put' AND (payload->'fields'->'signers' @> '[{"status":"firmado"}]' OR payload->'fields' ? 'inkFrom' AND payload->'fields'->>'status' = 'firmado')`,
      [acta.id],
    );
    expect(puts.rows[0]!.n).toBe('0');
    const signs = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes WHERE record_id = $1 AND type = 'sign'`, [acta.id]);
    expect(signs.rows[0]!.n).toBe('2');
  });

  it('two offline signatures of one box: the first to reach the server counts, the other signer is told who and when, and keeps theirs', async () => {
    const acta = await newActa(a, 1);
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const box = (await b.call('documents.get', { id: acta.id })).signers[0]!;
    // Both offline: the same person signs the same box on each laptop.
    await b.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials: credentialsFor(box.name), password: PW });
    const lostPdf = b.app.store.get('documents', acta.id)!.pdf;
    await a.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials: credentialsFor(box.name), password: PW });
    const winnerPdf = a.app.store.get('documents', acta.id)!.pdf;
    expect(lostPdf).not.toBe(winnerPdf);

    expect((await a.call('sync.now', {})).rejected).toEqual([]);
    const round = await b.call('sync.now', {});
    expect(round.rejected).toHaveLength(1);
    expect(round.rejected[0]!.reason).toMatch(new RegExp(`La firma de ${box.name} en «${acta.title}» no cuenta: ese recuadro ya se había firmado en otro equipo por la cuenta «secretaria» el .+ Su firma se conserva en este equipo\\.`));
    expect(round.status.rejected.map((r) => r.reason)).toContain(round.rejected[0]!.reason);

    // B converges to the server's version; its own signature is kept, and the document says so.
    expect(b.app.store.get('documents', acta.id)!.pdf).toBe(winnerPdf);
    expect(await validSignatures(b, acta.id)).toBe(1);
    const onB = await b.call('documents.get', { id: acta.id });
    expect(onB.signers[0]!.status).toBe('firmado');
    expect(onB.signatureConflicts).toHaveLength(1);
    expect(onB.signatureConflicts![0]!.message).toMatch(new RegExp(`^La firma de ${box.name} hecha en este equipo el .+ no cuenta: ese recuadro ya lo había firmado ${box.name} en otro equipo el .+, y esa firma llegó primero al servidor \\(cuenta «secretaria», el .+\\)\\. Se conserva en este equipo`));
    expect(onB.signatureConflicts![0]!.pdf).toBe(lostPdf);
    expect(await b.app.store.blobs.has(lostPdf)).toBe(true);
    // Kept on the server too: the refused signature with its file, and the laptop's record as an audit entry.
    const aside = await call(server, 'GET', '/v1/commissions/CMI/signature-conflicts', carol.accessToken);
    expect(aside.json).toMatchObject({ conflicts: [{ signature: { blob: lostPdf, box: box.memberId } }] });
    await b.call('sync.now', {});
    const appended = await db.query<{ id: string }>(`SELECT id FROM appended WHERE collection = 'signatureConflicts'`);
    expect(appended.rows.map((r) => r.id)).toContain(onB.signatureConflicts![0]!.id);
    // A second round changes nothing and reports nothing new.
    const again = await b.call('sync.now', {});
    expect([again.pushed, again.rejected.length, again.status.pending]).toEqual([0, 0, 0]);
    expect((await b.call('documents.get', { id: acta.id })).signatureConflicts).toHaveLength(1);
    // The next signer can sign on B over the version that counts.
    const next = onB.signers[1]!;
    await b.call('documents.sign', { id: acta.id, memberId: next.memberId, credentials: credentialsFor(next.name), password: PW });
    // Her own laptop relays only her own signatures: another person's box from B is refused in Spanish and kept.
    const relayed = await b.call('sync.now', {});
    expect(relayed.rejected[0]?.reason).toMatch(/Solo la persona titular puede firmar en su recuadro/);
  });

  it('a signature sent twice counts once, and a sign the server cannot place is refused with a clear message', async () => {
    const { json } = await call(server, 'GET', '/v1/commissions/CMI/changes?since=0&limit=5000', carol.accessToken);
    const sign = (json as unknown as PullResponse).changes.find((c): c is Extract<Change, { type: 'sign' }> => c.type === 'sign' && c.clientId !== undefined)!;
    const { seq: _seq, clientId, account: _account, at: _at, ...mutation } = sign;
    const token = (await server.login(sign.account)).accessToken;
    const retry = await call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId, mutations: [mutation] });
    expect((retry.json as unknown as PushResponse).results[0]).toMatchObject({ status: 'duplicate', original: 'applied' });
    // The same signature from another client is not a second signature of the box.
    const other = await call(server, 'POST', '/v1/commissions/CMI/push', token, { clientId: 'otro-equipo-1', mutations: [{ ...mutation, mutationId: 1 }] });
    expect((other.json as unknown as PushResponse).results[0]).toMatchObject({ status: 'signature-taken', winner: { signatureId: sign.signatureId } });
    const count = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes WHERE type = 'sign' AND record_id = $1 AND payload->>'box' = $2`, [sign.id, sign.box]);
    expect(count.rows[0]!.n).toBe('1');

    const me = carol.account.personId;
    const base = { type: 'sign', collection: 'documents', hlc: hlc(Date.now()), signatureId: 'x'.repeat(10), personId: me };
    let mutationId = 0;
    const push = (m: object) => call(server, 'POST', '/v1/commissions/CMI/push', carol.accessToken, { clientId: 'laptop-carol-x', mutations: [{ mutationId: ++mutationId, ...base, ...m }] });
    // A signature the document cannot take is answered (and kept aside), not an error of the whole push.
    const refusal = (r: Awaited<ReturnType<typeof push>>) => {
      const result = (r.json as unknown as PushResponse).results?.[0];
      return [r.status, result?.status, result?.status === 'signature-refused' ? result.reason : r.json.error?.message];
    };
    const unknown = await push({ id: 'NOEXISTE', box: 'b1', data: { fields: { status: 'firmado' }, over: 'a'.repeat(64) } });
    expect(refusal(unknown)).toEqual([200, 'signature-refused', 'El documento documents/NOEXISTE no está en el servidor: sincronice primero el equipo donde se redactó.']);
    expect((unknown.json as unknown as PushResponse).results[0]).toMatchObject({ current: null });
    const doc = a.app.store.all('documents').find((d) => d.status !== 'borrador')!;
    const noBox = await push({ id: doc.id, box: 'nadie', data: { fields: { status: 'firmado' }, over: doc.pdf } });
    expect(refusal(noBox)).toEqual([200, 'signature-refused', `El documento «${doc.title}» no tiene el recuadro de firma nadie.`]);
    expect((noBox.json as unknown as PushResponse).results[0]).toMatchObject({ current: { pdf: doc.pdf, status: doc.status } });
    const filled = doc.signers.find((s) => s.status === 'firmado')!;
    const twice = await push({ id: doc.id, box: filled.memberId, data: { fields: { status: 'firmado' }, over: doc.pdf } });
    expect((twice.json as unknown as PushResponse).results?.[0]).toMatchObject({ status: 'signature-taken' });
    const draft = await a.call('documents.createActa', { sessionId: (await a.call('sessions.list', {})).find((s) => s.key.includes('-CMI-') && !a.app.store.all('documents').some((d) => d.sessionId === s.id))!.id });
    await a.call('sync.now', {});
    const locked = await push({ id: draft.id, box: draft.signers[0]!.memberId, data: { fields: { status: 'firmado' }, over: a.app.store.get('documents', draft.id)!.pdf } });
    expect(refusal(locked)).toEqual([200, 'signature-refused', `El documento «${draft.title}» aún no está bloqueado para firma en el servidor; no admite firmas.`]);
    // None of the refused signatures became a change; each is kept aside with its reason, and a retry gets the same answer.
    const after = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes WHERE client_id = 'laptop-carol-x'`);
    expect(after.rows[0]!.n).toBe('0');
    const aside = await db.query<{ reason: string }>(`SELECT reason FROM signature_conflicts WHERE client_id = 'laptop-carol-x' AND reason IS NOT NULL ORDER BY mutation_id`);
    expect(aside.rows.map((r) => r.reason)).toEqual([unknown, noBox, locked].map((r) => refusal(r)[2]));
    mutationId--;
    expect(refusal(await push({ id: draft.id, box: draft.signers[0]!.memberId, data: { fields: { status: 'firmado' }, over: a.app.store.get('documents', draft.id)!.pdf } }))).toEqual(refusal(locked));
  });

  it('the same box signed from 100 laptops at once: exactly one counts, the 99 others are kept aside', async () => {
    const doc = await newActa(a, 3);
    await a.call('sync.now', {});
    const box = doc.signers[0]!;
    expect(box.name).toMatch(/CAROL BERENICE ARELLANO RANGEL$/);
    const pdf = a.app.store.get('documents', doc.id)!.pdf;
    const refusal = (signers: object[], i: number) => ({
      clientId: `laptop-carrera-${i}`,
      mutations: [{ mutationId: 1, type: 'sign', collection: 'documents', id: doc.id, hlc: hlc(Date.now() + i), box: box.memberId, signatureId: `intento-${i}`, personId: carol.account.personId, data: { fields: { pdf, signers, status: 'bloqueado' }, over: pdf } }],
    });
    const mine = { ...box, status: 'rechazado', refusal: 'No estuve presente.', personId: carol.account.personId };
    // A hostile sign that also fills someone else's box is refused whole.
    const greedy = await call(server, 'POST', '/v1/commissions/CMI/push', carol.accessToken, refusal([mine, ...doc.signers.slice(1).map((s) => ({ ...s, status: 'firmado' }))], 999));
    expect([greedy.status, greedy.json.error?.message]).toEqual([400, `La firma de ${box.name} en «${doc.title}» cambia algo más que su propio recuadro; no se acepta.`]);
    const signers = [mine, ...doc.signers.slice(1)];
    const pushes = await Promise.all(Array.from({ length: 100 }, (_, i) => call(server, 'POST', '/v1/commissions/CMI/push', carol.accessToken, refusal(signers, i))));
    const statuses = pushes.map((p) => (p.json as unknown as PushResponse).results[0]!.status);
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'signature-taken')).toHaveLength(99);
    const kept = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM signature_conflicts WHERE client_id LIKE 'laptop-carrera-%'`);
    expect(kept.rows[0]!.n).toBe('99');
  });

  it('a refusal to sign made on one laptop shows on the other as that person\'s refusal', async () => {
    const acta = await newActa(a, 5);
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const box = acta.signers[0]!;
    await b.call('documents.refuse', { id: acta.id, memberId: box.memberId, reason: 'No asistí a la sesión.', proof: { kind: 'certificate', credentials: credentialsFor(box.name), password: PW }, confirm: true });
    expect((await b.call('sync.now', {})).rejected).toEqual([]);
    await a.call('sync.now', {});
    expect((await a.call('documents.get', { id: acta.id })).signers[0]).toMatchObject({ status: 'rechazado', refusal: 'No asistí a la sesión.', personId: people['CAROL BERENICE ARELLANO RANGEL'] });
    const { rows } = await db.query<{ type: string }>(`SELECT type FROM changes WHERE record_id = $1 AND seq > (SELECT max(seq) FROM changes WHERE record_id = $1 AND type = 'put')`, [acta.id]);
    expect(rows.map((r) => r.type)).toEqual(['sign']);
  });

  it('incidents travel as audit entries (append), once', async () => {
    const doc = await newActa(a, 4);
    const box = doc.signers[0]!;
    const wrong = Object.keys(creds).find((n) => !box.name.endsWith(n))!;
    expect(await a.refused('documents.sign', { id: doc.id, memberId: box.memberId, credentials: creds[wrong]!, password: PW })).toMatch(/no/);
    const incident = a.app.store.all('incidents').find((i) => i.documentId === doc.id)!;
    await a.call('sync.now', {});
    await a.call('sync.now', {});
    const { rows } = await db.query<{ data: { kind: string } }>(`SELECT data FROM appended WHERE collection = 'incidents' AND id = $1`, [incident.id]);
    expect(rows.map((r) => r.data.kind)).toEqual(['firma-ajena']);
    await b.call('sync.now', {});
    expect(b.app.store.get('incidents', incident.id)?.kind).toBe('firma-ajena');
  });

  it('a signature the server refuses for another reason (the acta went back to draft) is reported to its signer, kept, and the laptop returns to the server\'s version', async () => {
    const { acta, box, signedPdf } = await signedAfterReopen('2026-11-20');

    const round = await b.call('sync.now', {});
    const reason = `El documento «${acta.title}» aún no está bloqueado para firma en el servidor; no admite firmas.`;
    expect(round.rejected.map((r) => r.reason)).toEqual([`La firma de ${box.name} en «${acta.title}» no cuenta: el servidor no la aceptó. ${reason} Su firma se conserva en este equipo, y el documento muestra la versión del servidor.`]);
    expect(round.status.pending).toBe(0);
    // Both laptops show the server's version.
    await a.call('sync.now', {});
    const onA = a.app.store.get('documents', acta.id)!;
    const onB = b.app.store.get('documents', acta.id)!;
    expect(onB.status).toBe('borrador');
    expect([onB.pdf, onB.signers, onB.status]).toEqual([onA.pdf, onA.signers, onA.status]);
    expect(onB.signers.every((s) => s.status === 'pendiente')).toBe(true);
    // The signer reads why on the document; the signed PDF and the attempt stay on B, and on the server.
    const view = await b.call('documents.get', { id: acta.id });
    expect(view.signatureConflicts).toHaveLength(1);
    expect(view.signatureConflicts![0]!.message).toMatch(new RegExp(`^La firma de ${box.name} hecha en este equipo el .+ no cuenta: el servidor no la aceptó\\. .*aún no está bloqueado para firma.* Se conserva en este equipo`));
    expect(view.signatureConflicts![0]!.pdf).toBe(signedPdf);
    expect(await b.app.store.blobs.has(signedPdf)).toBe(true);
    const kept = await call(server, 'GET', '/v1/commissions/CMI/signature-conflicts', carol.accessToken);
    expect((kept.json.conflicts as { reason?: string; signature: { blob?: string } }[]).filter((c) => c.reason === reason).map((c) => c.signature.blob)).toEqual([signedPdf]);
    // Nothing more to send or report, and nothing comes back.
    const again = await b.call('sync.now', {});
    expect([again.rejected.length, again.status.pending]).toEqual([0, 0]);
    expect(b.app.store.get('documents', acta.id)!.status).toBe('borrador');
    expect((await b.call('documents.get', { id: acta.id })).signatureConflicts).toHaveLength(1);
  });
  it('a signature made over a version another signature replaced first: refused, kept, and the laptop takes the server\'s signed PDF', async () => {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const session = await a.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2026-11-27', modality: 'presencial', agenda: ['Lectura del orden del día.'] });
    const acta = await a.call('documents.lock', { id: (await a.call('documents.createActa', { sessionId: session.id })).id });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    // Offline: on the office laptop (A) the first two members sign in order; Carol signs the first box on her own laptop (B), which syncs first.
    const [first, second] = acta.signers;
    await b.call('documents.sign', { id: acta.id, memberId: first!.memberId, credentials: credentialsFor(first!.name), password: PW });
    await a.call('documents.sign', { id: acta.id, memberId: first!.memberId, credentials: credentialsFor(first!.name), password: PW });
    await a.call('documents.sign', { id: acta.id, memberId: second!.memberId, credentials: credentialsFor(second!.name), password: PW });
    const overMine = a.app.store.get('documents', acta.id)!.pdf;
    expect((await b.call('sync.now', {})).rejected).toEqual([]);
    const serverPdf = b.app.store.get('documents', acta.id)!.pdf;
    expect(await a.app.store.blobs.has(serverPdf)).toBe(false);

    const round = await a.call('sync.now', {});
    // The first box was taken; the second was signed over a version that no longer counts: both told, both kept.
    expect(round.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(new RegExp(`^La firma de ${first!.name} en .+ no cuenta: ese recuadro ya se había firmado en otro equipo por la cuenta «carol»`)),
      expect.stringMatching(new RegExp(`^La firma de ${second!.name} en .+ no cuenta: el servidor no la aceptó\\. La firma de ${second!.name} se hizo sobre una versión de .+ que ya no es la vigente`)),
    ]);
    // A shows the server's version, with Carol's signed PDF fetched for it.
    expect(a.app.store.get('documents', acta.id)!.pdf).toBe(serverPdf);
    expect(await validSignatures(a, acta.id)).toBe(1);
    const view = await a.call('documents.get', { id: acta.id });
    expect(view.signers.map((s) => s.status)).toEqual(b.app.store.get('documents', acta.id)!.signers.map((s) => s.status));
    expect(view.signatureConflicts).toHaveLength(2);
    expect(view.signatureConflicts!.find((c) => c.boxName === second!.name)!.pdf).toBe(overMine);
    expect(await a.app.store.blobs.has(overMine)).toBe(true);
    expect((await a.call('sync.now', {})).status.pending).toBe(0);
    // The second member signs again over the version that counts, and it goes through to B.
    await a.call('documents.sign', { id: acta.id, memberId: second!.memberId, credentials: credentialsFor(second!.name), password: PW });
    expect((await a.call('sync.now', {})).rejected).toEqual([]);
    await b.call('sync.now', {});
    expect(await validSignatures(b, acta.id)).toBe(2);
  });
  it('a refused signature\'s document still returns to the server\'s version when the laptop restarts between the push and the pull', async () => {
    const { acta, signedPdf } = await signedAfterReopen('2026-12-04');

    // The push is answered (refused), then the server stops answering before the pull, and the app is closed.
    const cut = vi.spyOn(ServerClient.prototype, 'pull').mockRejectedValueOnce(new SyncHttpError(0, 'OFFLINE', 'No se pudo conectar con el servidor.'));
    try {
      expect(await b.refused('sync.now', {})).toMatch(/No se pudo conectar/);
    } finally {
      cut.mockRestore();
    }
    expect(b.app.store.all('signatureConflicts').filter((x) => x.documentId === acta.id)).toHaveLength(1);
    expect(b.app.store.get('documents', acta.id)!.pdf).toBe(signedPdf);
    await b.app.close();
    b = await restart(b, { passphrase: 'frase de acceso segura' });
    await b.call('sync.signIn', { server: server.url, username: 'carol', password: PASSWORD });

    // The first round after the restart finishes the way back: both laptops show the server's version.
    const round = await b.call('sync.now', {});
    expect([round.rejected, round.status.pending]).toEqual([[], 0]);
    const onA = a.app.store.get('documents', acta.id)!;
    const onB = b.app.store.get('documents', acta.id)!;
    expect(onB.status).toBe('borrador');
    expect([onB.pdf, onB.signers, onB.status]).toEqual([onA.pdf, onA.signers, onA.status]);
    const view = await b.call('documents.get', { id: acta.id });
    expect(view.signatureConflicts!.map((c) => c.pdf)).toEqual([signedPdf]);
    expect(await b.app.store.blobs.has(signedPdf)).toBe(true);
    // Done once: nothing more to send, and the document stays as the server has it.
    const again = await b.call('sync.now', {});
    expect([again.rejected.length, again.status.pending]).toEqual([0, 0]);
    expect(b.app.store.get('documents', acta.id)!.status).toBe('borrador');
  });

  it('another account signing in while a push is on its way waits for the round, and the laptop\'s own signature is not reported as taken', async () => {
    const cmi = a.app.store.all('commissions').find((c) => c.acronym === 'CMI')!;
    const session = await a.call('sessions.create', { commissionId: cmi.id, type: 'ordinaria', date: '2026-12-11', modality: 'presencial', agenda: ['Lectura del orden del día.'] });
    const acta = await a.call('documents.lock', { id: (await a.call('documents.createActa', { sessionId: session.id })).id });
    await a.call('sync.now', {});
    await b.call('sync.now', {});
    const box = acta.signers[0]!;
    await b.call('documents.sign', { id: acta.id, memberId: box.memberId, credentials: credentialsFor(box.name), password: PW });
    const signedPdf = b.app.store.get('documents', acta.id)!.pdf;

    // Carol's push reaches the server, which applies her signature; its answer is lost. Meanwhile the secretary signs in on the laptop.
    const events: string[] = [];
    let reached!: () => void;
    const inFlight = new Promise<void>((r) => (reached = r));
    let switched!: () => void;
    const signedIn = new Promise<void>((r) => (switched = r));
    const realPush = ServerClient.prototype.push;
    const cut = vi.spyOn(ServerClient.prototype, 'push').mockImplementationOnce(async function (this: ServerClient, ...args) {
      await realPush.apply(this, args);
      reached();
      await Promise.race([signedIn, new Promise((r) => setTimeout(r, 1500))]);
      throw new SyncHttpError(0, 'OFFLINE', 'No se pudo conectar con el servidor.');
    });
    try {
      const round = b.call('sync.now', {}).then(
        () => events.push('round ended'),
        () => events.push('round ended'),
      );
      await inFlight;
      const signIn = b.call('sync.signIn', { server: server.url, username: 'secretaria', password: PASSWORD }).then(() => {
        events.push('signed in');
        switched();
      });
      await Promise.all([round, signIn]);
    } finally {
      cut.mockRestore();
    }
    expect(events).toEqual(['round ended', 'signed in']);

    // The next round, under the secretary's account, sends the signature again: it is Carol's, and it counts.
    const next = await b.call('sync.now', {});
    expect([next.rejected, next.status.pending]).toEqual([[], 0]);
    expect(next.status.lastError).toBeNull();
    expect((await b.call('documents.get', { id: acta.id })).signatureConflicts ?? []).toEqual([]);
    expect(b.app.store.get('documents', acta.id)!.pdf).toBe(signedPdf);
    await a.call('sync.now', {});
    expect(a.app.store.get('documents', acta.id)!.pdf).toBe(signedPdf);
    const signs = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes WHERE record_id = $1 AND type = 'sign'`, [acta.id]);
    expect(signs.rows[0]!.n).toBe('1');
    // Nor does the server keep it aside as a signature that did not count.
    const aside = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM signature_conflicts WHERE payload->>'id' = $1`, [acta.id]);
    expect(aside.rows[0]!.n).toBe('0');
  });
});
