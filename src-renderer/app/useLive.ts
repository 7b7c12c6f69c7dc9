import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../api/client.js';

/**
 * Data a screen keeps in its own state, loaded at once and reloaded in place after each change
 * (no "Cargando…" flash while someone works). `load` must be stable (useCallback): a new one reloads.
 * A failed load becomes `error`, in Spanish, with `failure` when the services gave no message.
 */
export function useLive(load: () => Promise<void>, failure: string) {
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      await load();
      setError('');
    } catch (e) {
      setError(messageOf(e, failure));
    }
  }, [load, failure]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { refresh, error, fail: setError };
}
