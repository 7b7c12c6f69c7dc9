import type { ErrorCode } from '../src-shared/sync/protocol.js';

/** A refusal the client should see: HTTP status, code, and a Spanish message for the screen. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly mutationId?: number,
  ) {
    super(message);
  }
}
