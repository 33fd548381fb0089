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

/** Marks a promise as handled: its rejection is expected and ignored. */
export function swallow(promise) {
  promise.catch(() => {});
}

/** True when running in Node.js (where a User-Agent header may be set). */
export function isNode() {
  return typeof process !== 'undefined' && !!(process.versions && process.versions.node);
}
