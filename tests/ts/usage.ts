// Exercises every declared call of atlas-admin-wasm the way a TypeScript user
// would write it. This file must compile under strict settings; it is never run.
import {
  AtlasAbortError,
  AtlasApiError,
  AtlasClient,
  AtlasDecodeError,
  AtlasError,
  AtlasNetworkError,
  AtlasTimeoutError,
  AtlasValidationError,
} from 'atlas-admin-wasm';
import type {
  AtlasClientOptions,
  ClusterSearchIndex,
  ClusterSearchIndexUpdate,
  DeprecationEvent,
  Group,
  Int64,
  IngestionSource,
  OrgRole,
  SearchTokenFilter,
  SearchTokenizer,
} from 'atlas-admin-wasm';

const GROUP = '32b6e34b3d91647abb20e7b8';
const ORG = '32b6e34b3d91647abb20e7b9';

/** Adds two Int64 values of a result, whatever their representation. */
function addInt64(a: Int64, b: Int64): bigint {
  return BigInt(a) + BigInt(b);
}

function describeError(e: unknown): string {
  if (e instanceof AtlasValidationError) {
    return `bad ${e.field}: ${e.rule}`;
  }
  if (e instanceof AtlasApiError) {
    const codes: string = e.errorCode ?? 'none';
    const fields = e.badRequestDetail?.fields?.map((f) => `${f.field}: ${f.description}`) ?? [];
    const policies = e.invalidPolicies?.flatMap((p) => p.errors?.map((x) => x.detail ?? '') ?? []) ?? [];
    const wait = e.retryAfter !== undefined ? Number(e.retryAfter) : 0;
    const status: number = e.status;
    const kind = e.errorType === 'POLICY_PARSING_ERROR' ? 'parse' : (e.errorType ?? '');
    return `${e.operation} ${e.method} ${e.path} ${status} ${codes} ${e.detail ?? ''} ${e.reason ?? ''} ` +
      `${fields.join(',')} ${policies.join(',')} ${kind} ${wait} ${e.rawBody.length} ${e.parameters?.length ?? 0}`;
  }
  if (e instanceof AtlasDecodeError) {
    return `${e.operation} ${e.method} ${e.path} ${e.status}: ${e.rawBody}`;
  }
  if (e instanceof AtlasTimeoutError) {
    const ms: number = e.timeoutMs;
    return `timed out after ${ms}`;
  }
  if (e instanceof AtlasAbortError) {
    return `aborted: ${String(e.cause)}`;
  }
  if (e instanceof AtlasNetworkError) {
    return `network: ${e.cause instanceof Error ? e.cause.message : String(e.cause)}`;
  }
  if (e instanceof AtlasError) {
    const asError: Error = e;
    return `${e.name}: ${asError.message}`;
  }
  return String(e);
}

function tokenizerSummary(t: SearchTokenizer): string {
  switch (t.type) {
    case 'edgeGram':
    case 'nGram':
      return `${t.type} ${t.minGram}-${t.maxGram}`;
    case 'regexCaptureGroup':
      return `${t.pattern}#${t.group}`;
    case 'regexSplit':
      return t.pattern;
    case 'standard':
    case 'uaxUrlEmail':
    case 'whitespace':
      return `${t.type} ${t.maxTokenLength ?? 255}`;
    case 'keyword':
      return 'keyword';
  }
}

function sourceCluster(s: IngestionSource | undefined): string {
  if (s === undefined) return '';
  if (s.type === 'PERIODIC_CPS') return `${s.clusterName ?? ''}/${s.policyItemId ?? ''}`;
  return s.clusterName ?? '';
}

function indexSummary(idx: ClusterSearchIndex): string {
  const state: string = idx.status ?? 'unknown';
  if (idx.type === 'vectorSearch') {
    return `${idx.name} vector ${idx.fields?.length ?? 0} ${idx.nestedRoot ?? ''} ${state}`;
  }
  const analyzers = idx.analyzers?.map((a) => `${a.name}:${tokenizerSummary(a.tokenizer)}`) ?? [];
  return `${idx.name} search ${idx.analyzer ?? 'lucene.standard'} ${analyzers.join(',')} ${state}`;
}

export async function main(): Promise<void> {
  const events: DeprecationEvent[] = [];
  const options: AtlasClientOptions = {
    token: 'abc',
    baseUrl: 'http://127.0.0.1:8080',
    userAgent: 'console/1.0',
    timeoutMs: 30_000,
    onDeprecation: (e) => {
      events.push(e);
      console.log(e.operation, e.sunset ?? 'no date', e.message);
    },
  };
  const client = new AtlasClient(options);
  const viaCallback = new AtlasClient({ getToken: async () => 'fresh-token' });
  const viaSyncCallback = new AtlasClient({ getToken: () => 'fresh-token' });
  const url: string = client.baseUrl;
  const json: { baseUrl: string } = client.toJSON();
  console.log(url, json.baseUrl, String(viaCallback), viaSyncCallback.toString());

  try {
    // 1. listProjects: options optional, paging fields.
    const first = await client.listProjects();
    const page = await client.listProjects({ itemsPerPage: 500, pageNum: 2, includeCount: false, pretty: true });
    const all: Group[] = [...first.results, ...page.results];
    let clusters: bigint = 0n;
    for (const g of all) {
      clusters = addInt64(clusters, g.clusterCount);
      const region: string = g.regionUsageRestrictions ?? 'COMMERCIAL_FEDRAMP_REGIONS_ONLY';
      console.log(g.id, g.name, g.orgId, g.created, region, g.tags?.map((t) => `${t.key}=${t.value}`));
    }
    console.log(clusters, page.totalCount, page.links?.[0]?.href);
    const { limit, remaining } = client.rateLimit;
    console.log(limit ?? 0, remaining ?? 0);

    // 2. getMaintenanceWindow, stable and preview.
    const w = await client.getMaintenanceWindow({ groupId: GROUP });
    const preview = await client.getMaintenanceWindow({ groupId: GROUP, apiVersion: 'preview' });
    console.log(w.dayOfWeek, w.hourOfDay, w.startASAP, w.protectedHours?.startHourOfDay, preview.effectiveWaveAssignment);

    // 3. createApiKey.
    const roles: OrgRole[] = ['ORG_MEMBER', 'ORG_READ_ONLY'];
    const key = await client.createApiKey({ orgId: ORG, body: { desc: 'CI key', roles } });
    console.log(key.publicKey, key.privateKey?.length, key.roles?.map((r) => r.roleName));

    // 4. validateAtlasResourcePolicy.
    const policy = await client.validateAtlasResourcePolicy({
      orgId: ORG,
      body: {
        name: 'no-us-east',
        description: 'forbid one region',
        policies: [{ body: 'forbid (principal, action, resource);' }],
      },
      apiVersion: '2024-08-05',
    });
    console.log(policy.id, policy.version, policy.createdByUser?.name, policy.policies?.[0]?.body);

    // 5. createDatabaseUserCertificate: PEM text.
    const pem: string = await client.createDatabaseUserCertificate({
      groupId: GROUP,
      username: 'CN=app',
      body: { monthsUntilExpiration: 3 },
    });
    const pem2 = await client.createDatabaseUserCertificate({ groupId: GROUP, username: 'CN=app' });
    console.log(pem.includes('BEGIN CERTIFICATE'), pem2.length);

    // 6. deleteExportBucket: resolves to undefined; abortable.
    const controller = new AbortController();
    const gone: undefined = await client.deleteExportBucket({
      groupId: GROUP,
      exportBucketId: '32b6e34b3d91647abb20e7ba',
      signal: controller.signal,
      timeoutMs: 5_000,
    });
    console.log(gone);

    // 7. returnFederatedDatabaseQueryLimit.
    const lim = await client.returnFederatedDatabaseQueryLimit({
      groupId: GROUP,
      tenantName: 'tenant',
      limitName: 'bytesProcessed.daily',
    });
    const left = addInt64(lim.value, 0) - BigInt(lim.currentUsage ?? 0);
    console.log(lim.name, lim.overrunPolicy === 'BLOCK_AND_KILL', left, lim.maximumLimit);

    // 8. listPipelines (deprecated).
    const pipelines = await client.listPipelines({ groupId: GROUP, envelope: true });
    for (const p of pipelines) {
      const units: string = p.datasetRetentionPolicy?.units ?? 'DAYS';
      const sinkParts = p.sink?.type === 'DLS' ? p.sink.partitionFields?.map((f) => `${f.order}:${f.fieldName}`) : [];
      console.log(p._id, p.name, p.state, units, sourceCluster(p.source), sinkParts, p.transformations?.[0]?.type);
    }

    // 9. deleteIdentityProvider.
    await client.deleteIdentityProvider({ federationSettingsId: GROUP, identityProviderId: '0oa1b2c3d4' });

    // 10. getLegacySnapshot (deprecated).
    const snap = await client.getLegacySnapshot({ groupId: GROUP, clusterName: 'Cluster0', snapshotId: GROUP });
    const size = (snap.parts ?? []).reduce<bigint>((n, part) => addInt64(n, part.storageSizeBytes ?? 0), 0n);
    console.log(snap.expires, snap.created?.date, snap.created?.increment, size, snap.parts?.[0]?.typeName);

    // 11. updateLegacySnapshotRetention (deprecated).
    const kept = await client.updateLegacySnapshotRetention({
      groupId: GROUP,
      clusterName: 'Cluster0',
      snapshotId: GROUP,
      body: { doNotDelete: true },
    });
    await client.updateLegacySnapshotRetention({
      groupId: GROUP,
      clusterName: 'Cluster0',
      snapshotId: GROUP,
      body: { expires: '2030-01-01T00:00:00Z', doNotDelete: false },
    });
    // A snapshot read back can be sent as the body (read-only fields are not sent).
    await client.updateLegacySnapshotRetention({
      groupId: GROUP,
      clusterName: 'Cluster0',
      snapshotId: GROUP,
      body: snap,
    });
    console.log(kept.doNotDelete);

    // 12. updateAtlasSearchIndexDeprecated (deprecated): search and vector bodies.
    const filters: SearchTokenFilter[] = [
      { type: 'lowercase' },
      { type: 'snowballStemming', stemmerName: 'english' },
      { type: 'edgeGram', minGram: 2, maxGram: 10, termNotInBounds: 'include' },
      { type: 'regex', pattern: '^a', replacement: '', matches: 'all' },
      { type: 'wordDelimiterGraph', protectedWords: { words: ['wi-fi'] }, delimiterOptions: { splitOnNumerics: false } },
      { type: 'stopword', tokens: ['the'] },
    ];
    const searchBody: ClusterSearchIndexUpdate = {
      type: 'search',
      collectionName: 'movies',
      database: 'sample_mflix',
      name: 'default',
      analyzer: 'lucene.english',
      searchAnalyzer: 'myAnalyzer',
      analyzers: [
        {
          name: 'myAnalyzer',
          charFilters: [{ type: 'htmlStrip', ignoredTags: ['a'] }, { type: 'mapping', mappings: { '-': ' ' } }],
          tokenizer: { type: 'nGram', minGram: 2, maxGram: 5 },
          tokenFilters: filters,
        },
      ],
      mappings: { dynamic: false, fields: { title: { type: 'string' } } },
      synonyms: [{ name: 'syn', analyzer: 'lucene.standard', source: { collection: 'synonyms' } }],
      storedSource: { include: ['title'] },
    };
    const updated = await client.updateAtlasSearchIndexDeprecated({
      groupId: GROUP,
      clusterName: 'Cluster0',
      indexId: GROUP,
      body: searchBody,
    });
    const vector = await client.updateAtlasSearchIndexDeprecated({
      groupId: GROUP,
      clusterName: 'Cluster0',
      indexId: GROUP,
      body: {
        type: 'vectorSearch',
        collectionName: 'movies',
        database: 'sample_mflix',
        name: 'vec',
        fields: [
          { type: 'vector', path: 'plot_embedding', numDimensions: 1536, similarity: 'cosine' },
          { type: 'filter', path: 'year' },
        ],
        storedSource: true,
      },
    });
    // An index read back can be sent again as the body.
    await client.updateAtlasSearchIndexDeprecated({ groupId: GROUP, clusterName: 'Cluster0', indexId: GROUP, body: updated });
    console.log(indexSummary(updated), indexSummary(vector), events.length);
  } catch (e) {
    console.error(describeError(e));
  } finally {
    client.free();
  }
}
