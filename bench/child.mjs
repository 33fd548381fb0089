// Child processes of bench/run.mjs, one measurement per fresh Node process.
//
//   node bench/child.mjs cold <wasm|openapi|none> <module URL> <atlas-mock url>
//     Imports the module and constructs a client; prints JSON with the time of
//     the dynamic import and of the constructor, `performance.now()` after
//     them (milliseconds since the process started: Node's timeOrigin), and
//     the time of a first getMaintenanceWindow call (where Node loads its
//     fetch implementation, undici, on first use).
//
//   node bench/child.mjs mem <wasm|raw> <pkg index.mjs> <server url> <concurrency>
//     Runs the 10,000-project listing twice (the first warms up) while
//     sampling process RSS, V8 heapUsed and, for the package, the byte length
//     of its WebAssembly.Memory; prints the peaks as JSON.
const t0 = performance.now();
const [mode, variant, modPath, url, conc] = process.argv.slice(2);
const TOKEN = 'test-token';
const MEDIA = 'application/vnd.atlas.2023-01-01+json';
const ORIGIN = 'http://127.0.0.1:9';

if (mode === 'cold') {
  if (variant === 'none') {
    process.stdout.write(JSON.stringify({ importMs: 0, constructMs: 0, sinceStartMs: performance.now() }));
  } else {
    const baseUrl = url || ORIGIN;
    const mod = await import(modPath);
    const t1 = performance.now();
    const client =
      variant === 'wasm'
        ? new mod.AtlasClient({ baseUrl, token: TOKEN })
        : mod.createAtlasClient({ baseUrl, token: TOKEN });
    const t2 = performance.now();
    if (!client) throw new Error('no client');
    let firstCallMs = null;
    if (url) {
      const w = await client.getMaintenanceWindow({ groupId: '32b6e34b3d91647abb20e7b8' });
      if (typeof w.dayOfWeek !== 'number') throw new Error('bad first answer');
      firstCallMs = performance.now() - t2;
    }
    process.stdout.write(JSON.stringify({ importMs: t1 - t0, constructMs: t2 - t1, sinceStartMs: t2, firstCallMs }));
  }
} else if (mode === 'mem') {
  // The package does not export its WebAssembly.Memory; catch the instance
  // its glue creates (`new WebAssembly.Instance(...)`, Node build) instead.
  const memories = [];
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args, newTarget) {
      const inst = Reflect.construct(target, args, newTarget);
      if (inst.exports.memory instanceof WebAssembly.Memory) memories.push(inst.exports.memory);
      return inst;
    },
  });
  const wasmBytes = () => memories.reduce((s, m) => s + m.buffer.byteLength, 0);
  let client;
  if (variant === 'wasm') {
    const { AtlasClient } = await import(modPath);
    client = new AtlasClient({ baseUrl: url, token: TOKEN });
  }
  const peak = { rss: 0, heapUsed: 0, wasm: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak.rss = m.rss;
    if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
    const w = wasmBytes();
    if (w > peak.wasm) peak.wasm = w;
  };
  const before = { ...process.memoryUsage(), wasm: wasmBytes() };
  async function listing() {
    let n = 0;
    if (variant === 'wasm') {
      for await (const p of client.listProjectsAll({ itemsPerPage: 500, concurrency: Number(conc) })) {
        if (p.id) n++;
        if (n % 500 === 0) sample();
      }
    } else {
      for (let page = 1; ; page++) {
        const r = await fetch(`${url}/api/atlas/v2/groups?itemsPerPage=500&pageNum=${page}`, {
          headers: { Accept: MEDIA, Authorization: `Bearer ${TOKEN}` },
        });
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        const j = await r.json();
        n += j.results.length;
        sample();
        if (j.results.length < 500 || !j.links.some((l) => l.rel === 'next')) break;
      }
    }
    return n;
  }
  const timer = setInterval(sample, 2);
  const n1 = await listing();
  const n2 = await listing();
  clearInterval(timer);
  sample();
  process.stdout.write(
    JSON.stringify({
      items: [n1, n2],
      before: { rss: before.rss, heapUsed: before.heapUsed, wasm: before.wasm },
      peak,
      wasmFound: memories.length,
    }),
  );
} else {
  throw new Error(`unknown mode ${mode}`);
}
