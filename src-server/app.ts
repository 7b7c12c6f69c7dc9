/**
 * The HTTP surface of the central server. Every route under /v1/commissions/:commission checks the
 * caller's token and role in that commission before anything else; every write is audited in the
 * same transaction that stores it. Refusals are 4xx with a code and a Spanish message.
 */
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayDownload, mayUpload } from '../src-shared/sync/access.js';
import {
  commissionSchema,
  loginRequestSchema,
  pullQuerySchema,
  pushRequestSchema,
  refreshRequestSchema,
  sha256Schema,
  type Change,
  type LoginResponse,
  type Membership,
  type PullResponse,
  type Role,
  type AccountsResponse,
} from '../src-shared/sync/protocol.js';
import { cachedAccounts, findAccount, membershipsOf, tokenKey } from './accounts.js';
import type { Database } from './db.js';
import { ServerError } from './errors.js';
import { ChangeHub } from './events.js';
import { parseJsonBody } from './json-body.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { applyPush, type Caller } from './push.js';
import { reviewerFields, reviewScope } from './review-scope.js';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken, type AccessClaims } from './tokens.js';

export interface ServerOptions {
  db: Database;
  /** The clock, injectable so tests can expire tokens. */
  now?: () => number;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /** Failed logins of one username within the window before login is refused for a while. */
  loginAttempts?: number;
  loginWindowSeconds?: number;
  logger?: boolean | { level: string };
  tls?: { cert: Buffer; key: Buffer };
  /** Behind a load balancer: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Largest push body, bytes. */
  pushLimit?: number;
  /** Largest blob, bytes. */
  blobLimit?: number;
  sseHeartbeatMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller & { commission: string; claims: AccessClaims };
  }
}

const DISABLED = 'Su cuenta fue desactivada en el servidor; ya no puede sincronizar ni iniciar sesión con ella.';

// Refusals are read by people through the app: zod's own messages in Spanish too.
z.config(z.locales.es());

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const accessTtl = options.accessTtlSeconds ?? 300;
  const refreshTtl = options.refreshTtlSeconds ?? 30 * 24 * 3600;
  const maxAttempts = options.loginAttempts ?? 5;
  const loginWindow = options.loginWindowSeconds ?? 900;
  const key = await tokenKey(db);
  const hub = new ChangeHub();
  await hub.start(db);
  const streams = new Set<() => void>();

  const app = Fastify({
    logger: options.logger === undefined ? false : options.logger,
    ...(options.tls ? { https: { cert: options.tls.cert, key: options.tls.key } } : {}),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.pushLimit ?? 8 * 1024 * 1024,
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;

  // Only JSON and raw bytes are spoken here; anything else is a 415, not a string for zod to puzzle over.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: options.blobLimit ?? 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    if (error instanceof ServerError) {
      request.log.info({ code: error.code, mutationId: error.mutationId }, error.message);
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...(error.mutationId !== undefined ? { mutationId: error.mutationId } : {}) } });
    }
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!;
      const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: `${issue.message}${where}` } });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ error: { code: 'TOO_LARGE', message: 'El envío es demasiado grande.' } });
    if (status === 415) return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Tipo de contenido no admitido.' } });
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'El cuerpo no es JSON válido.' : 'Solicitud inválida.';
      return reply.status(status).send({ error: { code: 'BAD_REQUEST', message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Error interno del servidor.' } });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No existe esa ruta.' } }));

  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });
  app.addHook('onClose', async () => {
    await hub.close();
  });

  app.get('/health', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ok', database: db.kind, subscribers: hub.size };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: db.kind });
    }
  });

  async function audit(entry: { account?: string | null; commission?: string | null; action: string; target?: string; detail?: unknown; ip: string }) {
    await db.query('INSERT INTO audit (account, commission, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.account ?? null,
      entry.commission ?? null,
      entry.action,
      entry.target ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
      entry.ip,
    ]);
  }

  async function issueTokens(account: { id: string; username: string; person_id: string; display_name: string }, memberships: Membership[]): Promise<LoginResponse> {
    const exp = Math.floor(now() / 1000) + accessTtl;
    const accessToken = signAccessToken({ sub: account.id, username: account.username, personId: account.person_id, memberships, exp }, key);
    const refresh = newRefreshToken();
    await db.query('INSERT INTO refresh_tokens (token_hash, account_id, expires_at) VALUES ($1, $2, $3)', [refresh.hash, account.id, new Date(now() + refreshTtl * 1000)]);
    return {
      accessToken,
      expiresIn: accessTtl,
      refreshToken: refresh.token,
      account: { username: account.username, personId: account.person_id, displayName: account.display_name, memberships },
    };
  }

  app.post('/v1/auth/login', async (request, reply) => {
    const input = loginRequestSchema.parse(request.body);
    const since = new Date(now() - loginWindow * 1000);
    const { rows } = await db.query<{ by_user: number; by_ip: number }>(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS by_user, count(*) FILTER (WHERE ip = $2)::int AS by_ip
         FROM login_failures WHERE at > $3 AND (username = $1 OR ip = $2)`,
      [input.username, request.ip, since],
    );
    if (rows[0]!.by_user >= maxAttempts || rows[0]!.by_ip >= maxAttempts * 10) {
      await audit({ account: input.username, action: 'login.throttled', ip: request.ip });
      reply.header('Retry-After', String(loginWindow));
      throw new ServerError(429, 'RATE_LIMITED', 'Demasiados intentos fallidos. Espere unos minutos antes de volver a intentar.');
    }
    const account = await findAccount(db, input.username);
    const ok = await verifyPassword(input.password, account?.password_hash ?? DUMMY_HASH);
    if (!account || !ok || account.disabled) {
      await db.query('INSERT INTO login_failures (username, ip, at) VALUES ($1, $2, $3)', [input.username, request.ip, new Date(now())]);
      await audit({ account: input.username, action: 'login.failed', ip: request.ip });
      throw new ServerError(401, 'UNAUTHORIZED', 'Usuario o contraseña incorrectos.');
    }
    await db.query('DELETE FROM login_failures WHERE username = $1', [input.username]);
    await audit({ account: account.username, action: 'login', ip: request.ip });
    return issueTokens(account, await membershipsOf(db, account.id));
  });

  app.post('/v1/auth/refresh', async (request) => {
    const input = refreshRequestSchema.parse(request.body);
    const hash = hashRefreshToken(input.refreshToken);
    // Rotation: the old token is revoked in the same statement that reads it, so two refreshes
    // racing with one token cannot both succeed.
    const { rows } = await db.query<{ account_id: string }>(
      'UPDATE refresh_tokens SET revoked = true WHERE token_hash = $1 AND NOT revoked AND expires_at > $2 RETURNING account_id',
      [hash, new Date(now())],
    );
    const accountId = rows[0]?.account_id;
    const account = accountId
      ? (await db.query<{ id: string; username: string; person_id: string; display_name: string; disabled: boolean }>(
          'SELECT a.id, a.username, a.person_id, p.display_name, a.disabled FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.id = $1',
          [accountId],
        )).rows[0]
      : undefined;
    if (!account) {
      // Revoked because the account was disabled (or deleted): say so, so the laptop stops accepting it too.
      const { rows: gone } = await db.query<{ disabled: boolean | null }>(
        'SELECT a.disabled FROM refresh_tokens r LEFT JOIN accounts a ON a.id = r.account_id WHERE r.token_hash = $1',
        [hash],
      );
      if (gone[0] && gone[0].disabled !== false) throw new ServerError(401, 'ACCOUNT_DISABLED', DISABLED);
    }
    if (!account || account.disabled) throw new ServerError(401, account ? 'ACCOUNT_DISABLED' : 'UNAUTHORIZED', account ? DISABLED : 'La sesión terminó; vuelva a iniciar sesión.');
    await audit({ account: account.username, action: 'token.refresh', ip: request.ip });
    return issueTokens(account, await membershipsOf(db, account.id));
  });

  app.post('/v1/auth/logout', async (request, reply) => {
    const input = refreshRequestSchema.parse(request.body);
    const { rows } = await db.query<{ username: string }>(
      'UPDATE refresh_tokens r SET revoked = true FROM accounts a WHERE r.token_hash = $1 AND a.id = r.account_id RETURNING a.username',
      [hashRefreshToken(input.refreshToken)],
    );
    if (rows[0]) await audit({ account: rows[0].username, action: 'logout', ip: request.ip });
    return reply.status(204).send();
  });

  /** Token, then membership: a member of one commission can neither read nor write another's. */
  async function authorize(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new ServerError(401, 'UNAUTHORIZED', 'Inicie sesión en el servidor.');
    const check = verifyAccessToken(token, key, now());
    if (!check.ok) {
      if (check.reason === 'expired') throw new ServerError(401, 'TOKEN_EXPIRED', 'La sesión expiró; renueve el acceso.');
      throw new ServerError(401, 'UNAUTHORIZED', 'Credencial inválida; inicie sesión de nuevo.');
    }
    const parsed = commissionSchema.safeParse((request.params as { commission?: string }).commission);
    if (!parsed.success) throw new ServerError(400, 'BAD_REQUEST', parsed.error.issues[0]!.message);
    // The role is read now, not from the token: a role change, a removal or a disabled account
    // counts from the next request, not when the token expires (one indexed lookup per request).
    const { rows } = await db.query<{ disabled: boolean; role: Role | null; office: string | null }>(
      'SELECT a.disabled, m.role, m.office FROM accounts a LEFT JOIN memberships m ON m.account_id = a.id AND m.commission = $2 WHERE a.id = $1',
      [check.claims.sub, parsed.data],
    );
    const current = rows[0];
    if (!current || current.disabled) throw new ServerError(401, 'ACCOUNT_DISABLED', DISABLED);
    if (!current.role) throw new ServerError(403, 'FORBIDDEN', `Su cuenta no pertenece a la comisión ${parsed.data}.`);
    request.caller = {
      commission: parsed.data,
      accountId: check.claims.sub,
      username: check.claims.username,
      personId: check.claims.personId,
      role: current.role,
      ...(current.office !== null ? { office: current.office } : {}),
      ip: request.ip,
      claims: check.claims,
    };
  }

  /** A revisor's pull: its office's scope only (review-scope.ts), with the history of what came into scope. */
  async function reviewerPull(commission: string, office: string, since: number, limit: number): Promise<PullResponse> {
    const scope = await reviewScope(db, commission, office);
    const keys = [...scope.keys()].map((k) => k.split('\u0000') as [string, string]);
    type Row = { seq: string; client_id: string; account: string; payload: Record<string, unknown>; at: Date | string };
    const select = `SELECT seq::text, client_id, account, payload, at FROM changes WHERE commission = $1`;
    const inScope = `(collection = 'commissions' OR (collection, record_id) IN (SELECT * FROM unnest($3::text[], $4::text[])))`;
    const { rows } = await db.query<Row>(`${select} AND seq > $2 AND ${inScope} ORDER BY changes.seq LIMIT $5`, [
      commission, since, keys.map((k) => k[0]), keys.map((k) => k[1]), limit + 1,
    ]);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const end = more ? Number(page[page.length - 1]!.seq) : Infinity;
    const late = [...scope.entries()].filter(([, entered]) => entered > since && entered <= end).map(([k]) => k.split('\u0000') as [string, string]);
    const earlier = late.length
      ? (await db.query<Row>(`${select} AND seq <= $2 AND (collection, record_id) IN (SELECT * FROM unnest($3::text[], $4::text[])) ORDER BY changes.seq`, [
          commission, since, late.map((k) => k[0]), late.map((k) => k[1]),
        ])).rows
      : [];
    const changes = [...earlier, ...page].map((r) => {
      const c = { ...r.payload, seq: Number(r.seq), clientId: r.client_id, account: r.account, at: new Date(r.at).toISOString() } as Change;
      return c.type === 'put' ? ({ ...c, fields: reviewerFields(c.collection, c.fields, office) } as Change) : c;
    });
    return { changes, cursor: page.length ? Number(page[page.length - 1]!.seq) : since, more };
  }

  app.register(
    async (scope) => {
      scope.addHook('preHandler', authorize);

      scope.post('/push', async (request) => {
        const caller = request.caller!;
        const input = pushRequestSchema.parse(request.body);
        return applyPush(db, caller.commission, caller, input.clientId, input.mutations);
      });

      scope.get('/changes', async (request): Promise<PullResponse> => {
        const caller = request.caller!;
        const q = pullQuerySchema.parse(request.query);
        if (caller.role === 'revisor') return reviewerPull(caller.commission, caller.office ?? '', q.since, q.limit);
        // One statement, one snapshot: the newest seq is read with the page, so no change is passed over.
        const { rows } = await db.query<{ part: number; seq: string | null; client_id: string; account: string; payload: Record<string, unknown>; at: Date | string }>(
          `SELECT * FROM (
             SELECT 0 AS part, seq, client_id, account, payload, at FROM (
               SELECT * FROM changes WHERE commission = $1 AND seq > $2 AND client_id IS DISTINCT FROM $4::text ORDER BY seq LIMIT $3) c
             UNION ALL SELECT 1, max(seq), NULL, NULL, NULL, NULL FROM changes WHERE commission = $1 AND seq > $2) x
           ORDER BY part, seq`,
          [caller.commission, q.since, q.limit + 1, q.except ?? null],
        );
        const newest = Number(rows.pop()?.seq ?? q.since);
        const more = rows.length > q.limit;
        const page = more ? rows.slice(0, q.limit) : rows;
        const changes = page.map((r) => ({ ...r.payload, seq: Number(r.seq), clientId: r.client_id, account: r.account, at: new Date(r.at).toISOString() }) as Change);
        // Without `except` the newest is the last change returned; with it, the client's own later ones are passed too.
        return { changes, cursor: more ? changes[changes.length - 1]!.seq : newest, more };
      });

      // Conditional: a laptop asks every round, and the list (with password hashes) travels only when it changed.
      scope.get('/accounts', async (request, reply) => {
        const body: AccountsResponse = { accounts: await cachedAccounts(db, request.caller!.commission, request.caller!) };
        const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}"`;
        reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
        if (request.headers['if-none-match'] === etag) return reply.status(304).send();
        return body;
      });

      scope.get('/signature-conflicts', async (request) => {
        const { rows } = await db.query<{ payload: unknown; winner_signature_id: string | null; reason: string | null; at: Date | string }>(
          'SELECT payload, winner_signature_id, reason, at FROM signature_conflicts WHERE commission = $1 AND account = $2 ORDER BY at',
          [request.caller!.commission, request.caller!.username],
        );
        return {
          conflicts: rows.map((r) => ({ signature: r.payload, winnerSignatureId: r.winner_signature_id, ...(r.reason ? { reason: r.reason } : {}), at: new Date(r.at).toISOString() })),
        };
      });

      scope.put('/blobs/:sha256', async (request, reply) => {
        const caller = request.caller!;
        if (!mayUpload(caller.role)) throw new ServerError(403, 'FORBIDDEN', `Su papel (${caller.role}) no permite subir archivos.`);
        const sha = sha256Schema.parse((request.params as { sha256: string }).sha256);
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new ServerError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Envíe el archivo como application/octet-stream.');
        const actual = createHash('sha256').update(body).digest('hex');
        if (actual !== sha) throw new ServerError(400, 'HASH_MISMATCH', 'El archivo llegó dañado: su huella SHA-256 no coincide. Vuelva a enviarlo.');
        const created = await db.tx(async (sql) => {
          const { rows } = await sql.query<{ sha256: string }>(
            'INSERT INTO blobs (commission, sha256, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING sha256',
            [caller.commission, sha, body.length, body],
          );
          if (rows.length) {
            await sql.query('INSERT INTO audit (account, commission, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)', [
              caller.username, caller.commission, 'blob.put', sha, JSON.stringify({ size: body.length }), caller.ip,
            ]);
          }
          return rows.length > 0;
        });
        return reply.status(created ? 201 : 200).send({ sha256: sha, size: body.length, created });
      });

      scope.get('/blobs/:sha256', async (request, reply) => {
        if (!mayDownload(request.caller!.role)) throw new ServerError(403, 'FORBIDDEN', 'Su cuenta de revisión no descarga archivos; el texto de la ronda llega con la sincronización.');
        const sha = sha256Schema.parse((request.params as { sha256: string }).sha256);
        const { rows } = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM blobs WHERE commission = $1 AND sha256 = $2', [request.caller!.commission, sha]);
        if (!rows[0]) throw new ServerError(404, 'NOT_FOUND', 'Ese archivo no está en el servidor.');
        return reply.type('application/octet-stream').send(Buffer.from(rows[0].bytes));
      });

      scope.get('/events', async (request, reply) => {
        const caller = request.caller!;
        const { rows } = await db.query<{ s: string | null }>('SELECT max(seq)::text AS s FROM changes WHERE commission = $1', [caller.commission]);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
        res.write(`event: hello\ndata: ${JSON.stringify({ cursor: Number(rows[0]?.s ?? 0) })}\n\n`);
        const unsubscribe = hub.subscribe(caller.commission, (cursor) => res.write(`event: changes\ndata: ${JSON.stringify({ cursor })}\n\n`));
        // An account changed: laptops refresh their cache; the changed account's own stream ends,
        // and its reconnection is authorized with its new role (or refused).
        const unwatch = hub.watchAccounts(caller.commission, (accountId) => {
          res.write(`event: accounts\ndata: ${JSON.stringify({ cursor: 0 })}\n\n`);
          if (accountId === caller.accountId) end();
        });
        const heartbeat = setInterval(() => res.write(': ping\n\n'), options.sseHeartbeatMs ?? 20_000);
        // The stream lives no longer than the token that opened it; the client reconnects with a fresh one.
        const expiry = setTimeout(() => end(), Math.max(0, caller.claims.exp * 1000 - now()));
        function end() {
          clearInterval(heartbeat);
          clearTimeout(expiry);
          unsubscribe();
          unwatch();
          streams.delete(end);
          if (!res.writableEnded) res.end();
        }
        streams.add(end);
        request.raw.on('close', end);
      });
    },
    { prefix: '/v1/commissions/:commission' },
  );

  return app;
}
