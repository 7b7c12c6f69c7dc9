import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { dispatch, type Handlers } from '../services/api.js';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/security.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

// Matches the largest upload the contract allows (a legacy signature export, 50 MB) plus JSON overhead.
const MAX_BODY = 72 * 1024 * 1024;
/** Where the renderer is served. The bare root answers 401, to send people to the full address. */
export const APP_PATH = '/app/';

export interface HostOptions {
  handlers: Handlers;
  rendererDir: string;
  token?: string;
  /** A request body that sends nothing for this long is answered 408 and its connection closed. */
  bodyIdleMs?: number;
  /** Headers must be complete within this long (slow-header attacks). */
  headersTimeoutMs?: number;
}

const BODY_IDLE_MS = 15_000;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Serves the renderer and the contract over HTTP on loopback. Every call of the contract needs the
 * per-run token as a Bearer header. The token never travels in a cookie: browsers send cookies for
 * 127.0.0.1 to every port, so any other local server would receive it. The page gets it from the
 * URL's fragment, which browsers do not send at all; the page and its scripts hold no data and
 * are served without it.
 */
export function createHostServer(options: HostOptions): { server: Server; token: string } {
  const token = options.token ?? newToken();
  const server = createServer(
    {
      // Slow or stalled requests must not hold sockets forever (Node's checks run every interval).
      headersTimeout: options.headersTimeoutMs ?? 15_000,
      requestTimeout: 120_000,
      connectionsCheckingInterval: 1_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
    handle(req, res, options, token).catch((e: unknown) => {
      console.error('[sesiona] host error', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Error interno del servidor local.' } });
      else res.end();
    });
  },
  );
  return { server, token };
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HostOptions, token: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // DNS rebinding: only our own loopback name may address us.
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    sendJson(res, 403, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Origen no permitido.' } });
    return;
  }
  const unauthorized = () =>
    sendJson(res, 401, {
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Acceso no autorizado: abra Sesiona con la dirección completa que mostró la terminal.' },
    });
  if (url.pathname.startsWith('/api/')) {
    if (!tokenMatches(bearerToken(req), token)) {
      unauthorized();
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Método no permitido.' } });
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) {
      sendJson(res, 403, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Origen no permitido.' } });
      return;
    }
    let args: unknown;
    try {
      const body = await readBody(req, options.bodyIdleMs ?? BODY_IDLE_MS);
      args = body.length ? JSON.parse(body) : {};
    } catch (e) {
      if (e instanceof Error && e.message === 'stalled') {
        res.setHeader('Connection', 'close');
        sendJson(res, 408, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'La solicitud se detuvo antes de terminar de llegar.' } });
        req.socket.destroySoon();
        return;
      }
      const tooBig = e instanceof Error && e.message === 'too large';
      sendJson(res, tooBig ? 413 : 400, {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: tooBig ? 'La solicitud es demasiado grande.' : 'La solicitud no es JSON válido.' },
      });
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(5));
    } catch {
      sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_CALL', message: 'La operación solicitada no existe.' } });
      return;
    }
    const reply = await dispatch(options.handlers, name, args);
    const status = reply.ok ? 200 : statusOf(reply.error.code);
    sendJson(res, status, reply);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Método no permitido.' } });
    return;
  }
  if (!url.pathname.startsWith(APP_PATH)) {
    unauthorized();
    return;
  }
  await serveStatic(res, options.rendererDir, url.pathname.slice(APP_PATH.length - 1));
}

function statusOf(code: string): number {
  return (
    { INVALID_ARGUMENT: 400, UNAUTHORIZED: 401, NOT_FOUND: 404, UNKNOWN_CALL: 404, CONFLICT: 409, LOCKED: 423, IN_USE: 423, READ_ONLY: 503, UNAVAILABLE: 503 }[code] ?? 500
  );
}

/** The body, capped in size, failing with 'stalled' when the sender goes quiet mid-body. */
function readBody(req: IncomingMessage, idleMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer = setTimeout(stalled, idleMs);
    function stalled() {
      cleanup();
      reject(new Error('stalled'));
    }
    function cleanup() {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
    }
    function onData(chunk: Buffer) {
      clearTimeout(timer);
      timer = setTimeout(stalled, idleMs);
      size += chunk.length;
      if (size > MAX_BODY) {
        cleanup();
        req.resume();
        reject(new Error('too large'));
        return;
      }
      chunks.push(chunk);
    }
    function onEnd() {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    }
    function onError(e: Error) {
      cleanup();
      reject(e);
    }
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

async function serveStatic(res: ServerResponse, root: string, pathname: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) {
    sendJson(res, 403, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Ruta no permitida.' } });
    return;
  }
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  // The renderer routes in the hash, so anything that is not an asset gets the app shell.
  if (!isFile) file = join(root, 'index.html');
  const body = await readFile(file).catch(() => undefined);
  if (!body) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('No se encontró la interfaz compilada. Ejecute «npm run build».');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}
