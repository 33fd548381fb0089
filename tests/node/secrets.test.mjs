// Credentials and one-time secrets never leak: a distinctive token is looked
// for in every error kind (all the ways a caller may print or log it), in the
// client's own string forms and in everything written to the console; a
// private key or PEM that cannot be decoded stays in `rawBody` but never in
// the error's message.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import util from 'node:util';
import { Mock, UNKNOWN_ID, waitForPkg } from './support/harness.mjs';

await waitForPkg();
const {
  AtlasClient,
  AtlasError,
  AtlasValidationError,
  AtlasApiError,
  AtlasDecodeError,
  AtlasNetworkError,
  AtlasTimeoutError,
  AtlasAbortError,
} = await import('../../pkg/node/index.mjs');

// A token the server does not know (every authenticated call is a 401) ...
const TOKEN = 'SecretsSuite-Token-7c3e91d04b2a';
// ... and a live service-account token issued by the server (set in `before`).
let liveToken;

const mock = new Mock();
let seed;

// Everything written to the console or to stdout/stderr while the calls run.
const captured = [];
const restore = [];
function startCapture() {
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir']) {
    const orig = console[m];
    console[m] = (...args) => {
      captured.push(util.format(...args));
      return orig.apply(console, args);
    };
    restore.push(() => {
      console[m] = orig;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const orig = stream.write;
    stream.write = function (chunk, ...rest) {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return orig.call(this, chunk, ...rest);
    };
    restore.push(() => {
      stream.write = orig;
    });
  }
}
function stopCapture() {
  while (restore.length) restore.pop()();
}

before(async () => {
  await mock.open();
  seed = mock.seed;
  const r = await fetch(mock.url + '/api/oauth/token', {
    method: 'POST',
    headers: {
      authorization: 'Basic ' + Buffer.from('mdb_sa_id_test:mdb_sa_sk_test').toString('base64'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  assert.equal(r.status, 200);
  liveToken = (await r.json()).access_token;
  assert.ok(typeof liveToken === 'string' && liveToken.length >= 16 && liveToken !== 'test-token');
  startCapture();
});
after(async () => {
  stopCapture();
  await mock.close();
});

/** Every way an error is commonly shown or logged. */
function renderings(err) {
  const out = {
    message: String(err.message),
    'String(err)': String(err),
    'JSON.stringify(err)': JSON.stringify(err) ?? '',
    stack: String(err.stack),
    'util.inspect(err)': util.inspect(err, { depth: 8, showHidden: true }),
    'util.format(%o)': util.format('%o', err),
    'rule/detail': `${err.rule ?? ''} ${err.detail ?? ''}`,
  };
  if (err.cause !== undefined) {
    out['String(cause)'] = String(err.cause);
    out['inspect(cause)'] = util.inspect(err.cause, { depth: 8, showHidden: true });
  }
  return out;
}

function assertNoSecret(err, secrets) {
  for (const [where, text] of Object.entries(renderings(err))) {
    for (const s of secrets) {
      assert.ok(!text.includes(s), `secret found in ${where} of ${err.name}`);
    }
  }
}

function clientRenderings(c) {
  return [
    String(c),
    `${c}`,
    JSON.stringify(c),
    JSON.stringify({ c }),
    util.inspect(c),
    util.inspect(c, { showHidden: true, depth: Infinity, getters: true }),
    util.format('%o %O %s %j', c, c, c, c),
    Object.keys(c).join(','),
    JSON.stringify(c.rateLimit),
  ];
}

async function rejection(p, Class) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${e && e.name}: ${e && e.message}`);
    assert.ok(e instanceof AtlasError);
    return e;
  }
  assert.fail(`expected ${Class.name}`);
}

describe('the token never appears in errors', () => {
  const clients = [];
  const make = (opts) => {
    const c = new AtlasClient({ baseUrl: mock.url, ...opts });
    clients.push(c);
    return c;
  };

  test('validation error (call options and getToken)', async () => {
    const c = make({ token: TOKEN });
    const e1 = await rejection(c.getMaintenanceWindow({ groupId: TOKEN }), AtlasValidationError);
    assertNoSecret(e1, [TOKEN]);
    const e2 = await rejection(c.listProjects({ itemsPerPage: 0, apiVersion: TOKEN }), AtlasValidationError);
    assertNoSecret(e2, [TOKEN]);
    const g = make({ getToken: async () => `${TOKEN} with a space` });
    const e3 = await rejection(g.listProjects(), AtlasValidationError);
    assert.equal(e3.field, 'getToken');
    assertNoSecret(e3, [TOKEN]);
    const r = make({
      getToken: async () => {
        throw new Error(`vault said no to ${TOKEN}`);
      },
    });
    const e4 = await rejection(r.listProjects(), AtlasValidationError);
    assertNoSecret(e4, [TOKEN]);
  });

  test('constructor refusals', () => {
    for (const opts of [
      { token: `${TOKEN}\r\nX-Injected: 1` },
      { token: `${TOKEN} ` },
      { token: TOKEN, getToken: () => TOKEN },
      { token: TOKEN, baseUrl: `https://${TOKEN}@cloud.mongodb.com` },
      { token: TOKEN, baseUrl: `ftp://cloud.mongodb.com/${TOKEN}` },
      { token: TOKEN, unknownOption: TOKEN },
    ]) {
      let err;
      try {
        new AtlasClient(opts);
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof AtlasValidationError, JSON.stringify(Object.keys(opts)));
      assertNoSecret(err, [TOKEN]);
    }
  });

  test('api error 401 (unknown token)', async () => {
    const c = make({ token: TOKEN });
    const e = await rejection(c.getMaintenanceWindow({ groupId: seed.groupId }), AtlasApiError);
    assert.equal(e.status, 401);
    assertNoSecret(e, [TOKEN]);
    assert.ok(!e.rawBody.includes(TOKEN));
  });

  test('api error 404 (live token, static and from getToken)', async () => {
    for (const c of [make({ token: liveToken }), make({ getToken: async () => liveToken })]) {
      const e = await rejection(c.getMaintenanceWindow({ groupId: UNKNOWN_ID }), AtlasApiError);
      assert.equal(e.status, 404);
      assertNoSecret(e, [liveToken]);
    }
  });

  test('decode errors (truncate and nonjson faults)', async () => {
    const c = make({ token: liveToken });
    await mock.arm('truncate', '/maintenanceWindow');
    const e1 = await rejection(c.getMaintenanceWindow({ groupId: seed.groupId }), AtlasDecodeError);
    assertNoSecret(e1, [liveToken]);
    await mock.arm('nonjson', '/groups');
    const e2 = await rejection(c.listProjects({ itemsPerPage: 1 }), AtlasDecodeError);
    assertNoSecret(e2, [liveToken]);
    const t = make({ token: TOKEN });
    await mock.arm('truncate', '/groups');
    const e3 = await rejection(t.listProjects(), AtlasDecodeError);
    assertNoSecret(e3, [TOKEN]);
  });

  test('network error (closed port)', async () => {
    for (const retry of [false, { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 }]) {
      const c = new AtlasClient({ baseUrl: 'http://127.0.0.1:9', token: TOKEN, retry });
      clients.push(c);
      const e = await rejection(c.listProjects(), AtlasNetworkError);
      assert.ok(e.cause !== undefined);
      assertNoSecret(e, [TOKEN]);
    }
  });

  test('timeout (delay fault + timeoutMs)', async () => {
    const c = make({ token: TOKEN, timeoutMs: 150 });
    await mock.arm('delay:2000', '/maintenanceWindow');
    const e = await rejection(c.getMaintenanceWindow({ groupId: seed.groupId }), AtlasTimeoutError);
    assert.equal(e.timeoutMs, 150);
    assertNoSecret(e, [TOKEN]);
  });

  test('abort (AbortController, while in flight and before sending)', async () => {
    const c = make({ token: liveToken });
    await mock.arm('delay:2000', '/maintenanceWindow');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e1 = await rejection(c.getMaintenanceWindow({ groupId: seed.groupId, signal: ac.signal }), AtlasAbortError);
    assertNoSecret(e1, [liveToken]);
    const e2 = await rejection(
      c.listProjects({ signal: AbortSignal.abort(new Error('stop')) }),
      AtlasAbortError,
    );
    assertNoSecret(e2, [liveToken]);
  });

  test('the deprecation notice (default console.warn) and successful calls', async () => {
    const c = make({ token: liveToken });
    const before = captured.length;
    const list = await c.listPipelines({ groupId: seed.groupId });
    assert.equal(list.length, 2);
    const written = captured.slice(before).join('\n');
    assert.ok(written.includes('deprecated'), 'the notice was captured');
    assert.ok(!written.includes(liveToken));
  });

  test('hook events (onRequest, onResponse, onRetry)', async () => {
    const events = [];
    const c = make({
      token: TOKEN,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
      onRequest: (e) => events.push(['request', e]),
      onResponse: (e) => events.push(['response', e]),
      onRetry: (e) => events.push(['retry', e]),
    });
    await mock.arm('503', '/maintenanceWindow');
    const e = await rejection(c.getMaintenanceWindow({ groupId: seed.groupId }), AtlasApiError);
    assert.equal(e.status, 401, 'retried after the 503, then refused');
    assertNoSecret(e, [TOKEN]);
    const kinds = events.map(([k]) => k);
    assert.ok(kinds.includes('request') && kinds.includes('response') && kinds.includes('retry'), kinds.join());
    for (const [kind, ev] of events) {
      const text = util.inspect(ev, { depth: Infinity, showHidden: true }) + JSON.stringify(ev);
      assert.ok(!text.includes(TOKEN), `token in the ${kind} event`);
    }
  });

  test('service-account secret: never in errors or in the client', async () => {
    const SECRET = 'mdb_sa_sk_NotTheRightOne_4a9c7e';
    const c = make({ clientId: 'mdb_sa_id_test', clientSecret: SECRET, retry: false });
    let err;
    try {
      await c.getMaintenanceWindow({ groupId: seed.groupId });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof AtlasError, 'a wrong client secret fails the call');
    assertNoSecret(err, [SECRET, Buffer.from(`mdb_sa_id_test:${SECRET}`).toString('base64')]);
    for (const text of clientRenderings(c)) assert.ok(!text.includes(SECRET));
    const ok = make({ clientId: 'mdb_sa_id_test', clientSecret: 'mdb_sa_sk_test' });
    const w = await ok.getMaintenanceWindow({ groupId: seed.groupId });
    assert.equal(w.dayOfWeek, 7);
    for (const text of clientRenderings(ok)) assert.ok(!text.includes('mdb_sa_sk_test'));
    const e404 = await rejection(ok.getMaintenanceWindow({ groupId: UNKNOWN_ID }), AtlasApiError);
    assertNoSecret(e404, ['mdb_sa_sk_test']);
  });

  test('the clients themselves: String, JSON, util.inspect', () => {
    assert.ok(clients.length >= 8);
    for (const c of clients) {
      for (const text of clientRenderings(c)) {
        assert.ok(!text.includes(TOKEN), text.slice(0, 120));
        assert.ok(!text.includes(liveToken), text.slice(0, 120));
      }
      assert.match(String(c), /^AtlasClient\(http:\/\/127\.0\.0\.1:\d+\)$/);
    }
  });

  test('nothing written to the console holds a token', () => {
    const all = captured.join('\n');
    assert.ok(!all.includes(TOKEN));
    assert.ok(!all.includes(liveToken));
  });
});

describe('one-time secrets whose answer cannot be decoded', () => {
  test('createApiKey with a truncate fault: AtlasDecodeError keeps the partial body, its message does not', async () => {
    const c = new AtlasClient({ baseUrl: mock.url, token: liveToken });
    await mock.arm('truncate', '/apiKeys');
    const e = await rejection(
      c.createApiKey({ orgId: seed.orgId, body: { desc: 'lost key', roles: ['ORG_MEMBER'] } }),
      AtlasDecodeError,
    );
    assert.equal(e.status, 200);
    assert.equal(e.operation, 'createApiKey');
    assert.equal(e.method, 'POST');
    assert.ok(e.rawBody.length > 20);
    assert.ok(e.rawBody.startsWith('{'));
    assert.throws(() => JSON.parse(e.rawBody), SyntaxError, 'the body really is cut');
    for (const [where, text] of Object.entries(renderings(e))) {
      if (where.startsWith('util') || where === 'JSON.stringify(err)') continue; // these show rawBody by design
      assert.ok(!text.includes(e.rawBody), `partial body in ${where}`);
      assert.ok(!text.includes(e.rawBody.slice(0, 40)), `start of the body in ${where}`);
    }
    assertNoSecret(e, [liveToken]);
  });

  test('createDatabaseUserCertificate with a truncate fault: AtlasDecodeError with rawBody', async () => {
    const c = new AtlasClient({ baseUrl: mock.url, token: liveToken });
    await mock.arm('truncate', '/certs');
    const e = await rejection(
      c.createDatabaseUserCertificate({ groupId: seed.groupId, username: 'alice' }),
      AtlasDecodeError,
    );
    assert.ok(e.rawBody.length > 20);
    assert.ok(!e.message.includes(e.rawBody) && !e.message.includes(e.rawBody.slice(0, 40)));
    assert.ok(!e.stack.includes(e.rawBody.slice(0, 40)));
  });

  // The mock's truncate fault cuts a stand-in body. To be sure a real secret is
  // kept (and not shown), a small local server answers with the real shapes,
  // cut right after the secret.
  describe('a server that cuts the answer right after the secret', () => {
    const PRIVATE_KEY = 'a7e6f9d2-0b1c-4d3e-9f8a-secretprivkey';
    const PEM_SECRET = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETKEYMATERIAL';
    const CERT =
      '-----BEGIN CERTIFICATE-----\nMIIBEzCBuqADAgECAgh\n-----END CERTIFICATE-----\n' +
      `-----BEGIN PRIVATE KEY-----\n${PEM_SECRET}\n-----END PRIVATE KEY-----\n`;
    let server;
    let base;
    const seen = [];
    before(async () => {
      server = http.createServer((req, res) => {
        seen.push({ url: req.url, authorization: req.headers.authorization });
        let body;
        let type = 'application/vnd.atlas.2023-01-01+json';
        if (req.url.includes('/apiKeys')) {
          const full = JSON.stringify({
            privateKey: PRIVATE_KEY,
            desc: 'k',
            id: '32b6e34b3d91647abb20e7f0',
            publicKey: 'abcdefgh',
            roles: [{ roleName: 'ORG_MEMBER' }],
          });
          body = full.slice(0, full.indexOf(PRIVATE_KEY) + PRIVATE_KEY.length + 5);
        } else if (req.url.includes('/certs') && req.url.includes('badpem')) {
          // A complete JSON string that is not PEM at all.
          body = JSON.stringify(`not a certificate but ${PEM_SECRET}`);
        } else if (req.url.includes('/certs')) {
          const full = JSON.stringify(CERT);
          body = full.slice(0, full.indexOf(PEM_SECRET) + PEM_SECRET.length + 2);
        } else {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":404,"errorCode":"RESOURCE_NOT_FOUND"}');
          return;
        }
        res.writeHead(req.url.includes('/certs') ? 201 : 200, {
          'content-type': type,
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${server.address().port}`;
    });
    after(() => new Promise((r) => server.close(r)));

    test('API private key: kept verbatim in rawBody, absent from the message', async () => {
      const c = new AtlasClient({ baseUrl: base, token: TOKEN });
      const e = await rejection(
        c.createApiKey({ orgId: seed.orgId, body: { desc: 'k', roles: ['ORG_MEMBER'] } }),
        AtlasDecodeError,
      );
      assert.ok(e.rawBody.includes(PRIVATE_KEY), 'the one-time secret is not lost');
      for (const where of ['message', 'String(err)', 'stack', 'rule/detail']) {
        assert.ok(!renderings(e)[where].includes(PRIVATE_KEY), `private key in ${where}`);
      }
      assertNoSecret(e, [TOKEN]);
      assert.equal(seen.at(-1).authorization, `Bearer ${TOKEN}`);
    });

    test('certificate PEM: kept verbatim in rawBody, absent from the message', async () => {
      const c = new AtlasClient({ baseUrl: base, token: TOKEN });
      for (const username of ['alice', 'badpem']) {
        const e = await rejection(
          c.createDatabaseUserCertificate({ groupId: seed.groupId, username }),
          AtlasDecodeError,
        );
        assert.equal(e.status, 201);
        assert.ok(e.rawBody.includes(PEM_SECRET), 'the one-time secret is not lost');
        for (const where of ['message', 'String(err)', 'stack', 'rule/detail']) {
          const text = renderings(e)[where];
          assert.ok(!text.includes(PEM_SECRET), `PEM in ${where}`);
          assert.ok(!text.includes('PRIVATE KEY'), `PEM armour in ${where}`);
        }
        assertNoSecret(e, [TOKEN]);
      }
    });
  });

  describe('redirects', () => {
    let target;
    let redirector;
    const reached = [];
    before(async () => {
      target = http.createServer((req, res) => {
        reached.push({ url: req.url, authorization: req.headers.authorization });
        res.writeHead(200, { 'content-type': 'application/vnd.atlas.2023-01-01+json' });
        res.end('{"results":[],"links":[]}');
      });
      await new Promise((r) => target.listen(0, '127.0.0.1', r));
      const to = `http://localhost:${target.address().port}`;
      redirector = http.createServer((req, res) => {
        res.writeHead(307, { location: to + req.url });
        res.end();
      });
      await new Promise((r) => redirector.listen(0, '127.0.0.1', r));
    });
    after(async () => {
      await new Promise((r) => redirector.close(r));
      await new Promise((r) => target.close(r));
    });

    test('a redirect to another origin is refused and the token does not travel', async () => {
      const c = new AtlasClient({
        baseUrl: `http://127.0.0.1:${redirector.address().port}`,
        token: TOKEN,
        retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
      });
      let err;
      try {
        await c.listProjects();
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof AtlasError, 'the call is refused');
      assertNoSecret(err, [TOKEN]);
      assert.ok(reached.every((r) => !String(r.authorization).includes(TOKEN)), 'token sent to another origin');
    });
  });
});
