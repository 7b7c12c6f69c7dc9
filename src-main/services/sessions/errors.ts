import { AppError, type ErrorCode } from '../../../src-shared/contract/errors.js';

/** A refusal with its Spanish message for the screen and its English one for the CLI. */
export class SessionError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly english: string,
  ) {
    super(code, message);
  }
}

export const refuse = (code: ErrorCode, spanish: string, english: string): never => {
  throw new SessionError(code, spanish, english);
};
