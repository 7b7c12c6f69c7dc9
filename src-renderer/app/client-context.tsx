import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { Client } from '../api/client.js';
import { messageOf } from '../api/client.js';
import { useSyncWatch } from './sync-watch.js';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('ClientContext missing');
  return client;
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/** Loads once per dependency change; errors become the Spanish message to show. */
export function useLoad<T>(load: (client: Client) => Promise<T>, deps: unknown[]): [Loadable<T>, () => void] {
  const client = useClient();
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  // Changes from another laptop reload what is shown without the "Cargando…" flash.
  const generation = useSyncWatch((s) => s.generation);
  const shownAt = useRef(generation);
  useEffect(() => {
    let live = true;
    const quiet = shownAt.current !== generation;
    shownAt.current = generation;
    if (!quiet) setValue({ state: 'loading' });
    load(client).then(
      (v) => live && setValue({ state: 'ready', value: v }),
      (e: unknown) => live && setValue({ state: 'error', message: messageOf(e, 'No se pudo cargar la información.') }),
    );
    return () => {
      live = false;
    };
  }, [client, tick, generation, ...deps]);
  return [value, () => setTick((t) => t + 1)];
}
