import { z } from 'zod';
import { defineMutation, type MutationContext, type MutationDef, type Put, type Store } from './store.js';

/** A one-time step: `name` is its audit name and its marker's id; `changes` finds what it rewrites. */
export interface Upgrade {
  name: string;
  changes(ctx: MutationContext): Put[];
}

const marker = (name: string, changed: number): Put => ({ collection: 'upgrades', record: { id: name, at: new Date().toISOString(), changed } });

/** Markers of steps a folder never needs, because this version wrote its records: none of them changes anything there. */
export function recordedAsRun(upgrades: Upgrade[]): Put[] {
  return upgrades.map((u) => marker(u.name, 0));
}

function asMutation(upgrade: Upgrade): MutationDef<z.ZodObject<Record<string, never>>, number> {
  return defineMutation({
    name: upgrade.name,
    args: z.object({}).strict(),
    apply(ctx) {
      const puts = upgrade.changes(ctx);
      return { puts: [...puts, marker(upgrade.name, puts.length)], result: () => puts.length };
    },
  });
}

/**
 * Runs each step not yet recorded in this folder, in order; returns how many records each
 * changed. A step already recorded costs one lookup: its records are not read again.
 */
export async function runUpgrades(store: Store, upgrades: Upgrade[], actor: string): Promise<Record<string, number>> {
  // One caller at a time, so a step found unrecorded is run by one of them only.
  return store.exclusive('upgrades', async () => {
    const out: Record<string, number> = {};
    // An empty folder has nothing to convert, and must stay empty (the demo and a first sync load only into one).
    if (store.isEmpty()) return out;
    for (const upgrade of upgrades) {
      if (store.get('upgrades', upgrade.name)) continue;
      out[upgrade.name] = await store.mutate(asMutation(upgrade), {}, actor);
    }
    return out;
  });
}
