import { useCallback, useEffect, useState } from 'react';
import type { SessionDetail } from '../../../src-shared/contract/index.js';
import { messageOf } from '../../api/client.js';
import { useClient } from '../../app/client-context.js';

/**
 * A session's detail, refreshed in place after each change (no "Cargando…" flash while the
 * secretary works live).
 */
export function useSession(id: string) {
  const call = useClient();
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      setDetail(await call('sessions.get', { id }));
      setError('');
    } catch (e) {
      setError(messageOf(e, 'No se pudo cargar la sesión.'));
    }
  }, [call, id]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { detail, error, refresh };
}
