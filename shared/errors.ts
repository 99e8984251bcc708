/** Error codes every boundary can answer with. Plain data crosses IPC and HTTP; DeskError lives inside. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_handler',
  'not_found',
  'invalid_transition',
  'conflict',
  'not_signed_in',
  'forbidden',
  'internal',
  /** Nothing answered: the browser-mode host is not running (the call never reached the desk). */
  'unreachable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DeskErrorData {
  code: ErrorCode;
  message: string;
  /** The input field the refusal is about ("name" for a name taken already), so a form can show it there. */
  field?: string;
}

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { readonly field?: string } = {}) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.field = options.field;
  }

  toData(): DeskErrorData {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Rebuilds a DeskError from data that crossed a boundary; anything unrecognisable becomes `internal`. */
export function deskErrorFromData(data: unknown): DeskError {
  if (data && typeof data === 'object') {
    const { code, message, field } = data as Record<string, unknown>;
    if (isErrorCode(code) && typeof message === 'string') {
      return new DeskError(code, message, typeof field === 'string' && field.length <= 200 ? { field } : {});
    }
  }
  return new DeskError('internal', 'The desk answered with an error it could not describe.');
}
