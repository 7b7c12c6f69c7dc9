/**
 * The timeline reads what happened from the journal: each change compared with the record's
 * previous version (who signed, which agenda document was presented or approved, prints, syncs).
 */
import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../src-main/services/audit/timeline.js';
import type { JournalEntry } from '../../src-main/services/store/audit-log.js';

const SESSION = '01M8SBY5P77WFVW06JPYAB290P';
const DOC = '01M8SBY5P77WFVW06JPYAB290Q';
let seq = 0;
function entry(mutation: string, actor: string, changes: { collection: string; record: Record<string, unknown> }[]): JournalEntry {
  seq++;
  return {
    seq,
    at: `2026-03-0${seq}T12:00:00.000Z`,
    hlc: `17961477137${String(seq).padStart(2, '0')}-0000-N`,
    actor,
    mutation,
    records: changes.map((c) => ({ collection: c.collection, id: String(c.record.id) })),
    prevHash: '0'.repeat(64),
    hash: String(seq).repeat(64).slice(0, 64),
    changes: changes as JournalEntry['changes'],
  };
}

const session = (documents: { id: string; title: string; status: string; feminine: boolean }[], status = 'programada') => ({
  collection: 'sessions',
  record: { id: SESSION, key: 'IEM-CMI-SEORD-05/2023', status, documents },
});
const signer = (status: string, extra: Record<string, unknown> = {}) => ({ memberId: 'm1', name: 'LICDA. CAROL BERENICE ARELLANO RANGEL', role: 'CONSEJERA PRESIDENTA', status, ...extra });
const doc = (fields: Record<string, unknown>) => ({
  collection: 'documents',
  record: { id: DOC, title: 'Acta IEM-CMI-SEORD-05/2023', sessionId: SESSION, documentTimestamps: [], signers: [signer('pendiente')], ...fields },
});

describe('timeline', () => {
  const acta = { id: 'A1', title: 'Proyecto de acta de la sesión anterior', feminine: true };
  const entries = [
    entry('session.create', 'secretaria', [session([{ ...acta, status: 'presentado' }])]),
    entry('session.update', 'secretaria', [session([{ ...acta, status: 'aprobado' }], 'celebrada')]),
    entry('document.create', 'secretaria', [doc({})]),
    entry('document.lock', 'secretaria', [doc({ lockedAt: '2026-03-04T12:00:00Z' })]),
    entry('document.sign', 'carol@laptop', [doc({ lockedAt: 'x', signers: [signer('firmado', { certificateNumber: '00001000000700000001' })] })]),
    entry('document.print', 'personal', [
      { collection: 'printJobs', record: { id: 'P1', documentId: DOC, printer: 'PDF', copies: 2, duplex: 'una-cara', printedBy: 'personal' } },
    ]),
    entry('sync.pull', 'servidor', [doc({ lockedAt: 'x', signers: [signer('firmado')] })]),
  ];

  it('tells a session’s history: created, presented, approved, then its acta’s signing, printing and sync', () => {
    expect(timelineOf(entries, { sessionId: SESSION }).map((e) => [e.kind, e.label, e.actor])).toEqual([
      ['creado', 'Sesión IEM-CMI-SEORD-05/2023 creada', 'secretaria'],
      ['presentado', 'Presentada: Proyecto de acta de la sesión anterior', 'secretaria'],
      ['editado', 'Sesión celebrada', 'secretaria'],
      ['aprobado', 'Aprobada: Proyecto de acta de la sesión anterior', 'secretaria'],
      ['creado', 'Creado: Acta IEM-CMI-SEORD-05/2023', 'secretaria'],
      ['bloqueado', 'Bloqueado para firma (sello y código QR agregados)', 'secretaria'],
      ['firmado', 'Firmado por LICDA. CAROL BERENICE ARELLANO RANGEL (certificado 00001000000700000001)', 'carol@laptop'],
      ['impreso', 'Impreso por personal en PDF (2 copias)', 'personal'],
      ['sincronizado', 'Sincronizado: Acta IEM-CMI-SEORD-05/2023', 'servidor'],
    ]);
  });

  it('keeps a document’s timeline to that document, and names the journal entry of each step', () => {
    const events = timelineOf(entries, { documentId: DOC });
    expect(events.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(timelineOf(entries, { documentId: '01M8SBY5P77WFVW06JPYAB2900' })).toEqual([]);
  });
});
