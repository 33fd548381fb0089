// Demo page of atlas-admin-wasm. Plain ES module, no framework: every panel
// calls one AtlasClient method and shows the result or the error as a person
// reads it (errorCode + detail, or field path + rule).

const $ = (id) => document.getElementById(id);
const boot = $('boot-status');

let Atlas;
try {
  Atlas = await import('/pkg/web/index.js');
} catch (e) {
  boot.dataset.state = 'error';
  boot.className = 'status error';
  boot.textContent = `Could not load the package from /pkg/web/index.js (${e && e.message ? e.message : e}). ` +
    'Build it with scripts/build.sh and serve it with --pkg-dir pkg.';
  throw e;
}
const { AtlasClient, AtlasError, AtlasValidationError, AtlasApiError, AtlasAbortError } = Atlas;

// ---------------------------------------------------------------------------
// Error display
// ---------------------------------------------------------------------------

/** Lines describing an error, for people. Never `[object Object]`. */
function errorLines(e) {
  if (e instanceof AtlasValidationError) {
    return [{ field: e.field, text: e.rule }];
  }
  if (e instanceof AtlasApiError) {
    const head = [e.status, e.errorCode || e.errorType || e.reason].filter(Boolean).join(' ');
    const lines = [{ text: e.detail ? `${head}: ${e.detail}` : head || e.message }];
    for (const f of e.badRequestDetail?.fields ?? []) {
      // Skip what the detail already says word for word.
      if (!(e.detail ?? '').includes(`${f.field}: ${f.description}`)) lines.push({ field: f.field, text: f.description });
    }
    (e.invalidPolicies ?? []).forEach((p, i) => {
      for (const d of p.errors ?? []) lines.push({ text: `policy ${i + 1}: ${d.detail ?? ''}` });
    });
    if (e.retryAfter) lines.push({ text: `retry after ${e.retryAfter}` });
    return lines;
  }
  if (e instanceof AtlasError) return [{ text: `${e.name}: ${e.message}` }];
  if (e instanceof Error) return [{ text: `${e.name}: ${e.message}` }];
  let text;
  try { text = typeof e === 'string' ? e : JSON.stringify(e); } catch { text = String(e); }
  return [{ text: text ?? String(e) }];
}

function lineNode(line) {
  const frag = document.createDocumentFragment();
  if (line.field) {
    const code = document.createElement('code');
    code.className = 'field';
    code.textContent = line.field;
    frag.append(code, ` ${line.text}`);
  } else {
    frag.append(line.text);
  }
  return frag;
}

function showError(el, e) {
  el.replaceChildren();
  errorLines(e).forEach((line, i) => {
    if (i) el.append(document.createElement('br'));
    el.append(lineNode(line));
  });
  el.hidden = false;
}
function clear(...els) { for (const el of els) { el.hidden = true; el.replaceChildren(); } }

function fillKv(dl, obj) {
  dl.replaceChildren();
  for (const [k, v] of Object.entries(obj)) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = typeof v === 'object' && v !== null
      ? JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x))
      : String(v);
    dl.append(dt, dd);
  }
  dl.hidden = false;
}

/** Disables the button while the promise runs. */
async function busy(button, fn) {
  button.disabled = true;
  try { return await fn(); } finally { button.disabled = false; }
}

// ---------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------

const deprecations = $('deprecations');
function onDeprecation(ev) {
  if (deprecations.querySelector('.muted')) deprecations.replaceChildren();
  const li = document.createElement('li');
  const b = document.createElement('span');
  b.className = 'badge deprecated';
  b.textContent = ev.sunset ? `sunset ${ev.sunset}` : 'deprecated';
  const op = document.createElement('code');
  op.textContent = ev.operation;
  li.append(op, ' ', b, ` ${ev.message}`);
  deprecations.append(li);
}

/** Whether this build of the package takes `clientId`/`clientSecret` (service accounts). */
function supportsServiceAccount(baseUrl) {
  try {
    const probe = new AtlasClient({ baseUrl, clientId: 'mdb_sa_id_probe', clientSecret: 'mdb_sa_sk_probe', onDeprecation });
    probe.free?.();
    return true;
  } catch {
    return false;
  }
}

let client = null;

/** Lets go of a replaced client: `close()` (revokes a service-account token) where the build has it. */
function retire(old) {
  if (!old) return;
  if (typeof old.close === 'function') Promise.resolve(old.close()).catch(() => {});
  else old.free?.();
}
let saSupported = false;

function connect() {
  const baseUrl = $('base-url').value.trim().replace(/\/+$/, '');
  const useSa = $('auth-sa').checked && saSupported;
  const options = useSa
    ? { baseUrl, clientId: $('client-id').value.trim(), clientSecret: $('client-secret').value, onDeprecation }
    : { baseUrl, token: $('token').value.trim(), onDeprecation };
  clear($('conn-error'));
  try {
    const next = new AtlasClient(options);
    retire(client);
    client = next;
    $('conn-status').textContent = `${client.toString()} · ${useSa ? 'service account' : 'bearer token'}`;
    $('conn-status').dataset.state = 'ready';
    return true;
  } catch (e) {
    showError($('conn-error'), e);
    $('conn-status').dataset.state = 'error';
    return false;
  }
}

function requireClient() {
  if (!client) throw new Error('Set up the connection first (see Connection).');
  return client;
}

// ---------------------------------------------------------------------------
// Projects: auto-pagination with progress
// ---------------------------------------------------------------------------

const progress = $('projects-progress');
const countEl = $('projects-count');
const totalEl = $('projects-total');
const tbody = $('projects-table').querySelector('tbody');
let listAbort = null;

function setProgress(itemsDone, totalEstimate) {
  if (totalEstimate) {
    totalEl.textContent = String(totalEstimate);
    progress.value = Math.min(99, (itemsDone / Number(totalEstimate)) * 100);
  }
}

function addRows(projects, offset) {
  const frag = document.createDocumentFragment();
  projects.forEach((p, i) => {
    const tr = document.createElement('tr');
    tr.dataset.groupId = p.id ?? '';
    for (const v of [offset + i + 1, p.name, p.id, String(p.clusterCount), (p.created ?? '').slice(0, 10)]) {
      const td = document.createElement('td');
      td.textContent = v ?? '';
      tr.append(td);
    }
    frag.append(tr);
  });
  tbody.append(frag);
}

async function* projectsByLoop(c, signal, onProgress) {
  const itemsPerPage = 500;
  let itemsDone = 0;
  let totalEstimate;
  for (let pageNum = 1; ; pageNum++) {
    const page = await c.listProjects({ itemsPerPage, pageNum, signal });
    if (page.totalCount != null) totalEstimate = Number(page.totalCount);
    itemsDone += page.results.length;
    onProgress({ pagesDone: pageNum, itemsDone, totalEstimate });
    yield* page.results;
    if (page.results.length < itemsPerPage) return;
  }
}

async function listAll() {
  const c = requireClient();
  const section = $('projects');
  clear($('projects-error'));
  tbody.replaceChildren();
  countEl.textContent = '0';
  totalEl.textContent = '?';
  progress.value = 0;
  section.dataset.state = 'running';
  listAbort = new AbortController();
  $('cancel-list').disabled = false;
  const onProgress = ({ itemsDone, totalEstimate }) => setProgress(itemsDone, totalEstimate);
  const native = typeof c.listProjectsAll === 'function';
  section.dataset.mode = native ? 'listProjectsAll' : 'listProjects-loop';
  $('projects-mode').textContent = native
    ? 'Using client.listProjectsAll (auto-pagination in the client).'
    : 'Using a loop over client.listProjects({ itemsPerPage: 500, pageNum }) until a short page.';
  let n = 0;
  let batch = [];
  const flush = () => {
    addRows(batch, n - batch.length);
    batch = [];
    countEl.textContent = String(n);
  };
  try {
    const iterable = native
      ? c.listProjectsAll({ itemsPerPage: 500, onProgress, signal: listAbort.signal })
      : projectsByLoop(c, listAbort.signal, onProgress);
    for await (const p of iterable) {
      n++;
      batch.push(p);
      if (batch.length >= 250) flush();
    }
    flush();
    progress.value = progress.max;
    totalEl.textContent = String(n);
    section.dataset.state = 'done';
  } catch (e) {
    flush();
    if (e instanceof AtlasAbortError) {
      section.dataset.state = 'cancelled';
      $('projects-error').textContent = `Cancelled after ${n} projects.`;
      $('projects-error').hidden = false;
    } else {
      section.dataset.state = 'error';
      showError($('projects-error'), e);
    }
  } finally {
    $('cancel-list').disabled = true;
    listAbort = null;
  }
}

// ---------------------------------------------------------------------------
// Maintenance window
// ---------------------------------------------------------------------------

const DAYS = ['', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

async function readWindow() {
  clear($('mw-error'), $('mw-result'));
  try {
    const w = await requireClient().getMaintenanceWindow({ groupId: $('mw-group-id').value.trim() });
    const shown = {
      day: DAYS[w.dayOfWeek] ?? w.dayOfWeek,
      hour: w.hourOfDay != null ? `${String(w.hourOfDay).padStart(2, '0')}:00` : '—',
      timeZone: w.timeZoneId ?? '—',
      startASAP: w.startASAP ?? false,
      autoDeferOnce: w.autoDeferOnceEnabled ?? false,
      deferrals: w.numberOfDeferrals ?? 0,
    };
    if (w.protectedHours) {
      shown.protectedHours = `${w.protectedHours.startHourOfDay ?? '?'}–${w.protectedHours.endHourOfDay ?? '?'} h`;
    }
    fillKv($('mw-result'), shown);
  } catch (e) {
    showError($('mw-error'), e);
  }
}

// ---------------------------------------------------------------------------
// API key
// ---------------------------------------------------------------------------

const ORG_ROLES = ['ORG_READ_ONLY', 'ORG_MEMBER', 'ORG_GROUP_CREATOR', 'ORG_BILLING_READ_ONLY',
  'ORG_BILLING_ADMIN', 'ORG_STREAM_PROCESSING_ADMIN', 'ORG_OWNER'];
for (const role of ORG_ROLES) {
  const label = document.createElement('label');
  label.className = 'inline';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = role;
  box.checked = role === 'ORG_READ_ONLY';
  label.append(box, ` ${role}`);
  $('key-roles').append(label);
}

async function createKey() {
  clear($('key-error'));
  $('key-result').hidden = true;
  $('key-private').value = '';
  $('key-copied').textContent = '';
  const roles = [...$('key-roles').querySelectorAll('input:checked')].map((b) => b.value);
  try {
    const key = await requireClient().createApiKey({
      orgId: $('key-org-id').value.trim(),
      body: { desc: $('key-desc').value, roles },
    });
    $('key-public').textContent = key.publicKey ?? '';
    $('key-private').value = key.privateKey ?? '';
    $('key-id').textContent = key.id ?? '';
    $('key-result').hidden = false;
  } catch (e) {
    showError($('key-error'), e);
  }
}

async function copyKey() {
  const input = $('key-private');
  try {
    await navigator.clipboard.writeText(input.value);
    $('key-copied').textContent = 'Copied.';
  } catch {
    input.select();
    $('key-copied').textContent = 'Selected: press Ctrl+C / ⌘C to copy.';
  }
}

// ---------------------------------------------------------------------------
// Resource policy
// ---------------------------------------------------------------------------

const SAMPLE_POLICY = `forbid (
  principal,
  action == cloud::Action::"project.edit",
  resource
)
when { context.project.ipAccessList.contains(ip("0.0.0.0/0")) };`;
$('policy-body').value = SAMPLE_POLICY;

async function validatePolicy() {
  const ok = $('policy-ok');
  const box = $('policy-errors');
  const list = $('policy-error-list');
  ok.hidden = true;
  box.hidden = true;
  list.replaceChildren();
  $('policy-body').classList.remove('invalid');
  try {
    const r = await requireClient().validateAtlasResourcePolicy({
      orgId: $('policy-org-id').value.trim(),
      body: { name: $('policy-name').value, policies: [{ body: $('policy-body').value }] },
    });
    ok.textContent = `Valid: Atlas would store ${r.policies?.length ?? 0} polic${r.policies?.length === 1 ? 'y' : 'ies'} ` +
      `in "${r.name ?? ''}"${r.version ? ` (${r.version})` : ''}.`;
    ok.hidden = false;
  } catch (e) {
    $('policy-body').classList.add('invalid');
    if (e instanceof AtlasApiError && e.invalidPolicies?.length) {
      $('policy-error-title').textContent = `${e.status} ${e.errorType ?? e.errorCode ?? ''}: the policy was refused`;
      for (const p of e.invalidPolicies) {
        for (const d of p.errors ?? []) {
          // A detail may span several lines; show each on its own line.
          for (const line of String(d.detail ?? '').split('\n')) {
            if (!line.trim()) continue;
            const li = document.createElement('li');
            li.textContent = line;
            list.append(li);
          }
        }
      }
      box.hidden = false;
    } else {
      $('policy-error-title').replaceChildren();
      const lines = errorLines(e);
      lines.forEach((line, i) => {
        if (i) $('policy-error-title').append(document.createElement('br'));
        $('policy-error-title').append(lineNode(line));
      });
      box.hidden = false;
    }
  }
}

// ---------------------------------------------------------------------------
// X.509 certificate
// ---------------------------------------------------------------------------

let certUrl = null;
async function createCert() {
  clear($('cert-error'));
  $('cert-result').hidden = true;
  if (certUrl) { URL.revokeObjectURL(certUrl); certUrl = null; }
  const months = $('cert-months').value.trim();
  const username = $('cert-username').value.trim();
  try {
    const pem = await requireClient().createDatabaseUserCertificate({
      groupId: $('cert-group-id').value.trim(),
      username,
      body: months === '' ? undefined : { monthsUntilExpiration: Number(months) },
    });
    certUrl = URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' }));
    const a = $('cert-download');
    a.href = certUrl;
    a.download = `${username.replace(/[^A-Za-z0-9._-]/g, '_') || 'cert'}.pem`;
    $('cert-size').textContent = `${a.download} · ${pem.length} characters · ` +
      `${(pem.match(/-----BEGIN /g) ?? []).length} PEM blocks`;
    $('cert-result').hidden = false;
  } catch (e) {
    showError($('cert-error'), e);
  }
}

// ---------------------------------------------------------------------------
// Search index editor: checked before sending
// ---------------------------------------------------------------------------

const SAMPLE_INDEX = {
  collectionName: 'movies',
  database: 'sample_mflix',
  name: 'default',
  analyzer: 'titleAnalyzer',
  searchAnalyzer: 'lucene.standard',
  analyzers: [{
    name: 'titleAnalyzer',
    charFilters: [{ type: 'htmlStrip', ignoredTags: ['a', 'div'] }],
    tokenizer: { type: 'edgeGram', minGram: 2, maxGram: 15 },
    tokenFilters: [{ type: 'lowercase' }, { type: 'snowballStemming', stemmerName: 'english' }],
  }],
  mappings: {
    dynamic: false,
    fields: {
      title: { type: 'string', analyzer: 'titleAnalyzer' },
      plot: { type: 'string', analyzer: 'lucene.english' },
      year: { type: 'number' },
    },
  },
  storedSource: { include: ['title', 'year'] },
};
$('si-editor').value = JSON.stringify(SAMPLE_INDEX, null, 2);

function siTarget() {
  return {
    groupId: $('si-group-id').value.trim(),
    clusterName: $('si-cluster').value.trim(),
    indexId: $('si-index-id').value.trim(),
  };
}

/** Shows problems next to the editor; `[]` means none. */
function showSiProblems(lines, okText) {
  const list = $('si-errors');
  list.replaceChildren();
  for (const line of lines) {
    const li = document.createElement('li');
    li.append(lineNode(line));
    list.append(li);
  }
  const status = $('si-check-status');
  $('si-editor').classList.toggle('invalid', lines.length > 0);
  $('si-check').dataset.state = lines.length ? 'invalid' : 'valid';
  status.className = lines.length ? 'error-text' : 'ok-text';
  status.textContent = lines.length ? 'Not sent: fix this first.' : okText;
}

/** Parses the editor; returns the body or null after showing the JSON error. */
function parseEditor() {
  const text = $('si-editor').value;
  try {
    const body = JSON.parse(text);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      showSiProblems([{ field: 'body', text: 'must be a JSON object' }]);
      return null;
    }
    return body;
  } catch (e) {
    let where = '';
    const m = /position (\d+)/.exec(e.message);
    if (m && !/line \d+/.test(e.message)) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')})`;
    }
    showSiProblems([{ field: 'JSON', text: `${e.message}${where}` }]);
    return null;
  }
}

// Live check: the call is made with an already-aborted signal, so the client
// runs all its checks and then stops before the network.
let checkSeq = 0;
async function liveCheck() {
  const seq = ++checkSeq;
  const body = parseEditor();
  if (!body || !client) return;
  const dryRun = new AbortController();
  dryRun.abort(new Error('check only'));
  try {
    await client.updateAtlasSearchIndexDeprecated({ ...siTarget(), body, signal: dryRun.signal });
  } catch (e) {
    if (seq !== checkSeq) return;
    if (e instanceof AtlasAbortError) showSiProblems([], 'Passes the client\'s checks (nothing sent yet).');
    else if (e instanceof AtlasValidationError) showSiProblems(errorLines(e));
    else showSiProblems(errorLines(e));
  }
}
let checkTimer = 0;
function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(liveCheck, 250);
}

async function saveIndex() {
  clear($('si-error'), $('si-ok'));
  const body = parseEditor();
  if (!body) return;
  try {
    const saved = await requireClient().updateAtlasSearchIndexDeprecated({ ...siTarget(), body });
    showSiProblems([], 'Saved.');
    $('si-ok').textContent = `Saved index "${saved.name}" (${saved.indexID ?? ''}), status ${saved.status ?? 'unknown'}.`;
    $('si-ok').hidden = false;
  } catch (e) {
    if (e instanceof AtlasValidationError) {
      showSiProblems(errorLines(e)); // refused in the client: shown next to the editor
    } else {
      showError($('si-error'), e);
    }
  }
}

// ---------------------------------------------------------------------------
// Legacy snapshot retention
// ---------------------------------------------------------------------------

function snapTarget() {
  return {
    groupId: $('snap-group-id').value.trim(),
    clusterName: $('snap-cluster').value.trim(),
    snapshotId: $('snap-id').value.trim(),
  };
}

function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const off = d.getTimezoneOffset() * 60000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

function showSnapshot(s) {
  $('snap-dnd').checked = !!s.doNotDelete;
  $('snap-expires').value = toLocalInput(s.expires);
  $('snap-expires').disabled = !!s.doNotDelete;
  fillKv($('snap-result'), {
    id: s.id,
    created: s.created?.date ?? '—',
    expires: s.expires ?? '—',
    doNotDelete: s.doNotDelete ?? false,
    complete: s.complete ?? '—',
  });
}

async function loadSnapshot() {
  clear($('snap-error'));
  try {
    showSnapshot(await requireClient().getLegacySnapshot(snapTarget()));
  } catch (e) {
    showError($('snap-error'), e);
  }
}

async function saveSnapshot() {
  clear($('snap-error'));
  const body = {};
  if ($('snap-dnd').checked) body.doNotDelete = true;
  else {
    body.doNotDelete = false;
    const v = $('snap-expires').value;
    if (v) body.expires = new Date(v).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  try {
    showSnapshot(await requireClient().updateLegacySnapshotRetention({ ...snapTarget(), body }));
  } catch (e) {
    showError($('snap-error'), e);
  }
}

// ---------------------------------------------------------------------------
// Wiring
// ---------------------------------------------------------------------------

function submit(formId, buttonId, fn) {
  $(formId).addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy($(buttonId), fn);
  });
}

$('conn-form').addEventListener('submit', (ev) => { ev.preventDefault(); if (connect()) scheduleCheck(); });
$('list-projects').addEventListener('click', () => busy($('list-projects'), listAll).catch((e) => showError($('projects-error'), e)));
$('cancel-list').addEventListener('click', () => listAbort?.abort(new Error('cancelled by the user')));
$('projects-table').addEventListener('click', (ev) => {
  const tr = ev.target.closest('tr[data-group-id]');
  if (!tr) return;
  $('mw-group-id').value = tr.dataset.groupId;
  busy($('mw-get'), readWindow);
  $('maintenance').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
});
submit('mw-form', 'mw-get', readWindow);
submit('key-form', 'key-create', createKey);
$('key-copy').addEventListener('click', copyKey);
submit('policy-form', 'policy-validate', validatePolicy);
submit('cert-form', 'cert-create', createCert);
submit('si-form', 'si-save', saveIndex);
$('si-editor').addEventListener('input', scheduleCheck);
for (const id of ['si-group-id', 'si-cluster', 'si-index-id']) $(id).addEventListener('input', scheduleCheck);
$('snap-load').addEventListener('click', () => busy($('snap-load'), loadSnapshot));
$('snap-dnd').addEventListener('change', () => { $('snap-expires').disabled = $('snap-dnd').checked; });
submit('snap-form', 'snap-save', saveSnapshot);
for (const r of document.querySelectorAll('input[name="auth"]')) {
  r.addEventListener('change', () => {
    const sa = $('auth-sa').checked;
    $('token').disabled = sa;
    $('client-id').disabled = !sa;
    $('client-secret').disabled = !sa;
  });
}

// ---------------------------------------------------------------------------
// Start: defaults, feature detection, seed ids
// ---------------------------------------------------------------------------

$('base-url').value = location.origin;
saSupported = supportsServiceAccount(location.origin);
$('auth-sa').disabled = !saSupported;
$('client-id').disabled = true;
$('client-secret').disabled = true;
$('sa-note').textContent = saSupported ? '' : '(not in this build: no clientId option)';
connect();

async function prefillSeed() {
  try {
    const res = await fetch(`${$('base-url').value.replace(/\/+$/, '')}/__mock/seed`);
    if (!res.ok) return;
    const seed = await res.json();
    const set = (id, v) => { if (v != null && !$(id).value) $(id).value = v; };
    for (const id of ['key-org-id', 'policy-org-id']) set(id, seed.orgId);
    for (const id of ['mw-group-id', 'cert-group-id', 'si-group-id', 'snap-group-id']) set(id, seed.groupId);
    for (const id of ['si-cluster', 'snap-cluster']) set(id, seed.clusterName);
    set('si-index-id', seed.searchIndexId);
    set('snap-id', seed.snapshotId);
    set('cert-username', seed.username);
    if (seed.projectCount != null) totalEl.textContent = String(seed.projectCount);
  } catch {
    // Not the local server (or unreachable): fields stay empty for the user to fill.
  }
}
await prefillSeed();
await liveCheck();

boot.dataset.state = 'ready';
boot.className = 'status ok-text';
boot.textContent = `Ready: ${client ? client.toString() : 'no client'} (WebAssembly loaded).`;
document.body.dataset.ready = 'true';
