import activities from './data/activities.json';
import calendars from './data/calendars.json';
import commissions from './data/commissions.json';
import programmes from './data/programmes.json';
import sessions from './data/sessions.json';
import { DemoSeed } from './seed-schema.js';
import type { DemoSeed as DemoSeedType } from './seed-types.js';

/*
 * Demo data transcribed from two public documents of the Instituto Electoral de Michoacán, kept as
 * data in data/*.json (one file per collection):
 *  - Segundo Informe Cuatrimestral mayo–agosto 2023 de la Comisión de Modernización Institucional (CMI).
 *  - Programa Anual de Trabajo 2020 de la Comisión de Vinculación y Servicio Profesional Electoral (CVSPE).
 * Texts keep the documents' spelling (including their typos). Ordinals of agenda items, letters of
 * legal-basis lists and "➤ " bullets are left out: the app renders them from position.
 * Empty "Meta" cells of the CVSPE schedules are written as "—" (the schema requires a non-empty goal).
 */
export function parseDemoSeed(raw: unknown): DemoSeedType {
  const parsed = DemoSeed.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`Demo data is invalid at ${first.path.join('.')}: ${first.message} (${parsed.error.issues.length} problem(s))`);
  }
  return parsed.data;
}

/** Checked when loaded: the bundled JSON is data, so its shape is proven at run time, not assumed. */
export const demoSeed: DemoSeedType = parseDemoSeed({ commissions, sessions, activities, programmes, calendars });
