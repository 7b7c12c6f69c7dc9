import type { z } from 'zod';
import type { DemoActivity as A, DemoCalendar as Cal, DemoCommission as C, DemoProgramme as P, DemoSeed as S, DemoSession as Ses } from './seed-schema.js';

/** The demo data's types, inferred from its schema (seed-schema.ts), which checks data/*.json. */
export type DemoSeed = z.infer<typeof S>;
export type DemoCommission = z.infer<typeof C>;
export type DemoSession = z.infer<typeof Ses>;
export type DemoActivity = z.infer<typeof A>;
export type DemoProgramme = z.infer<typeof P>;
export type DemoCalendar = z.infer<typeof Cal>;
