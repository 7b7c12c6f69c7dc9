// A seat's period has one shape, from/to: what the Personas screen records is what sessions,
// screens and documents read; folders that kept `period {from, to}` are migrated at open.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/services/app/open-app.js';
import { collections } from '../../src-main/services/store/collections.js';
import { defineMutation } from '../../src-main/services/store/store.js';
import { Commission, Member } from '../../src-shared/domain/index.js';
import { pageTexts } from '../support/pdf-text.js';
import { personId } from '../support/people.js';
import { sessionApp } from '../support/session-app.js';
import { forgetUpgrades } from '../support/upgrades.js';

let s: Awaited<ReturnType<typeof sessionApp>>;
beforeEach(async () => {
  s = await sessionApp();
});
afterEach(async () => {
  await s.close();
});

const VIRIDIANA = 'VIRIDIANA VILLASEÑOR AGUIRRE';
const seatOf = (name: string) => s.cmi().members.find((m) => m.name === name)!;

describe('a seat’s period', () => {
  it('recorded on the Personas screen decides who is called to a session, and the commission screen keeps it', async () => {
    const seat = seatOf(VIRIDIANA);
    const view = await s.call('memberships.save', {
      personId: personId(s.app.store, VIRIDIANA),
      commissionId: s.cmi().id,
      memberId: seat.id,
      role: seat.role,
      roleLabel: seat.roleLabel,
      from: '2021-09-01',
      to: '2023-06-30',
    });
    expect(view.memberships.find((m) => m.commissionAcronym === 'CMI')).toMatchObject({ from: '2021-09-01', to: '2023-06-30' });
    expect(seatOf(VIRIDIANA)).toMatchObject({ from: '2021-09-01', to: '2023-06-30' });
    expect(seatOf(VIRIDIANA)).not.toHaveProperty('period');

    const before = await s.call('sessions.create', { commissionId: s.cmi().id, type: 'ordinaria', date: '2023-06-20', time: '10:00', modality: 'virtual', place: 'Videoconferencia' });
    const after = await s.call('sessions.create', { commissionId: s.cmi().id, type: 'ordinaria', date: '2023-11-10', time: '10:00', modality: 'virtual', place: 'Videoconferencia' });
    const called = async (id: string) => (await s.call('sessions.get', { id })).session.attendance.map((a) => a.memberId);
    expect(await called(before.id)).toContain(seat.id);
    expect(await called(after.id)).not.toContain(seat.id);

    // The informe names who sat during its four months.
    const integracion = async (period: 1 | 2 | 3) => {
      const pdf = join(s.dir, `informe-${period}.pdf`);
      await writeFile(pdf, Buffer.from((await s.call('reports.informe', { commission: 'CMI', year: 2023, period })).base64, 'base64'));
      return pageTexts(pdf).find((t) => t.includes('INTEGRACIÓN DE LA COMISIÓN'))!;
    };
    expect(await integracion(2)).toContain(VIRIDIANA);
    expect(await integracion(3)).not.toContain(VIRIDIANA);

    // The commission screen sends the seats back as it read them: the period stays.
    const cmi = s.cmi();
    await s.call('commissions.save', { id: cmi.id, members: cmi.members, glossary: cmi.glossary, legalBasis: cmi.legalBasis });
    expect(seatOf(VIRIDIANA)).toMatchObject({ from: '2021-09-01', to: '2023-06-30', personId: personId(s.app.store, VIRIDIANA) });
  });

  it('kept as `period` by an earlier version becomes from/to when the folder is opened, once, audited', async () => {
    // Write a seat as that version did: both shapes, the Personas screen's `period` the later edit.
    const legacySchema = Commission.extend({ members: z.array(Member.extend({ period: z.object({ from: z.string(), to: z.string().optional() }) }).partial({ period: true })) });
    const legacy = defineMutation({
      name: 'test.legacySeat',
      args: z.object({}),
      apply: (ctx) => {
        const c = ctx.all('commissions').find((x) => x.acronym === 'CMI')!;
        const members = c.members.map((m) => (m.name === VIRIDIANA ? { ...m, from: '2019-01-01', period: { from: '2021-09-01', to: '2023-06-30' } } : m));
        return { puts: [{ collection: 'commissions', record: { ...c, members } }], result: () => undefined };
      },
    });
    const real = collections.commissions.schema;
    (collections.commissions as { schema: unknown }).schema = legacySchema;
    try {
      await s.app.store.mutate(legacy, {}, 'sistema');
    } finally {
      (collections.commissions as { schema: unknown }).schema = real;
    }
    await s.app.store.mutate(forgetUpgrades, {}, 'sistema');
    expect(seatOf(VIRIDIANA)).toHaveProperty('period');
    await s.app.close();

    for (let open = 0; open < 2; open++) {
      const app = await openApp({ dataDir: s.dir, host: 'cli', actor: 'secretaria', demo: false });
      try {
        const seat = app.store.all('commissions').find((c) => c.acronym === 'CMI')!.members.find((m) => m.name === VIRIDIANA)!;
        expect(seat).toMatchObject({ from: '2021-09-01', to: '2023-06-30' });
        expect(seat).not.toHaveProperty('period');
        const log = await app.store.auditEntries(50);
        const since = log.slice(0, log.findIndex((e) => e.mutation === 'test.forgetUpgrades'));
        expect(since.filter((e) => e.mutation === 'seats.unifyPeriods').map((e) => e.actor)).toEqual(['sistema']);
        expect((await app.store.verifyAudit()).ok).toBe(true);
      } finally {
        await app.close();
      }
    }
  });
});
