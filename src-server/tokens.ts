/**
 * Access tokens: HMAC-SHA256 over a small JSON payload, so any server process holding the key
 * (kept in the database) checks them with no session state. Short-lived; refresh tokens are random,
 * stored hashed, and rotated on every use.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Membership } from '../src-shared/sync/protocol.js';

export interface AccessClaims {
  /** account id */
  sub: string;
  username: string;
  personId: string;
  memberships: Membership[];
  /** expiry, seconds since the epoch */
  exp: number;
}

export function signAccessToken(claims: AccessClaims, key: string): string {
  const body = Buffer.from(JSON.stringify({ ...claims, typ: 'access' })).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

export type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyAccessToken(token: string, key: string, nowMs: number): TokenCheck {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let claims: AccessClaims & { typ?: string };
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessClaims & { typ?: string };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.typ !== 'access' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newTokenKey(): string {
  return randomBytes(32).toString('base64url');
}

function mac(body: string, key: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
