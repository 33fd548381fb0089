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

/** A header whose value is a number, or undefined. */
function numberHeader(headers, name) {
  const v = headers.get(name);
  if (v === null) return undefined;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * One HTTP exchange for the wasm transport (src/wasm/transport.rs). `request`
 * is `url\nmethod\n` then `name\nvalue\n` per header (one string: each
 * string crossing from wasm costs a decode). Resolves to
 * `[status, contentType, retryAfter, rateLimit, rateRemaining, text, length]`
 * (the body as text, decoded as UTF-8 like `res.json()` does, and its length
 * in UTF-16 units; absent headers undefined), or rejects with
 * `{ kind: 'timeout' | 'abort' | 'network', cause }`. Redirects are never
 * followed: credentials must not travel to another origin. The caller's
 * signal and the timeout abort the request; a timer or listener never
 * outlives the exchange.
 */
export async function exchange(request, body, signal, timeoutMs) {
  const lines = request.split('\n');
  const url = lines[0];
  const h = {};
  for (let i = 2; i + 1 < lines.length; i += 2) h[lines[i]] = lines[i + 1];
  const init = { method: lines[1], headers: h, redirect: 'error' };
  if (body !== undefined) init.body = body;
  if (!signal && timeoutMs === undefined) {
    // Nothing can abort this exchange: no controller, no race (they cost
    // about a tenth of a loopback call in Node).
    try {
      const res = await fetch(url, init);
      return answer(res, await res.text());
    } catch (e) {
      throw { kind: 'network', cause: e };
    }
  }
  if (signal && signal.aborted) throw { kind: 'abort', cause: signal.reason };
  const controller = new AbortController();
  let state = 'network';
  let timer;
  let onAbort;
  if (timeoutMs !== undefined) {
    timer = setTimeout(() => {
      state = 'timeout';
      controller.abort();
    }, timeoutMs);
  }
  if (signal) {
    onAbort = () => {
      state = 'abort';
      controller.abort(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  }
  init.signal = controller.signal;
  let finished = false;
  try {
    // Raced against our own signal: a timeout or abort settles the call even
    // if the platform's fetch ignores the abort.
    const res = await raceAbort(fetch(url, init), controller.signal);
    const text = await raceAbort(res.text(), controller.signal);
    finished = true;
    return answer(res, text);
  } catch (e) {
    throw { kind: state, cause: state === 'abort' ? signal.reason : e };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
    if (!finished) controller.abort();
  }
}

const utf8 = new TextEncoder();

/**
 * Writes `text` as UTF-8 into `into` (a view of wasm memory the module
 * allocated, at least 3 bytes per UTF-16 unit); returns the bytes written.
 * Native code, one pass: wasm-bindgen's own string passing copies character
 * by character in JS.
 */
export function encodeInto(text, into) {
  return utf8.encodeInto(text, into).written;
}

/**
 * What the client needs of a response (see `exchange`). The body is read with
 * text() rather than arrayBuffer(): the platform decodes it once, and the same
 * string is what JSON.parse reads after the check (see parseJson).
 */
function answer(res, text) {
  const rh = res.headers;
  return [
    res.status,
    rh.get('content-type') ?? undefined,
    rh.get('retry-after') ?? undefined,
    numberHeader(rh, 'ratelimit-limit'),
    numberHeader(rh, 'ratelimit-remaining'),
    text,
    text.length,
  ];
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

/** JSON.stringify's replacer for options: bigints travel as marked strings. */
function plain(key, v) {
  if (typeof v === 'bigint') return BIGINT + v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) throw NOT_FINITE;
  return v;
}
const NOT_FINITE = new Error('not finite');

/**
 * Reads a caller's options object for the wasm module, in one call: returns
 * `[json, signal]` (the options as JSON text, and the AbortSignal, which JSON
 * cannot carry), or `{ path, problem }` for options that cannot be read.
 * A bigint travels as a marked string; NaN and ±Infinity (which JSON would
 * turn into null) are refused with the path of the field.
 */
export function readOptions(value) {
  if (value === undefined || value === null) return ['{}', undefined];
  if (typeof value !== 'object' || Array.isArray(value)) return { path: 'options', problem: 'must be an object' };
  const signal = value.signal;
  if (signal !== undefined && !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)) {
    return { path: 'signal', problem: 'must be an AbortSignal' };
  }
  try {
    return [JSON.stringify(value, plain), signal];
  } catch (e) {
    // Rare: find where, with the slower path-tracking pass.
    const r = optionsJson(value);
    return r.json === undefined ? r : { path: 'options', problem: String(e && e.message) };
  }
}

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
