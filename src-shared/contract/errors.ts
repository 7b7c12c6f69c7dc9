/**
 * Error codes every transport carries; the message is Spanish and fit for the screen.
 * Each code means one thing, so a caller (the CLI, the web host's HTTP status, a screen)
 * can act on the code alone.
 */
export type ErrorCode =
  /** The arguments do not match the contract's schema, or the input file is malformed. */
  | 'INVALID_ARGUMENT'
  /** The record or file asked for does not exist. */
  | 'NOT_FOUND'
  /**
   * The call conflicts with what is stored now: the thing already exists (a certificate
   * already imported), or the record is at a step that does not allow it (signing an acta
   * before it is locked, out of turn, a PDF that admits no more changes).
   */
  | 'CONFLICT'
  /** No such call in the contract. */
  | 'UNKNOWN_CALL'
  /** Wrong PIN or password, missing token, or a caller that is not Sesiona's own window. */
  | 'UNAUTHORIZED'
  /** Stored data is damaged or cannot be read or decrypted. */
  | 'STORAGE'
  /** Locked until a person unlocks it: the signature vault (passphrase) or a signature blocked after wrong PINs. */
  | 'LOCKED'
  /** The data folder is in use by another Sesiona process. */
  | 'IN_USE'
  /** The app refuses changes right now (it is closing); nothing was written. */
  | 'READ_ONLY'
  /** An outside service or OS facility did not answer or answered badly: the time-stamping service, the OS key store, a worker. */
  | 'UNAVAILABLE'
  /** A fault in Sesiona itself. */
  | 'INTERNAL';

export interface CallError {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: CallError };

/** Thrown by services; transports turn it into a {code, message} reply. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isCallError(value: unknown): value is CallError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CallError).code === 'string' &&
    typeof (value as CallError).message === 'string'
  );
}
