// Error classes of atlas-admin-wasm. Every error the client rejects with is an
// instance of AtlasError (and so of Error), with machine-readable fields.
// Messages never contain tokens, secrets or response bodies.

/** Base class of every error thrown or rejected by the client. */
export class AtlasError extends Error {
  constructor(message, fields) {
    super(message, fields && fields.cause !== undefined ? { cause: fields.cause } : undefined);
    this.name = new.target.name;
    if (fields) {
      for (const k of Object.keys(fields)) {
        if (k !== 'cause') this[k] = fields[k];
      }
    }
  }
}
/** The input was refused before anything was sent (`field`, `rule`). */
export class AtlasValidationError extends AtlasError {}
/** Atlas answered with an error status (`status`, `errorCode`, `detail`, …). */
export class AtlasApiError extends AtlasError {}
/** The answer could not be decoded; `rawBody` holds it verbatim. */
export class AtlasDecodeError extends AtlasError {}
/** The request could not be sent or its answer not read; `cause` has why. */
export class AtlasNetworkError extends AtlasError {}
/** The call took longer than `timeoutMs`. */
export class AtlasTimeoutError extends AtlasError {}
/** The caller's AbortSignal fired; `cause` is its reason. */
export class AtlasAbortError extends AtlasError {}

const CLASSES = {
  validation: AtlasValidationError,
  api: AtlasApiError,
  decode: AtlasDecodeError,
  network: AtlasNetworkError,
  timeout: AtlasTimeoutError,
  abort: AtlasAbortError,
};

/** Used by the wasm module to build an error of `kind`. */
export function makeError(kind, message, fields) {
  const C = CLASSES[kind] || AtlasError;
  return new C(message, fields);
}
