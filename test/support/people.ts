import { rfcCheckDigit } from '../../src-shared/identity/mexican-ids.js';
import type { Store } from '../../src-main/services/store/store.js';
import { savePerson } from '../../src-main/services/people/people.js';

/** A valid RFC (right check digit) from its first 12 characters, e.g. 'AERC800101AB'. */
export function rfc(first12: string): string {
  return first12 + rfcCheckDigit(first12);
}

/** Test RFCs for the demo's people, by name as printed (without title). */
export const DEMO_RFCS: Record<string, string> = {
  'CAROL BERENICE ARELLANO RANGEL': rfc('AERC800101AB'),
  'ARACELI GUTIÉRREZ CORTÉZ': rfc('GUCA800101AB'),
  'VIRIDIANA VILLASEÑOR AGUIRRE': rfc('VIAV800101AB'),
  'MARÍA DE LOURDES BECERRA PÉREZ': rfc('BEPL800101AB'),
};

/** Records the RFCs above on the demo's people, as the secretary would before a signing session. */
export async function recordDemoRfcs(store: Store, actor = 'secretaria'): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const p of store.all('people')) {
    const r = DEMO_RFCS[p.name];
    if (!r) continue;
    await store.mutate(savePerson, { id: p.id, title: p.title, name: p.name, rfc: r }, actor);
    ids[p.name] = p.id;
  }
  return ids;
}

/** The person id of a demo member by name as printed (without title). */
export function personId(store: Store, name: string): string {
  const p = store.all('people').find((x) => x.name === name);
  if (!p) throw new Error(`no person ${name}`);
  return p.id;
}
