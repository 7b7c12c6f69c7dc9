/** Error codes every transport carries; the message is Spanish and fit for the screen. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNKNOWN_CALL'
  | 'UNAUTHORIZED'
  | 'STORAGE'
  | 'LOCKED'
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
