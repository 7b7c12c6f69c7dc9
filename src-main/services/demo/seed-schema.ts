import { z } from 'zod';
import {
  ActivityKind,
  CalendarEntry,
  DocumentStatus,
  GlossaryEntry,
  IsoDate,
  MemberRole,
  Modality,
  Percent,
  Period,
  ScheduleRow,
  SessionStatus,
  SessionType,
  SpecificObjective,
} from '../../../src-shared/domain/index.js';

/*
 * The demo data's shape (data/*.json). Records name their commission by acronym; the loader
 * assigns ids and clocks. Strict objects: a misspelt key in the JSON is an error, not a silent
 * default.
 */
const Text = z.string().min(1);
const Acronym = z.string().regex(/^[A-Z]{2,10}$/);

export const DemoCommission = z
  .object({
    name: Text,
    acronym: Acronym,
    institute: Text,
    instituteAcronym: Acronym,
    // A seat's period has the one shape seats have everywhere: from/to, open when absent.
    members: z.array(z.object({ title: z.string(), name: Text, role: MemberRole, roleLabel: Text, from: IsoDate.optional(), to: IsoDate.optional() }).strict()).min(1),
    glossary: z.array(GlossaryEntry.strict()),
    legalBasis: z.array(Text),
  })
  .strict();

export const DemoSession = z
  .object({
    commission: Acronym,
    type: SessionType,
    number: z.number().int().min(1),
    year: z.number().int().min(1990).max(2100),
    date: IsoDate,
    modality: Modality,
    status: SessionStatus,
    summary: z.string(),
    agenda: z.array(z.object({ text: Text, subitems: z.array(Text).optional() }).strict()).min(1),
    documents: z.array(
      z
        .object({
          consecutive: z.number().int().min(1),
          title: Text,
          status: DocumentStatus,
          feminine: z.boolean().optional(),
          sessionDate: IsoDate,
        })
        .strict(),
    ),
  })
  .strict();

export const DemoActivity = z
  .object({
    commission: Acronym,
    year: z.number().int(),
    kind: ActivityKind,
    number: z.number().int().min(1),
    title: Text,
    progress: z.array(z.object({ period: Period, percent: Percent, narrative: z.string() }).strict()),
  })
  .strict();

export const DemoProgramme = z
  .object({
    commission: Acronym,
    year: z.number().int(),
    title: Text,
    presentation: Text,
    legalFramework: z.array(Text),
    sections: z.array(
      z
        .object({
          number: Text,
          title: Text,
          parentTitle: z.string().optional(),
          generalObjective: Text,
          specificObjectives: z.array(SpecificObjective),
          legalBasis: z.array(Text),
          schedule: z.array(ScheduleRow.omit({ id: true })),
        })
        .strict(),
    ),
    approval: Text,
  })
  .strict();

export const DemoCalendar = z
  .object({ commission: Acronym, year: z.number().int(), title: Text, entries: z.array(CalendarEntry), note: z.string() })
  .strict();

export const DemoSeed = z
  .object({
    commissions: z.array(DemoCommission).min(1),
    sessions: z.array(DemoSession),
    activities: z.array(DemoActivity),
    programmes: z.array(DemoProgramme),
    calendars: z.array(DemoCalendar),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const known = new Set(seed.commissions.map((c) => c.acronym));
    for (const key of ['sessions', 'activities', 'programmes', 'calendars'] as const) {
      seed[key].forEach((r, i) => {
        if (!known.has(r.commission)) {
          ctx.addIssue({ code: 'custom', path: [key, i, 'commission'], message: `names an unknown commission: ${r.commission}` });
        }
      });
    }
  });
