import { z } from 'zod';
import { Commission, Id, InstituteSettings, IsoDate, MemberRole, SessionCalendar } from '../domain/index.js';
import { Base64File, call, NoArgs, Year } from './spec.js';

const Text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max);

/** Commissions' members, glossary and legal basis; the institute's letterhead; calendars. */
export const commissionsCalls = {
  'commissions.save': call<Commission>()(
    z
      .object({
        id: Id,
        members: z
          .array(
            z
              .object({
                id: Id.optional(),
                title: z.string().trim().max(20),
                name: Text(200, 'Escriba el nombre del integrante'),
                role: MemberRole,
                roleLabel: Text(120, 'Escriba el cargo como se imprime'),
                from: IsoDate.optional(),
                to: IsoDate.optional(),
                /** The seat's person as the Personas screen records it; kept as it is. */
                personId: Id.optional(),
              })
              .strict(),
          )
          .max(20),
        glossary: z.array(z.object({ term: Text(200, 'Término vacío'), definition: Text(4000, 'Definición vacía') }).strict()).max(200),
        legalBasis: z.array(Text(4000, 'Fundamento vacío')).max(100),
      })
      .strict(),
    true,
  ),
  'institute.get': call<Omit<InstituteSettings, 'hlc' | 'id'> & { id: string | null }>()(NoArgs),
  'institute.save': call<InstituteSettings>()(
    z
      .object({
        name: Text(300, 'Escriba el nombre del instituto'),
        acronym: z.string().regex(/^[A-Z]{2,10}$/, 'Las siglas van en mayúsculas, de 2 a 10 letras (IEM)'),
        logo: Base64File.optional(),
        offices: z.array(z.object({ title: Text(200, 'Escriba el nombre de la oficina'), address: Text(500, 'Escriba la dirección') }).strict()).max(6),
        website: z.string().trim().max(200).default(''),
        city: z.string().trim().max(200).default('Morelia, Michoacán'),
      })
      .strict(),
    true,
  ),
  /** The annual windows for ordinary sessions; labels ("Del lunes 27 al viernes 31") are derived. */
  'calendars.save': call<z.infer<typeof SessionCalendar>>()(
    z
      .object({
        commissionId: Id,
        year: Year,
        entries: z.array(z.object({ month: z.number().int().min(1).max(12), from: IsoDate, to: IsoDate }).strict()).max(12),
      })
      .strict(),
    true,
  ),
};
