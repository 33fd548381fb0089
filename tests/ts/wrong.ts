// Calls that must NOT compile. Each is preceded by `@ts-expect-error`, which
// makes tsc fail if the call is accepted; scripts/typecheck.sh also checks that
// with the directives removed every one of them is an error.
import { AtlasClient } from 'atlas-admin-wasm';

const client = new AtlasClient({ token: 'abc' });
const G = '32b6e34b3d91647abb20e7b8';

export async function wrong(): Promise<void> {
  // Misspelt option name.
  // @ts-expect-error
  await client.getMaintenanceWindow({ groupID: G });
  // Missing required groupId.
  // @ts-expect-error
  await client.getMaintenanceWindow({});
  // Number where an id string is expected.
  // @ts-expect-error
  await client.getMaintenanceWindow({ groupId: 42 });
  // Options required for operations with path parameters.
  // @ts-expect-error
  await client.listPipelines();
  // Unknown limit name.
  // @ts-expect-error
  await client.returnFederatedDatabaseQueryLimit({ groupId: G, tenantName: 't', limitName: 'bytesProcessed.hourly' });
  // A project role is not an organization role.
  // @ts-expect-error
  await client.createApiKey({ orgId: G, body: { desc: 'd', roles: ['GROUP_OWNER'] } });
  // Missing desc of the API key.
  // @ts-expect-error
  await client.createApiKey({ orgId: G, body: { roles: ['ORG_MEMBER'] } });
  // Unknown index type.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { type: 'text', collectionName: 'c', database: 'd', name: 'n' } });
  // Search-only field on a vector index.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { type: 'vectorSearch', collectionName: 'c', database: 'd', name: 'n', analyzer: 'lucene.standard' } });
  // Unknown tokenizer type.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { collectionName: 'c', database: 'd', name: 'n', analyzers: [{ name: 'a', tokenizer: { type: 'letter' } }] } });
  // Tokenizer missing its required minGram/maxGram.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { collectionName: 'c', database: 'd', name: 'n', analyzers: [{ name: 'a', tokenizer: { type: 'edgeGram' } }] } });
  // Unknown token filter type.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { collectionName: 'c', database: 'd', name: 'n', analyzers: [{ name: 'a', tokenizer: { type: 'keyword' }, tokenFilters: [{ type: 'uppercase' }] }] } });
  // Unknown char filter type.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { collectionName: 'c', database: 'd', name: 'n', analyzers: [{ name: 'a', tokenizer: { type: 'keyword' }, charFilters: [{ type: 'stripHtml' }] }] } });
  // Unknown snowball stemmer.
  // @ts-expect-error
  await client.updateAtlasSearchIndexDeprecated({ groupId: G, clusterName: 'c', indexId: G, body: { collectionName: 'c', database: 'd', name: 'n', analyzers: [{ name: 'a', tokenizer: { type: 'keyword' }, tokenFilters: [{ type: 'snowballStemming', stemmerName: 'klingon' }] }] } });
  // `pretty` is not accepted by deleteExportBucket.
  // @ts-expect-error
  await client.deleteExportBucket({ groupId: G, exportBucketId: G, pretty: true });
  // ...nor by listPipelines.
  // @ts-expect-error
  await client.listPipelines({ groupId: G, pretty: false });
  // ...nor by deleteIdentityProvider.
  // @ts-expect-error
  await client.deleteIdentityProvider({ federationSettingsId: G, identityProviderId: 'x', pretty: true });
  // Malformed apiVersion.
  // @ts-expect-error
  await client.listProjects({ apiVersion: 'latest' });
  // signal must be an AbortSignal.
  // @ts-expect-error
  await client.listProjects({ signal: 'stop' });
  // Misspelt snapshot body field.
  // @ts-expect-error
  await client.updateLegacySnapshotRetention({ groupId: G, clusterName: 'c', snapshotId: G, body: { doNotDelte: true } });
  // Resource policy needs its policies.
  // @ts-expect-error
  await client.validateAtlasResourcePolicy({ orgId: G, body: { name: 'n' } });
  // Delete operations resolve to undefined, not an object.
  // @ts-expect-error
  const r: { ok: boolean } = await client.deleteExportBucket({ groupId: G, exportBucketId: G });
  // A PEM certificate is a string.
  // @ts-expect-error
  const cert: { pem: string } = await client.createDatabaseUserCertificate({ groupId: G, username: 'u' });
  // Reading a field a result does not have.
  // @ts-expect-error
  (await client.getMaintenanceWindow({ groupId: G })).dayOfTheWeek;
  console.log(r, cert);
}

// Neither token nor getToken.
// @ts-expect-error
export const noAuth = new AtlasClient({ baseUrl: 'https://cloud.mongodb.com' });
// Both token and getToken.
// @ts-expect-error
export const bothAuth = new AtlasClient({ token: 'a', getToken: () => 'b' });
// Unknown client option.
// @ts-expect-error
export const misspelt = new AtlasClient({ token: 'a', timeout: 5 });
// getToken must produce a string.
// @ts-expect-error
export const badGetToken = new AtlasClient({ getToken: () => 42 });
// Results are read-only on the client.
// @ts-expect-error
client.baseUrl = 'x';
