// A minimal fixed-response stand-in for `GET /api/atlas/v2/groups` with any
// number of synthetic projects (atlas-mock seeds at most 1,234). Used by the
// decode and whole-listing benchmarks only; every other request is answered
// by atlas-mock.
//
//   node bench/server.mjs --port 0 --projects 10000 --latency-ms 20
//
// Prints `bench-server listening on http://127.0.0.1:PORT` once ready. Page
// bodies are built once per (itemsPerPage, pageNum, includeCount) and cached,
// so the server's own cost per request is a lookup and a write. Projects look
// like atlas-mock's (id, name, orgId, clusterCount, created, links) and pages
// carry Atlas's `links` (self, next, previous) and `totalCount`.
import http from 'node:http';

const MEDIA = 'application/vnd.atlas.2023-01-01+json';
const ORG_ID = '4888442a3354817a7320eb61';
const TOKEN = 'test-token';

const args = process.argv.slice(2);
function flag(name, dflt) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}
const port = flag('port', 0);
const total = flag('projects', 10000);
const latencyMs = flag('latency-ms', 0);

/** A deterministic 24-hex-digit id (splitmix-like mix of the index). */
function projectId(i) {
  let a = (Math.imul(i + 1, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
  let b = (Math.imul(a ^ (a >>> 15), 0x85ebca6b) + i) >>> 0;
  let c = (Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ 0x27d4eb2f) >>> 0;
  return [a, b, c].map((x) => x.toString(16).padStart(8, '0')).join('');
}
const CREATED0 = Date.UTC(2021, 2, 1, 9, 0, 0);

let base = '';
function project(i) {
  const id = projectId(i);
  return {
    id,
    name: `Project ${i}`,
    orgId: ORG_ID,
    clusterCount: i % 4,
    created: new Date(CREATED0 + 433 * 60_000 * i).toISOString().replace('.000Z', 'Z'),
    links: [{ rel: 'self', href: `${base}/api/atlas/v2/groups/${id}` }],
  };
}

const cache = new Map();
function page(ipp, pageNum, includeCount) {
  const key = `${ipp}:${pageNum}:${includeCount}`;
  let body = cache.get(key);
  if (body) return body;
  const start = (pageNum - 1) * ipp;
  const end = Math.min(start + ipp, total);
  const results = [];
  for (let i = start; i < end; i++) results.push(project(i));
  const href = (p) => `${base}/api/atlas/v2/groups?includeCount=${includeCount}&itemsPerPage=${ipp}&pageNum=${p}`;
  const links = [{ rel: 'self', href: href(pageNum) }];
  if (end < total && start < total) links.push({ rel: 'next', href: href(pageNum + 1) });
  if (pageNum > 1) links.push({ rel: 'previous', href: href(pageNum - 1) });
  const doc = { links, results };
  if (includeCount) doc.totalCount = total;
  body = Buffer.from(JSON.stringify(doc));
  cache.set(key, body);
  return body;
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}
function error(res, status, errorCode, detail) {
  send(res, status, 'application/json', Buffer.from(JSON.stringify({ detail, error: status, errorCode, parameters: [], reason: http.STATUS_CODES[status] })));
}

function intParam(q, name, dflt, min, max) {
  const v = q.get(name);
  if (v === null) return dflt;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : NaN;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, base);
  const reply = () => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return error(res, 401, 'UNAUTHORIZED', 'Bad or missing bearer token.');
    if (!(req.headers.accept || '').includes(MEDIA)) return error(res, 406, 'INVALID_VERSION_DATE', `Accept must name ${MEDIA}.`);
    if (req.method !== 'GET' || url.pathname !== '/api/atlas/v2/groups') return error(res, 404, 'RESOURCE_NOT_FOUND', 'bench-server only serves GET /api/atlas/v2/groups.');
    const ipp = intParam(url.searchParams, 'itemsPerPage', 100, 1, 500);
    const pageNum = intParam(url.searchParams, 'pageNum', 1, 1, 1e9);
    const inc = url.searchParams.get('includeCount') ?? 'true';
    if (Number.isNaN(ipp) || Number.isNaN(pageNum) || !['true', 'false'].includes(inc)) {
      return error(res, 400, 'INVALID_PARAMETER', 'Bad itemsPerPage, pageNum or includeCount.');
    }
    send(res, 200, MEDIA, page(ipp, pageNum, inc === 'true'));
  };
  // Drain the request, then answer after the configured latency.
  req.resume();
  req.on('end', () => (latencyMs > 0 ? setTimeout(reply, latencyMs) : reply()));
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`bench-server listening on ${base}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
