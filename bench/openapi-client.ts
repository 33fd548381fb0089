// The comparison client: the same 12 operations as atlas-admin-wasm, written
// the usual way with openapi-fetch over types that openapi-typescript
// generates from the seed spec at bench time (bench/out/atlas-admin.d.ts, not
// committed). scripts/bench.sh type-checks this file against those types,
// bundles and minifies it with esbuild (size row) and times the bundle
// (per-call, decode and cold-start rows).
//
// Like atlas-admin-wasm, each call sends the operation's versioned media type
// in Accept (and Content-Type when it has a body) and rejects on a non-2xx
// answer. Unlike it, nothing is validated on either side.
import createClient from 'openapi-fetch';
import type { paths } from './out/atlas-admin';

const media = (version: string) => `application/vnd.atlas.${version}+json`;
const V1 = media('2023-01-01');
const GET = { Accept: V1 };
const SEND = { Accept: V1, 'Content-Type': V1 };

export class OpenapiAtlasError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Atlas answered ${status}`);
  }
}

function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) throw new OpenapiAtlasError(r.response.status, r.error);
  return r.data as T;
}

export function createAtlasClient({ baseUrl, token }: { baseUrl: string; token: string }) {
  const c = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  type Body<P extends keyof paths, M extends 'post' | 'patch'> = NonNullable<paths[P][M]> extends {
    requestBody?: { content: infer C };
  }
    ? C[keyof C]
    : never;

  return {
    listProjects: async (q: { itemsPerPage?: number; pageNum?: number; includeCount?: boolean } = {}) =>
      unwrap(await c.GET('/api/atlas/v2/groups', { params: { query: q }, headers: GET })),

    getMaintenanceWindow: async (p: { groupId: string }) =>
      unwrap(await c.GET('/api/atlas/v2/groups/{groupId}/maintenanceWindow', { params: { path: p }, headers: GET })),

    createApiKey: async ({ orgId, body }: { orgId: string; body: Body<'/api/atlas/v2/orgs/{orgId}/apiKeys', 'post'> }) =>
      unwrap(await c.POST('/api/atlas/v2/orgs/{orgId}/apiKeys', { params: { path: { orgId } }, body, headers: SEND })),

    validateAtlasResourcePolicy: async ({
      orgId,
      body,
    }: {
      orgId: string;
      body: Body<'/api/atlas/v2/orgs/{orgId}/resourcePolicies:validate', 'post'>;
    }) => {
      const v = media('2024-08-05');
      return unwrap(
        await c.POST('/api/atlas/v2/orgs/{orgId}/resourcePolicies:validate', {
          params: { path: { orgId } },
          body,
          headers: { Accept: v, 'Content-Type': v },
        }),
      );
    },

    createDatabaseUserCertificate: async ({
      groupId,
      username,
      body,
    }: {
      groupId: string;
      username: string;
      body: Body<'/api/atlas/v2/groups/{groupId}/databaseUsers/{username}/certs', 'post'>;
    }) =>
      unwrap(
        await c.POST('/api/atlas/v2/groups/{groupId}/databaseUsers/{username}/certs', {
          params: { path: { groupId, username } },
          body,
          headers: SEND,
          parseAs: 'text',
        }),
      ),

    deleteExportBucket: async (p: { groupId: string; exportBucketId: string }) => {
      unwrap(await c.DELETE('/api/atlas/v2/groups/{groupId}/backup/exportBuckets/{exportBucketId}', { params: { path: p }, headers: GET }));
    },

    returnFederatedDatabaseQueryLimit: async (p: {
      groupId: string;
      tenantName: string;
      limitName: 'bytesProcessed.query' | 'bytesProcessed.daily' | 'bytesProcessed.weekly' | 'bytesProcessed.monthly';
    }) =>
      unwrap(
        await c.GET('/api/atlas/v2/groups/{groupId}/dataFederation/{tenantName}/limits/{limitName}', {
          params: { path: p },
          headers: GET,
        }),
      ),

    listPipelines: async (p: { groupId: string }) =>
      unwrap(await c.GET('/api/atlas/v2/groups/{groupId}/pipelines', { params: { path: p }, headers: GET })),

    deleteIdentityProvider: async (p: { federationSettingsId: string; identityProviderId: string }) => {
      unwrap(
        await c.DELETE('/api/atlas/v2/federationSettings/{federationSettingsId}/identityProviders/{identityProviderId}', {
          params: { path: p },
          headers: { Accept: media('2023-11-15') },
        }),
      );
    },

    getLegacySnapshot: async (p: { groupId: string; clusterName: string; snapshotId: string }) =>
      unwrap(
        await c.GET('/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/snapshots/{snapshotId}', {
          params: { path: p },
          headers: GET,
        }),
      ),

    updateLegacySnapshotRetention: async ({
      body,
      ...path
    }: {
      groupId: string;
      clusterName: string;
      snapshotId: string;
      body: Body<'/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/snapshots/{snapshotId}', 'patch'>;
    }) =>
      unwrap(
        await c.PATCH('/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/snapshots/{snapshotId}', {
          params: { path },
          body,
          headers: SEND,
        }),
      ),

    updateAtlasSearchIndexDeprecated: async ({
      body,
      ...path
    }: {
      groupId: string;
      clusterName: string;
      indexId: string;
      body: Body<'/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/fts/indexes/{indexId}', 'patch'>;
    }) =>
      unwrap(
        await c.PATCH('/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/fts/indexes/{indexId}', {
          params: { path },
          body,
          headers: SEND,
        }),
      ),
  };
}
