// Small platform helpers for the wasm module.

/** Resolves after `ms`, or rejects with the signal's reason if it aborts first. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as the
 * signal aborts, even if the platform's fetch does not honour the abort (Node's
 * fetch was seen to stay pending under concurrent traffic to the same origin).
 */
export function raceAbort(promise, signal) {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Marks a promise as handled: its rejection is expected and ignored. */
export function swallow(promise) {
  promise.catch(() => {});
}

/** True when running in Node.js (where a User-Agent header may be set). */
export function isNode() {
  return typeof process !== 'undefined' && !!(process.versions && process.versions.node);
}

const BIGINT = '\u0000bigint:';

/**
 * Serializes a caller's options object to JSON text for the wasm module.
 * A bigint travels as a marked string; NaN and ±Infinity (which JSON would
 * turn into null) are refused with the path of the field. Returns
 * `{ json }` or `{ path, problem }`.
 */
export function optionsJson(value) {
  const paths = new Map();
  let bad;
  let json;
  try {
    json = JSON.stringify(value, function (key, v) {
      if (bad) return undefined;
      const parent = paths.get(this);
      const path = !parent ? key : Array.isArray(this) ? `${parent}[${key}]` : `${parent}.${key}`;
      if (typeof v === 'bigint') return BIGINT + v.toString();
      if (typeof v === 'number' && !Number.isFinite(v)) {
        bad = { path, problem: `must be a finite number (got ${v})` };
        return undefined;
      }
      if (v !== null && typeof v === 'object') paths.set(v, path);
      return v;
    });
  } catch (e) {
    return { path: 'options', problem: 'must be plain data (it has a cycle or a value that cannot be serialized)' };
  }
  return bad || { json };
}

function revive(key, v) {
  return typeof v === 'string' && v.startsWith(BIGINT) ? BigInt(v.slice(BIGINT.length)) : v;
}

/** Parses a checked response body; `marked` bodies carry bigints as marked strings. */
export function parseJson(text, marked) {
  return marked ? JSON.parse(text, revive) : JSON.parse(text);
}
