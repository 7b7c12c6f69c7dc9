import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendBlocks, para, readBlocks, docFromBlocks, plainText } from '../../src-main/services/drafts/rich-text.js';
import { windowLabel } from '../../src-main/services/sessions/rules.js';
import type { Session } from '../../src-shared/domain/index.js';
import { journalBytes as journalSize } from '../support/journal-size.js';
import { sessionApp } from '../support/session-app.js';

let t: Awaited<ReturnType<typeof sessionApp>>;
beforeEach(async () => {
  t = await sessionApp();
});
afterEach(async () => {
  await t.close();
});

const journalBytes = () => journalSize(t.dir);

async function newSession(date: string, type: Session['type'] = 'ordinaria', agenda: string[] = []) {
  return t.call('sessions.create', { commissionId: t.cmi().id, type, date, modality: 'virtual', time: '10:00', ...(agenda.length ? { agenda } : {}) });
}

/** A session with three items, everyone present, every item voted as given. */
async function heldSession(date: string, ballots: ('a_favor' | 'en_contra' | 'abstencion')[] = ['a_favor', 'a_favor', 'a_favor']) {
  const s = await newSession(date, 'ordinaria', ['Informe de la red', 'Informe de la firma electrónica', 'Asuntos generales']);
  for (const m of t.cmi().members) await t.call('sessions.attendance', { id: s.id, memberId: m.id, present: true });
  const voters = t.cmi().members.filter((m) => m.role !== 'secretaria_tecnica');
  for (const item of s.agenda) for (const [i, m] of voters.entries()) await t.call('sessions.vote', { id: s.id, agendaItemId: item.id, memberId: m.id, ballot: ballots[i]! });
  return (await t.call('sessions.get', { id: s.id })).session;
}

describe('session keys', () => {
  it('numbers sessions per commission and year across types: 03, 04 and 05 as in the seeds', async () => {
    await newSession('2024-01-29');
    await newSession('2024-02-26');
    const keys = [
      (await newSession('2024-05-30')).key,
      (await newSession('2024-06-27', 'extraordinaria_urgente')).key,
      (await newSession('2024-07-27')).key,
    ];
    expect(keys).toEqual(['IEM-CMI-SEORD-03/2024', 'IEM-CMI-SEXTU-04/2024', 'IEM-CMI-SEORD-05/2024']);
  });

  it('never renumbers a convened session silently', async () => {
    const s = await newSession('2024-03-10', 'ordinaria', ['Asuntos generales']);
    await t.call('sessions.convene', { id: s.id });
    const message = await t.refused('sessions.update', { id: s.id, type: 'extraordinaria' });
    expect(message).toContain('ya fue convocada');
    expect(t.app.store.get('sessions', s.id)!.key).toBe(s.key);
    const moved = await t.call('sessions.update', { id: s.id, type: 'extraordinaria', confirmRenumber: true });
    expect(moved.key).toBe(s.key.replace('SEORD', 'SEEXT'));
    expect(moved.previousKeys).toEqual([s.key]);
  });

  it('refuses a date that does not exist and a duplicate key, storing nothing', async () => {
    const before = t.app.store.count('sessions');
    expect(await t.refused('sessions.create', { commissionId: t.cmi().id, type: 'ordinaria', date: '2023-02-30', modality: 'virtual' })).toContain('Fecha inexistente');
    const s = await newSession('2024-04-01');
    expect(await t.refused('sessions.create', { commissionId: t.cmi().id, type: 'ordinaria', date: '2024-04-02', modality: 'virtual', number: s.number })).toBe(
      `Ya existe una sesión con la clave ${s.key}.`,
    );
    expect(t.app.store.count('sessions')).toBe(before + 1);
  });

  it('finds sessions by any word of their key, type, date, place or agenda, ignoring case and accents', async () => {
    const a = await newSession('2024-02-26', 'ordinaria', ['Informe de la red']);
    const b = await t.call('sessions.create', { commissionId: t.cmi().id, type: 'extraordinaria_urgente', date: '2024-06-27', modality: 'presencial', place: 'Sala de Consejo', agenda: ['APROBACIÓN DEL CRONOGRAMA'] });
    const found = async (q: string) => (await t.call('sessions.list', { year: 2024, q })).map((s) => s.key);
    expect(await found('aprobacion cronograma')).toEqual([b.key]);
    expect(await found('urgente sala')).toEqual([b.key]);
    expect(await found('26 de febrero')).toEqual([a.key]);
    expect(await found('RED')).toEqual([a.key]);
    expect(await found('red consejo')).toEqual([]);
    expect((await t.call('sessions.list', { year: 2024 }))[0]).toMatchObject({ key: b.key, place: 'Sala de Consejo', agenda: [{ text: 'APROBACIÓN DEL CRONOGRAMA', subitems: [] }] });
  });

  it('cancels with a reason', async () => {
    const s = await newSession('2024-04-01', 'ordinaria', ['Asuntos generales']);
    expect(await t.refused('sessions.cancel', { id: s.id, reason: ' ' })).toContain('motivo');
    // The bare status call cannot cancel without a reason, nor bring a cancelled session back.
    expect(await t.refused('sessions.setStatus', { id: s.id, status: 'cancelada' })).toBe('Para cancelar una sesión indique el motivo (Cancelar sesión).');
    expect(t.app.store.get('sessions', s.id)!.status).toBe('programada');
    const cancelled = await t.call('sessions.cancel', { id: s.id, reason: 'Falta de quórum previsible' });
    expect([cancelled.status, cancelled.cancelReason]).toEqual(['cancelada', 'Falta de quórum previsible']);
    expect(await t.refused('sessions.setStatus', { id: s.id, status: 'programada' })).toBe('La sesión está cancelada.');
    expect(await t.refused('sessions.convene', { id: s.id })).toBe('La sesión está cancelada.');
    expect(t.app.store.get('sessions', s.id)).toMatchObject({ status: 'cancelada', cancelReason: 'Falta de quórum previsible' });
  });
});

describe('agenda', () => {
  it('adds, reorders and removes items; refuses an empty one; keeps Asuntos generales last', async () => {
    const s = await newSession('2024-05-01', 'ordinaria', ['Asuntos generales']);
    await t.call('agenda.update', { sessionId: s.id, itemId: s.agenda[0]!.id, kind: 'asuntos_generales' });
    await t.call('agenda.add', { sessionId: s.id, text: 'Informe de la red', subitems: ['2.1 Servidores', '2.2 Internet'] });
    let after = await t.call('agenda.add', { sessionId: s.id, text: 'Informe de la firma' });
    expect(after.agenda.map((a) => a.text)).toEqual(['Informe de la red', 'Informe de la firma', 'Asuntos generales']);
    after = await t.call('agenda.move', { sessionId: s.id, itemId: after.agenda[1]!.id, to: 0 });
    expect(after.agenda.map((a) => a.text)).toEqual(['Informe de la firma', 'Informe de la red', 'Asuntos generales']);
    expect(await t.refused('agenda.add', { sessionId: s.id, text: '   ' })).toContain('El punto del orden del día está vacío');
    after = await t.call('agenda.remove', { sessionId: s.id, itemId: after.agenda[0]!.id });
    expect(after.agenda.map((a) => a.text)).toEqual(['Informe de la red', 'Asuntos generales']);
    expect(after.agenda[0]!.subitems).toEqual(['2.1 Servidores', '2.2 Internet']);
  });

  it('refuses an approval item pointing at a session without minutes', async () => {
    const earlier = await newSession('2024-05-01', 'ordinaria', ['Asuntos generales']);
    const later = await newSession('2024-06-01', 'ordinaria', ['Asuntos generales']);
    const message = await t.refused('agenda.add', { sessionId: later.id, text: 'Lectura del acta', kind: 'aprobacion', approvesSessionId: earlier.id });
    expect(message).toBe(`La sesión ${earlier.key} no tiene acta; no puede someterse a aprobación.`);
    expect(t.app.store.get('sessions', later.id)!.agenda).toHaveLength(1);
  });

  it('attaches a PDF as a blob with its status and refuses other files', async () => {
    const s = await newSession('2024-05-01', 'ordinaria', ['Informe']);
    const pdf = Buffer.from('%PDF-1.4\n%test\n').toString('base64');
    const after = await t.call('agenda.attach', { sessionId: s.id, itemId: s.agenda[0]!.id, title: 'Informe detallado', fileName: 'informe.pdf', file: pdf, status: 'presentado' });
    const doc = after.documents[0]!;
    expect([doc.consecutive, doc.status, doc.mime, doc.agendaItemId]).toEqual([1, 'presentado', 'application/pdf', s.agenda[0]!.id]);
    expect((await t.call('agenda.file', { sessionId: s.id, documentId: doc.id })).base64).toBe(pdf);
    const exe = Buffer.from('MZ\x90\x00 not a document').toString('base64');
    expect(await t.refused('agenda.attach', { sessionId: s.id, itemId: s.agenda[0]!.id, title: 'x', fileName: 'x.exe', file: exe, status: 'presentado' })).toContain('Solo se admiten');
  });
});

describe('attendance and votes', () => {
  it('computes quorum and results, and refuses an absent member’s vote', async () => {
    const s = await newSession('2024-05-01', 'ordinaria', ['Informe', 'Propuesta']);
    const [presidenta, a, b] = t.cmi().members.filter((m) => m.role !== 'secretaria_tecnica');
    await t.call('sessions.attendance', { id: s.id, memberId: presidenta!.id, present: true });
    expect(await t.refused('sessions.vote', { id: s.id, agendaItemId: s.agenda[0]!.id, memberId: presidenta!.id, ballot: 'a_favor' })).toContain('No hay quórum');
    await t.call('sessions.attendance', { id: s.id, memberId: a!.id, present: true });
    let detail = await t.call('sessions.get', { id: s.id });
    expect(detail.quorum).toMatchObject({ present: 2, voters: 3, met: true });
    expect(await t.refused('sessions.vote', { id: s.id, agendaItemId: s.agenda[0]!.id, memberId: b!.id, ballot: 'a_favor' })).toBe(`${b!.name} no está presente; no puede votar.`);
    await t.call('sessions.vote', { id: s.id, agendaItemId: s.agenda[0]!.id, memberId: presidenta!.id, ballot: 'a_favor' });
    await t.call('sessions.vote', { id: s.id, agendaItemId: s.agenda[0]!.id, memberId: a!.id, ballot: 'a_favor' });
    await t.call('sessions.vote', { id: s.id, agendaItemId: s.agenda[1]!.id, memberId: presidenta!.id, ballot: 'a_favor' });
    await t.call('sessions.vote', { id: s.id, agendaItemId: s.agenda[1]!.id, memberId: a!.id, ballot: 'en_contra' });
    detail = await t.call('sessions.get', { id: s.id });
    expect(detail.session.votes.map((v) => v.result)).toEqual(['unanimidad', 'rechazado']);
    expect(detail.session.ballots.filter((x) => x.memberId === b!.id)).toHaveLength(0);
  });

  it('stores each ballot once when the same vote arrives 100 times at once', async () => {
    const s = await heldSession('2024-05-02');
    const m = t.cmi().members[0]!;
    await Promise.all(Array.from({ length: 100 }, () => t.call('sessions.vote', { id: s.id, agendaItemId: s.agenda[0]!.id, memberId: m.id, ballot: 'en_contra' })));
    const after = t.app.store.get('sessions', s.id)!;
    expect(after.ballots.filter((b) => b.memberId === m.id && b.agendaItemId === s.agenda[0]!.id)).toEqual([{ agendaItemId: s.agenda[0]!.id, memberId: m.id, ballot: 'en_contra' }]);
    expect(after.votes[0]!.result).toBe('mayoria');
  });
});

describe('calendar', () => {
  it('labels windows as the seed prints them and warns about an ordinary session outside its window', async () => {
    expect(windowLabel('2020-01-27', '2020-01-31')).toBe('Del lunes 27 al viernes 31');
    await t.call('calendars.save', { commissionId: t.cmi().id, year: 2024, entries: [{ month: 9, from: '2024-09-23', to: '2024-09-27' }] });
    const inside = await newSession('2024-09-24');
    const outside = await newSession('2024-09-30');
    expect((await t.call('sessions.get', { id: inside.id })).warnings).toEqual([]);
    expect((await t.call('sessions.get', { id: outside.id })).warnings[0]).toContain('fuera del periodo del calendario para septiembre (Del lunes 23 al viernes 27)');
    expect(await t.refused('calendars.save', { commissionId: t.cmi().id, year: 2024, entries: [{ month: 9, from: '2024-10-01', to: '2024-10-02' }] })).toContain('deben caer en septiembre');
  });
});

describe('acta lifecycle', () => {
  it('borrador → presentado → aprobado by a later session’s vote → bloqueado (SHA-256) → correction as a new version', async () => {
    const first = await heldSession('2024-05-10');
    const acta = await t.call('minutes.create', { sessionId: first.id });
    expect(acta.status).toBe('borrador');
    expect(await t.refused('minutes.lock', { id: acta.id })).toBe('Solo un acta aprobada puede bloquearse.');
    await t.call('minutes.present', { id: acta.id });

    const later = await newSession('2024-06-10', 'ordinaria', []);
    const withItem = await t.call('agenda.add', { sessionId: later.id, text: `Lectura del proyecto de acta de la sesión ${first.key} y aprobación, en su caso`, kind: 'aprobacion', approvesSessionId: first.id });
    for (const m of t.cmi().members) await t.call('sessions.attendance', { id: later.id, memberId: m.id, present: true });
    for (const m of t.cmi().members.filter((x) => x.role !== 'secretaria_tecnica')) {
      await t.call('sessions.vote', { id: later.id, agendaItemId: withItem.agenda[0]!.id, memberId: m.id, ballot: 'a_favor' });
    }
    let view = await t.call('minutes.get', { sessionId: first.id });
    expect(view.versions[0]).toMatchObject({ status: 'aprobado', approvedBy: { sessionId: later.id, result: 'unanimidad' } });
    // The approving session lists the acta as the seeds do: "Acta IEM-CMI-SEORD-… Aprobada", with its own date.
    expect(t.app.store.get('sessions', later.id)!.documents).toMatchObject([{ title: `Acta ${first.key}`, status: 'aprobado', feminine: true, sessionDate: first.date }]);
    expect(view.lockable).toBe(true);

    const locked = await t.call('minutes.lock', { id: acta.id });
    expect(locked.status).toBe('bloqueado');
    expect(locked.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    const state = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64');
    expect(await t.refused('drafts.append', { id: acta.draftId, update: state })).toBe('El documento está bloqueado: su contenido ya no puede modificarse.');
    const document = t.app.store.get('documents', locked.documentId!)!;
    expect(document.signers.map((s) => s.memberId)).toEqual(expect.arrayContaining(t.cmi().members.map((m) => m.id)));

    const correction = await t.call('minutes.correct', { id: acta.id });
    view = await t.call('minutes.get', { sessionId: first.id });
    expect(view.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'borrador'],
      [1, 'bloqueado'],
    ]);
    expect(correction.correctsId).toBe(acta.id);
    expect(view.versions[1]!.supersededById).toBe(correction.id);
  });

  it('refuses presenting twice and approving an acta that was never presented', async () => {
    const first = await heldSession('2024-05-10');
    const acta = await t.call('minutes.create', { sessionId: first.id });
    expect(await t.refused('minutes.create', { sessionId: first.id })).toBe('Esta sesión ya tiene acta.');
    const later = await newSession('2024-06-10', 'ordinaria', []);
    const s = await t.call('agenda.add', { sessionId: later.id, text: 'Lectura del acta', kind: 'aprobacion', approvesSessionId: first.id });
    for (const m of t.cmi().members) await t.call('sessions.attendance', { id: later.id, memberId: m.id, present: true });
    for (const m of t.cmi().members.filter((x) => x.role !== 'secretaria_tecnica')) await t.call('sessions.vote', { id: later.id, agendaItemId: s.agenda[0]!.id, memberId: m.id, ballot: 'a_favor' });
    expect((await t.call('minutes.get', { sessionId: first.id })).versions[0]!.status).toBe('borrador');
    await t.call('minutes.present', { id: acta.id });
    expect(await t.refused('minutes.present', { id: acta.id })).toBe('Solo un acta en borrador puede presentarse como proyecto.');
  });
});

describe('Yjs body', () => {
  it('round-trips headings, paragraphs with bold and list items through a Yjs update', () => {
    const doc = docFromBlocks([
      { kind: 'heading', level: 2, runs: [{ text: 'PRIMERO. Informe' }] },
      { kind: 'paragraph', runs: [{ text: 'Se aprobó ' }, { text: 'por unanimidad', bold: true }, { text: '.' }] },
      { kind: 'item', ordered: false, number: 1, runs: [{ text: '2.1 Servidores' }] },
      { kind: 'item', ordered: false, number: 2, runs: [{ text: '2.2 Internet' }] },
    ]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const blocks = readBlocks(copy);
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: 'PRIMERO. Informe' }] },
      { kind: 'paragraph', runs: [{ text: 'Se aprobó ' }, { text: 'por unanimidad', bold: true }, { text: '.' }] },
      { kind: 'item', ordered: false, number: 1, runs: [{ text: '2.1 Servidores' }] },
      { kind: 'item', ordered: false, number: 2, runs: [{ text: '2.2 Internet' }] },
    ]);
  });

  it('keeps appended edits across a reopen, merges two offline edits, and journals edits, not documents', async () => {
    const s = await heldSession('2024-05-10');
    const acta = await t.call('minutes.create', { sessionId: s.id });
    const local = new Y.Doc();
    Y.applyUpdate(local, Buffer.from((await t.call('drafts.get', { id: acta.draftId })).state, 'base64'));
    // Another person's offline copy, edited at the same time.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(local));
    const before = await journalBytes();
    const sv = Y.encodeStateVector(local);
    appendBlocks(local, [para('Intervención de la Consejera Presidenta.')]);
    await t.call('drafts.append', { id: acta.draftId, update: Buffer.from(Y.encodeStateAsUpdate(local, sv)).toString('base64') });
    const grown = (await journalBytes()) - before;
    const whole = Y.encodeStateAsUpdate(local).length;
    expect(grown).toBeLessThan(whole);
    const sv2 = Y.encodeStateVector(other);
    appendBlocks(other, [para('Nota de la Secretaría Técnica.')]);
    await t.call('drafts.append', { id: acta.draftId, update: Buffer.from(Y.encodeStateAsUpdate(other, sv2)).toString('base64') });

    await t.app.close();
    const { openApp } = await import('../../src-main/services/app/open-app.js');
    const again = await openApp({ dataDir: t.dir, host: 'cli', demo: false });
    const { readDraft } = await import('../../src-main/services/drafts/drafts.js');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(readDraft(again.store, acta.draftId).state, 'base64'));
    const texts = readBlocks(doc).map((b) => plainText(b.runs));
    expect(texts).toContain('Intervención de la Consejera Presidenta.');
    expect(texts).toContain('Nota de la Secretaría Técnica.');
    expect(texts[0]).toBe(`ACTA DE LA SESIÓN ORDINARIA ${s.key}`);
    await again.close();
    t.app = again;
  });

  it('refuses a damaged update and stores nothing', async () => {
    const s = await heldSession('2024-05-10');
    const acta = await t.call('minutes.create', { sessionId: s.id });
    const before = await journalBytes();
    expect(await t.refused('drafts.append', { id: acta.draftId, update: Buffer.from('not a yjs update at all').toString('base64') })).toContain('dañado');
    expect(await journalBytes()).toBe(before);
  });
});

describe('commission members and their periods', () => {
  it('counts, calls and lists only the members sitting on the session’s date', async () => {
    const cmi = t.cmi();
    const members = cmi.members.map(({ id, title, name, role, roleLabel }) => ({ id, title, name, role, roleLabel }));
    const former = { title: 'LIC.', name: 'CONSEJERO ANTERIOR', role: 'integrante' as const, roleLabel: 'CONSEJERO INTEGRANTE', from: '2020-01-01', to: '2023-12-31' };
    await t.call('commissions.save', { id: cmi.id, members: [...members, former], glossary: [{ term: 'IEM', definition: 'Instituto Electoral de Michoacán' }], legalBasis: ['Código Electoral del Estado de Michoacán de Ocampo'] });
    const saved = t.cmi();
    expect(saved.members.slice(0, 4).map((m) => m.id)).toEqual(members.map((m) => m.id));
    expect(saved.glossary).toEqual([{ term: 'IEM', definition: 'Instituto Electoral de Michoacán' }]);
    const in2023 = await newSession('2023-11-10', 'ordinaria', ['Informe']);
    const in2024 = await newSession('2024-02-10', 'ordinaria', ['Informe']);
    expect(in2023.attendance).toHaveLength(5);
    expect(in2024.attendance).toHaveLength(4);
    expect((await t.call('sessions.get', { id: in2024.id })).quorum.voters).toBe(3);
    expect((await t.call('sessions.get', { id: in2023.id })).quorum.voters).toBe(4);
    expect(await t.refused('commissions.save', { id: cmi.id, members: [{ ...former, from: '2024-01-01', to: '2023-01-01' }], glossary: [], legalBasis: [] })).toContain('termina antes de empezar');
  });
});

describe('the same call many times at once', () => {
  it('keeps every one of 100 concurrent autosaves, each under its own sequence number', async () => {
    const s = await heldSession('2024-05-10');
    const acta = await t.call('minutes.create', { sessionId: s.id });
    expect(t.app.store.get('sessions', s.id)!.status).toBe('celebrada');
    const base = new Y.Doc();
    Y.applyUpdate(base, Buffer.from((await t.call('drafts.get', { id: acta.draftId })).state, 'base64'));
    // 100 people's offline copies, each adding its own paragraph.
    const updates = Array.from({ length: 100 }, (_, i) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
      const sv = Y.encodeStateVector(copy);
      appendBlocks(copy, [para(`Intervención número ${i}.`)]);
      return Buffer.from(Y.encodeStateAsUpdate(copy, sv)).toString('base64');
    });
    const seqs = await Promise.all(updates.map((update) => t.call('drafts.append', { id: acta.draftId, update })));
    expect(new Set(seqs.map((r) => r.seq)).size).toBe(100);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from((await t.call('drafts.get', { id: acta.draftId })).state, 'base64'));
    const texts = new Set(readBlocks(doc).map((b) => plainText(b.runs)));
    for (let i = 0; i < 100; i++) expect(texts.has(`Intervención número ${i}.`)).toBe(true);
  });

  it('convenes once when asked twice at once', async () => {
    const s = await newSession('2024-05-20', 'ordinaria', ['Asuntos generales']);
    const replies = await Promise.allSettled(Array.from({ length: 5 }, () => t.call('sessions.convene', { id: s.id })));
    expect(replies.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of replies.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason.message).toBe('La sesión ya fue convocada.');
    expect(t.app.store.all('documents').filter((d) => d.kind === 'convocatoria' && d.sessionId === s.id)).toHaveLength(1);
  });
});
