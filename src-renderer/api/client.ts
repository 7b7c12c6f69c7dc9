import type { ArgsOf, ResultOf, SesionaApi } from '../../src-shared/contract/calls.js';
import { isCallError, type CallError, type Reply } from '../../src-shared/contract/errors.js';
import type { CallName } from '../../src-shared/contract/names.js';

declare global {
  interface Window {
    sesiona?: SesionaApi;
  }
}

/** A failed call, with the Spanish message to show. */
export class CallFailed extends Error {
  constructor(readonly error: CallError) {
    super(error.message);
  }
}

export type Transport = (name: CallName, args: unknown) => Promise<Reply<unknown>>;

/** Electron: the preload's bridge. */
export function preloadTransport(bridge: SesionaApi): Transport {
  return (name, args) => (bridge[name] as (a: unknown) => Promise<Reply<unknown>>)(args);
}

const TOKEN_KEY = 'sesiona.token';

/**
 * The web host's per-run token. It arrives in the URL's fragment (#token=…), which the browser
 * never sends anywhere; it is moved to this tab's sessionStorage (scoped to this origin and port,
 * kept across a reload) and wiped from the address bar, which then holds only the route.
 */
export function takeHostToken(loc: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location, storage: Storage = window.sessionStorage): string | null {
  const found = /^#token=([A-Za-z0-9_-]+)$/.exec(loc.hash);
  if (found) {
    storage.setItem(TOKEN_KEY, found[1]!);
    window.history.replaceState(null, '', `${loc.pathname}${loc.search}`);
    return found[1]!;
  }
  return storage.getItem(TOKEN_KEY);
}

/** Browser: the web host, every call with the token as a Bearer header (never a cookie). */
export function httpTransport(base = '', token: string | null = takeHostToken()): Transport {
  return async (name, args) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        credentials: 'omit',
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'No hay conexión con el servicio local de Sesiona.' } };
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (body && typeof body === 'object' && 'ok' in body) return body as Reply<unknown>;
    return { ok: false, error: { code: 'INTERNAL', message: `Respuesta inesperada del servicio local (HTTP ${res.status}).` } };
  };
}

export function defaultTransport(): Transport {
  return window.sesiona ? preloadTransport(window.sesiona) : httpTransport();
}

/** The one typed client: call('sessions.get', { id }) resolves to the result or throws CallFailed. */
export function createClient(transport: Transport) {
  return async function call<K extends CallName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const reply = await transport(name, args);
    if (reply.ok) return reply.value as ResultOf<K>;
    throw new CallFailed(isCallError(reply.error) ? reply.error : { code: 'INTERNAL', message: 'Error desconocido.' });
  };
}

export type Client = ReturnType<typeof createClient>;

/** The Spanish message of a failed call, or a generic one. */
export function messageOf(e: unknown, fallback = 'La operación no se completó.'): string {
  return e instanceof CallFailed ? e.message : fallback;
}
