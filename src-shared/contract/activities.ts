import { z } from 'zod';
import { Activity, ActivityKind, Id, Percent, Period, Programme } from '../domain/index.js';
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
  /** Creates an activity (numbered after the last of its kind when no number is given) or edits its title, kind and number. */
  'activities.save': call<z.infer<typeof Activity>>()(
    z
      .object({
        id: Id.optional(),
        commissionId: Id,
        year: Year,
        kind: ActivityKind,
        number: z.number().int('El consecutivo debe ser un número entero').min(1, 'El consecutivo empieza en 1').max(999).optional(),
        title: z.string().trim().min(3, 'Escriba el nombre de la actividad').max(2000, 'El nombre de la actividad es demasiado largo'),
      })
      .strict(),
    true,
  ),
  'programmes.list': call<z.infer<typeof Programme>[]>()(
    z.object({ commissionId: Id.optional() }).strict(),
  ),
};
