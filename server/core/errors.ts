// Application errors carry an HTTP status, a stable code and an i18n message key; the HTTP layer
// turns them into a page or a JSON body. Services throw these and know nothing of HTTP.

/** A field message: an i18n key with its interpolation values. */
export type FieldMessage = { key: string; params?: Record<string, unknown> };
export type FieldErrors = Record<string, FieldMessage>;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly key: string;
  readonly fields: FieldErrors | undefined;

  constructor(status: number, code: string, key: string, fields?: FieldErrors) {
    super(key);
    this.status = status;
    this.code = code;
    this.key = key;
    this.fields = fields;
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldErrors, key = 'errors.validation') {
    super(400, 'validation', key, fields);
  }
}

export class ConflictError extends AppError {
  constructor(key: string, fields?: FieldErrors) {
    super(409, 'conflict', key, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(key = 'errors.not_found') {
    super(404, 'not_found', key);
  }
}

export class ForbiddenError extends AppError {
  constructor(key = 'errors.forbidden') {
    super(403, 'forbidden', key);
  }
}

export class UnauthorizedError extends AppError {
  constructor(key = 'errors.unauthorized') {
    super(401, 'unauthorized', key);
  }
}

/** The database cannot be reached for now (a connection lost or refused): a 503, "try again shortly". */
export class ServiceUnavailableError extends AppError {
  constructor(key = 'errors.unavailable') {
    super(503, 'service_unavailable', key);
  }
}

/**
 * SQLSTATEs and socket errors that mean the connection, not the statement, failed: the server ended
 * it (57P01 admin_shutdown, a terminated backend; 57P02 crash_shutdown), is starting or stopping
 * (57P03), is full (53300), class 08 (connection exception), or the network dropped it.
 */
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);
/** node-postgres's own words for a connection that ended under a query or before it. */
const CONNECTION_MESSAGES = /^Connection terminated|not queryable|timeout exceeded when trying to connect/;

/** True when a database error (or what it wraps: Drizzle wraps the driver's) is a lost connection. */
export function isConnectionLost(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The SQLSTATE of a database error, looking through the wrappers (Drizzle's query error) around it. */
function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a database error is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/**
 * PostgreSQL's refusals of a value itself: a character it cannot store (22021, and 22P05 for a NUL
 * in JSON), a number or date out of its range (22003, 22008, 22007), text too long for its column
 * (22001), a value nested too deep for its parser (54001). Input checks stop these first; one that
 * gets past them is still bad input, a 400, not a server fault.
 */
const VALUE_REFUSALS = new Set(['22001', '22003', '22007', '22008', '22021', '22P05', '54001']);

/** True when the database refused a value a request brought (see VALUE_REFUSALS). */
export function isValueRefusal(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && VALUE_REFUSALS.has(code);
}
