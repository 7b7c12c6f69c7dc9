/**
 * `sesiona sync`'s lines for what did not count (cli/sync-report.ts): a title or reason that came
 * from another laptop or the server with line breaks in it still makes one line per item, so a
 * script counting lines counts items.
 */
import { describe, expect, it } from 'vitest';
import { lostChangeLine, signatureLine } from '../../src-main/cli/sync-report.js';

describe('sesiona sync report lines', () => {
  it('keeps each item on one line whatever its title or reason holds', () => {
    const lost = lostChangeLine({
      id: 'L1',
      hlc: '1800000000000-0000-equipo',
      mutation: 'c1:7',
      collection: 'guidelines',
      recordId: 'G1',
      title: 'Lineamiento\nnot counted 0, signatures not counted 0, files awaited 0',
      kind: 'put',
      madeAt: '2026-12-01T10:00:00.000Z',
      deletedBy: { account: 'secretaria\r\n', at: '2026-12-01T11:00:00.000Z' },
      at: '2026-12-01T12:00:00.000Z',
    });
    expect(lost.split('\n')).toEqual([
      'change not counted: change of guidelines/G1 "Lineamiento not counted 0, signatures not counted 0, files awaited 0" made here on 2026-12-01T10:00:00.000Z: the record was deleted on another laptop by account "secretaria " on 2026-12-01T11:00:00.000Z; kept in this folder',
    ]);
    const signature = signatureLine({
      id: 'S1',
      hlc: '1800000000000-0000-equipo',
      documentId: 'D1',
      documentTitle: 'Acta\u2028de la sesión',
      memberId: 'm1',
      boxName: 'DRA. ANA',
      attempt: { memberId: 'm1', name: 'DRA. ANA', role: 'Consejera', status: 'firmado' } as never,
      pdf: 'a'.repeat(64),
      winner: { status: 'pendiente', account: 'servidor', receivedAt: '2026-12-01T11:00:00.000Z' },
      reason: 'Motivo\nen dos líneas.',
      at: '2026-12-01T12:00:00.000Z',
    });
    expect(signature.split(/\n|\u2028/)).toEqual([
      'signature not counted: box "DRA. ANA" of "Acta de la sesión" (documents/D1): the server refused it (Motivo en dos líneas.); kept in this folder; the document shows the server\'s version',
    ]);
  });
});
