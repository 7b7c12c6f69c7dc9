import { useCallback, useState } from 'react';
import type { SessionDetail } from '../../../src-shared/contract/index.js';
import { useClient } from '../../app/client-context.js';
import { useLive } from '../../app/useLive.js';

/**
 * A session's detail, refreshed in place after each change (no "Cargando…" flash while the
 * secretary works live).
 */
export function useSession(id: string) {
  const call = useClient();
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const { refresh, error } = useLive(
    useCallback(async () => setDetail(await call('sessions.get', { id })), [call, id]),
    'No se pudo cargar la sesión.',
  );
  return { detail, error, refresh };
}
