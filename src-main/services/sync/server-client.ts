/**
 * The HTTP calls of the sync protocol (src-shared/sync/protocol.ts), from the app's side.
 * Failures become `SyncHttpError`: `status` 0 means the server could not be reached.
 */
import type { AccountsResponse, ChangesEvent, ErrorCode, LoginResponse, Mutation, PullResponse, PushResponse } from '../../../src-shared/sync/protocol.js';

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'OFFLINE',
    /** Spanish, from the server (or ours when it could not be reached). */
    message: string,
    readonly mutationId?: number,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;

export class ServerClient {
  constructor(readonly baseUrl: string) {}

  private async request<T>(method: string, path: string, init: { token?: string; body?: unknown; bytes?: Buffer; etag?: string } = {}): Promise<{ status: number; value: T; raw: Response }> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.bytes ? { 'content-type': 'application/octet-stream' } : {}),
          ...(init.etag ? { 'if-none-match': init.etag } : {}),
        },
        body: init.bytes ? new Uint8Array(init.bytes) : init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new SyncHttpError(0, 'OFFLINE', `No se pudo conectar con el servidor ${this.baseUrl}.`);
    }
    if (res.status >= 400) {
      let error: { code?: ErrorCode; message?: string; mutationId?: number } = {};
      try {
        error = ((await res.json()) as { error?: typeof error }).error ?? {};
      } catch {
        // not JSON: a proxy's page
      }
      throw new SyncHttpError(res.status, error.code ?? 'INTERNAL', error.message ?? `El servidor respondió con el error ${res.status}.`, error.mutationId);
    }
    if (res.status === 304) return { status: 304, value: undefined as T, raw: res };
    const type = res.headers.get('content-type') ?? '';
    const value = (type.includes('application/json') ? await res.json() : res.status === 204 ? undefined : Buffer.from(await res.arrayBuffer())) as T;
    return { status: res.status, value, raw: res };
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    return (await this.request<LoginResponse>('POST', '/v1/auth/login', { body: { username, password } })).value;
  }

  async refresh(refreshToken: string): Promise<LoginResponse> {
    return (await this.request<LoginResponse>('POST', '/v1/auth/refresh', { body: { refreshToken } })).value;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.request('POST', '/v1/auth/logout', { body: { refreshToken } });
  }

  async push(token: string, commission: string, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
    return (await this.request<PushResponse>('POST', `/v1/commissions/${commission}/push`, { token, body: { clientId, mutations } })).value;
  }

  /** `except`: this client's id, so its own changes stay on the server (the cursor still passes them). */
  async pull(token: string, commission: string, since: number, limit = 1000, except?: string): Promise<PullResponse> {
    const leave = except ? `&except=${encodeURIComponent(except)}` : '';
    return (await this.request<PullResponse>('GET', `/v1/commissions/${commission}/changes?since=${since}&limit=${limit}${leave}`, { token })).value;
  }

  /**
   * The commission's accounts, for offline sign-in on this laptop (services/sync/account-cache.ts).
   * With the ETag of the list held here, undefined when it has not changed since (nothing is sent).
   */
  async accounts(token: string, commission: string, etag?: string): Promise<(AccountsResponse & { etag: string | undefined }) | undefined> {
    const res = await this.request<AccountsResponse>('GET', `/v1/commissions/${commission}/accounts`, { token, ...(etag ? { etag } : {}) });
    if (res.status === 304) return undefined;
    return { ...res.value, etag: res.raw.headers.get('etag') ?? undefined };
  }

  async putBlob(token: string, commission: string, sha: string, bytes: Buffer): Promise<void> {
    await this.request('PUT', `/v1/commissions/${commission}/blobs/${sha}`, { token, bytes });
  }

  /** The blob's bytes, or undefined when the server does not hold it. */
  async getBlob(token: string, commission: string, sha: string): Promise<Buffer | undefined> {
    try {
      return (await this.request<Buffer>('GET', `/v1/commissions/${commission}/blobs/${sha}`, { token })).value;
    } catch (e) {
      if (e instanceof SyncHttpError && e.status === 404) return undefined;
      throw e;
    }
  }

  /**
   * Follows the commission's event stream until it ends or `signal` aborts; calls `onChanges`
   * with each announced cursor (the hello included). Resolves when the stream ends.
   */
  async follow(token: string, commission: string, signal: AbortSignal, onChanges: (cursor: number, event: string) => void): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/v1/commissions/${commission}/events`, { headers: { authorization: `Bearer ${token}` }, signal });
    } catch {
      throw new SyncHttpError(0, 'OFFLINE', `No se pudo conectar con el servidor ${this.baseUrl}.`);
    }
    if (res.status !== 200 || !res.body) throw new SyncHttpError(res.status, res.status === 401 ? 'TOKEN_EXPIRED' : 'INTERNAL', 'El aviso de cambios del servidor no respondió.');
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          const name = block.split('\n').find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
          if (!data) continue;
          try {
            const event = JSON.parse(data.slice(6)) as ChangesEvent;
            if (Number.isInteger(event.cursor)) onChanges(event.cursor, name);
          } catch {
            // a malformed event is ignored; the periodic sync catches up
          }
        }
      }
    } catch {
      // aborted or cut: the caller reconnects
    }
  }
}
