import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors.js';
import { sessionKey } from '../../../src-shared/format.js';
import { defineMutation, type MutationContext, type Put, type Store } from '../store/store.js';
import { ONE_TIME_STEPS } from '../app/one-time-steps.js';
import { recordedAsRun } from '../store/upgrades.js';
import { demoSeed } from './seed-data.js';
import { withReportDemo } from './report-seed.js';
import type { DemoSeed } from './seed-types.js';

/** Turns the hand-typed seed (records referring to commissions by acronym) into stored records. */
export function demoRecords(ctx: Pick<MutationContext, 'newId'>, seed: DemoSeed): Put[] {
  const puts: Put[] = [];
  const commissionIds = new Map<string, { id: string; institute: string }>();
  // One person per name (the CVSPE prints it in mixed case with another title): a member of two
  // commissions is one person with two seats. The first spelling met becomes the person's.
  const people = new Map<string, string>();
  const personOf = (m: { title: string; name: string }) => {
    const key = m.name.toLocaleUpperCase('es-MX');
    let id = people.get(key);
    if (!id) {
      id = ctx.newId();
      people.set(key, id);
      puts.push({ collection: 'people', record: { id, title: m.title, name: key, rfc: null, curp: null, email: null } });
    }
    return id;
  };
  for (const c of seed.commissions) {
    const id = ctx.newId();
    commissionIds.set(c.acronym, { id, institute: c.instituteAcronym });
    const members = c.members.map((m) => ({ ...m, id: ctx.newId(), personId: personOf(m) }));
    puts.push({ collection: 'commissions', record: { ...c, id, members } });
  }
  const commissionOf = (acronym: string) => {
    const found = commissionIds.get(acronym);
    if (!found) throw new Error(`Demo data names an unknown commission: ${acronym}`);
    return found;
  };
  for (const s of seed.sessions) {
    const { id: commissionId, institute } = commissionOf(s.commission);
    const { commission, ...rest } = s;
    puts.push({
      collection: 'sessions',
      record: {
        ...rest,
        id: ctx.newId(),
        commissionId,
        key: sessionKey(institute, commission, s.type, s.number, s.year),
        agenda: s.agenda.map((a) => ({ id: ctx.newId(), text: a.text, subitems: a.subitems ?? [], kind: 'punto' as const, notes: '' })),
        documents: s.documents.map((d) => ({ ...d, id: ctx.newId(), feminine: d.feminine ?? false })),
        attendance: [],
        votes: [],
        ballots: [],
        time: '',
        place: '',
        previousKeys: [],
      },
    });
  }
  for (const a of seed.activities) {
    const { commission, ...rest } = a;
    puts.push({
      collection: 'activities',
      record: {
        ...rest,
        id: ctx.newId(),
        commissionId: commissionOf(commission).id,
        progress: a.progress.map((p) => ({ ...p, evidence: [] })),
      },
    });
  }
  for (const p of seed.programmes) {
    const { commission, ...rest } = p;
    puts.push({
      collection: 'programmes',
      record: {
        ...rest,
        id: ctx.newId(),
        commissionId: commissionOf(commission).id,
        sections: p.sections.map((sec) => ({
          ...sec,
          id: ctx.newId(),
          parentTitle: sec.parentTitle ?? '',
          schedule: sec.schedule.map((row) => ({ ...row, id: ctx.newId() })),
        })),
      },
    });
  }
  for (const cal of seed.calendars) {
    const { commission, ...rest } = cal;
    puts.push({ collection: 'calendars', record: { ...rest, id: ctx.newId(), commissionId: commissionOf(commission).id } });
  }
  return puts;
}

export const loadDemo = defineMutation({
  name: 'demo.load',
  args: z.object({}),
  apply(ctx) {
    if (ctx.all('commissions').length > 0) {
      throw new AppError('CONFLICT', 'La carpeta de datos ya tiene información; los datos de demostración solo se cargan en una carpeta vacía.');
    }
    const puts = withReportDemo(ctx, demoRecords(ctx, demoSeed));
    // Made by this version, the folder needs none of the one-time steps: recorded in this entry, no later open scans for them.
    return { puts: [...puts, ...recordedAsRun(ONE_TIME_STEPS)], result: () => ({ records: puts.length }) };
  },
});

/** First start on an empty data folder shows the demo data: the embedded default a new user sees. */
export async function ensureDemo(store: Store, actor: string): Promise<boolean> {
  if (!store.isEmpty()) return false;
  await store.mutate(loadDemo, {}, actor);
  return true;
}
