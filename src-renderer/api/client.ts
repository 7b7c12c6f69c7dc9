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

/** Browser: the web host, authenticated by the cookie it set when the page was opened. */
export function httpTransport(base = ''): Transport {
  return async (name, args) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'No hay conexión con el servicio local de Sesiona.' } };
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
