import { z } from 'zod';
import { Activity, Id, Percent, Period, Programme } from '../domain/index.js';
import { call, Year } from './spec.js';

/** Work programmes and the four-month progress of their activities. */
export const activitiesCalls = {
  'activities.list': call<z.infer<typeof Activity>[]>()(
    z.object({ commissionId: Id.optional(), year: Year.optional() }).strict(),
  ),
  'activities.setProgress': call<z.infer<typeof Activity>>()(
    z
      .object({
        id: Id,
        period: Period,
        percent: Percent,
        narrative: z.string().max(20000).default(''),
      })
      .strict(),
    true,
  ),
  'programmes.list': call<z.infer<typeof Programme>[]>()(
    z.object({ commissionId: Id.optional() }).strict(),
  ),
};
