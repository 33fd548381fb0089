// Type declarations of atlas-admin-wasm, written by hand to match the
// WebAssembly client (src/wasm/client.rs), its operations and schemas (the
// table generated into core/src/schema/table.rs), its options
// (core/src/config.rs) and its error classes (js/errors.js).
//
// Conventions:
// - request types are strict: a misspelt option or an enum value Atlas does
//   not list fails to compile (the client refuses them at run time too);
// - result types are open where Atlas may add values: an enum-valued string
//   is `KnownValue | (string & {})`, so editors still offer the known values;
// - 64-bit integers of results are `number` when exact and `bigint` beyond
//   2^53 - 1 (see {@link Int64}).

// ---------------------------------------------------------------------------
// Shared scalars
// ---------------------------------------------------------------------------

/**
 * A 64-bit integer of the API. Results give a `number` when the value is a
 * safe integer and a `bigint` otherwise, so nothing is rounded; requests
 * accept either (a `number` must be a safe integer).
 */
export type Int64 = number | bigint;

/** A string enum of a result: one of the known values, or a value Atlas added later. */
export type OpenEnum<Known extends string> = Known | (string & {});

/** A media-type version date such as `2023-01-01`, or `preview`. */
export type ApiVersion = `${number}-${number}-${number}` | 'preview';

/** HTTP methods the client uses. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The JavaScript names of the operations this client offers. */
export type OperationName =
  | 'listProjects'
  | 'getMaintenanceWindow'
  | 'createApiKey'
  | 'validateAtlasResourcePolicy'
  | 'createDatabaseUserCertificate'
  | 'deleteExportBucket'
  | 'returnFederatedDatabaseQueryLimit'
  | 'listPipelines'
  | 'deleteIdentityProvider'
  | 'getLegacySnapshot'
  | 'updateLegacySnapshotRetention'
  | 'updateAtlasSearchIndexDeprecated';

/** The operations marked deprecated; calling one reports a {@link DeprecationEvent} once per client. */
export type DeprecatedOperationName =
  | 'listPipelines'
  | 'getLegacySnapshot'
  | 'updateLegacySnapshotRetention'
  | 'updateAtlasSearchIndexDeprecated';

// ---------------------------------------------------------------------------
// Client options
// ---------------------------------------------------------------------------

/** Tells the caller (once per client and operation) that a deprecated operation was called. */
export interface DeprecationEvent {
  /** The deprecated operation's JavaScript name. */
  operation: DeprecatedOperationName;
  /** Date (`YYYY-MM-DD`) after which Atlas may stop serving it; absent when none is announced. */
  sunset?: string;
  /** A readable sentence saying what is deprecated and what to use instead. */
  message: string;
}

/** Client settings other than the credentials. */
export interface AtlasClientCommonOptions {
  /** API origin, `https://cloud.mongodb.com` by default (`http:` or `https:`; a trailing slash is ignored). */
  baseUrl?: string;
  /** A product token (1-256 printable ASCII characters) put before the client's own in `User-Agent` where the platform allows it. */
  userAgent?: string;
  /** Default time limit of each call, in milliseconds (1 to 3600000). */
  timeoutMs?: number;
  /** Receives deprecation notices instead of `console.warn`. */
  onDeprecation?: (event: DeprecationEvent) => void;
  /** How failed calls are retried; `false` never retries. Defaults: 3 retries, 500 ms base, 30 s cap, GET/DELETE only. */
  retry?: RetryOptions | boolean;
  /** Slow down before the rate-limit bucket empties (uses the last `RateLimit-*` headers). */
  pacing?: boolean;
  /** Called before each retry. */
  onRetry?: (event: RetryEvent) => void;
  /** Called before each request is sent (the `Authorization` value is redacted). */
  onRequest?: (event: RequestEvent) => void;
  /** Called when each answer arrives. */
  onResponse?: (event: ResponseEvent) => void;
}

/** Retry settings. Idempotent calls (GET, DELETE) are retried on 429, 502, 503, 504 and network errors. */
export interface RetryOptions {
  /** Retries after the first attempt (0 to 20, default 3). */
  maxRetries?: number;
  /** Scale of the exponential backoff with full jitter, in ms (default 500). */
  baseDelayMs?: number;
  /** Cap of any single delay, `Retry-After` included, in ms (default 30000). */
  maxDelayMs?: number;
  /** Also retry POST and PATCH (Atlas may have acted on a request whose answer was lost). */
  retryWrites?: boolean;
}

/** Fields every request hook event has. */
export interface CallEvent {
  /** The operation's JavaScript name. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Absolute URL of the request. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/** Passed to `onRequest`. */
export interface RequestEvent extends CallEvent {
  /** Headers sent, with `Authorization` shown as `Bearer [redacted]`. */
  headers: { Accept: string; Authorization: string };
}

/** Passed to `onResponse`. */
export interface ResponseEvent extends CallEvent {
  status: number;
  durationMs: number;
}

/** Passed to `onRetry`. */
export interface RetryEvent extends CallEvent {
  /** Status that caused the retry, or `null` for a network error. */
  status: number | null;
  /** Wait before the next attempt, in ms. */
  delayMs: number;
}

/** Progress of an auto-paginated listing. */
export interface ListingProgress {
  pagesDone: number;
  itemsDone: number;
  /** Atlas's `totalCount` of the first page: an estimate, never used to stop. */
  totalEstimate?: number | bigint;
}

/** Options of {@link AtlasClient.listProjectsAll} and {@link AtlasClient.listProjectsPages}. */
export interface ListAllOptions {
  /** Page size, 1 to 500 (default 500). */
  itemsPerPage?: number;
  /** Pages requested at once, 1 to 16 (default 1); items still come in order. */
  concurrency?: number;
  /** Called after each page. */
  onProgress?: (progress: ListingProgress) => void;
  /** Aborts the listing; the pending `next()` rejects with {@link AtlasAbortError}. */
  signal?: AbortSignal;
  /** Time limit of each page request, in ms. */
  timeoutMs?: number;
}

/** Authentication with a fixed bearer token. */
export interface AtlasClientTokenOptions extends AtlasClientCommonOptions {
  /** The bearer token (printable ASCII, no spaces, at most 16 KiB). Never shown in errors or `toString()`. */
  token: string;
  /** Not allowed together with `token`. */
  getToken?: never;
}

/** Authentication with a token obtained before each call (e.g. a refreshed service-account token). */
export interface AtlasClientGetTokenOptions extends AtlasClientCommonOptions {
  /** Not allowed together with `getToken`. */
  token?: never;
  /** Called before every request; returns (or resolves to) the bearer token to send. */
  getToken: () => string | Promise<string>;
}

/** Authentication with a service account: the client obtains, caches, renews and (on `close()`) revokes its tokens. */
export interface AtlasClientServiceAccountOptions extends AtlasClientCommonOptions {
  token?: never;
  getToken?: never;
  /** The service account's client id. */
  clientId: string;
  /** The service account's client secret. Never shown in errors, hooks or `toString()`. */
  clientSecret: string;
}

/** Options of `new AtlasClient(...)`: exactly one of `token`, `getToken`, or `clientId` with `clientSecret`. */
export type AtlasClientOptions =
  | (AtlasClientTokenOptions & { clientId?: never; clientSecret?: never })
  | (AtlasClientGetTokenOptions & { clientId?: never; clientSecret?: never })
  | AtlasClientServiceAccountOptions;

/** What the client last learnt from Atlas's `RateLimit-*` response headers. */
export interface RateLimitInfo {
  /** Requests allowed in the current window. */
  limit?: number;
  /** Requests left in the current window. */
  remaining?: number;
}

// ---------------------------------------------------------------------------
// Per-call options
// ---------------------------------------------------------------------------

/** Options every operation accepts. */
export interface CallOptions {
  /** Ask Atlas to wrap the answer in a `{status, content}` envelope (the client unwraps it). */
  envelope?: boolean;
  /** Media-type version to call the operation with, instead of the operation's default. */
  apiVersion?: ApiVersion;
  /** Cancels the call; the promise then rejects with an {@link AtlasAbortError}. */
  signal?: AbortSignal;
  /** Time limit of this call in milliseconds (1 to 3600000), overriding the client's. */
  timeoutMs?: number;
}

/** Options of the operations that also take the `pretty` query parameter. */
export interface PrettyCallOptions extends CallOptions {
  /** Ask Atlas to indent its JSON answer (no effect on the decoded result). */
  pretty?: boolean;
}

/** Options of {@link AtlasClient.listProjects}. */
export interface ListProjectsOptions extends PrettyCallOptions {
  /** Projects per page, 1 to 500 (Atlas's default is 100). */
  itemsPerPage?: number;
  /** Page to return, from 1. */
  pageNum?: number;
  /** Whether the answer carries `totalCount` (Atlas's default is true). */
  includeCount?: boolean;
}

/** Options of {@link AtlasClient.getMaintenanceWindow}. */
export interface GetMaintenanceWindowOptions extends PrettyCallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
}

/** Options of {@link AtlasClient.createApiKey}. */
export interface CreateApiKeyOptions extends PrettyCallOptions {
  /** The organization's 24-hex-digit id. */
  orgId: string;
  /** The key to create. */
  body: CreateOrgApiKey;
}

/** Options of {@link AtlasClient.validateAtlasResourcePolicy}. */
export interface ValidateAtlasResourcePolicyOptions extends PrettyCallOptions {
  /** The organization's 24-hex-digit id. */
  orgId: string;
  /** The policy set to check. */
  body: ResourcePolicyCreate;
}

/** Options of {@link AtlasClient.createDatabaseUserCertificate}. */
export interface CreateDatabaseUserCertificateOptions extends PrettyCallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
  /** The database user (an X.509-authenticated user of the `$external` database). */
  username: string;
  /** Certificate settings; Atlas's defaults apply when absent. */
  body?: UserCert;
}

/** Options of {@link AtlasClient.deleteExportBucket} (no `pretty`: the operation does not take it). */
export interface DeleteExportBucketOptions extends CallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
  /** The export bucket's 24-hex-digit id. */
  exportBucketId: string;
}

/** Names of the query limits of a federated database instance. */
export type FederatedQueryLimitName =
  | 'bytesProcessed.query'
  | 'bytesProcessed.daily'
  | 'bytesProcessed.weekly'
  | 'bytesProcessed.monthly';

/** Options of {@link AtlasClient.returnFederatedDatabaseQueryLimit}. */
export interface ReturnFederatedDatabaseQueryLimitOptions extends PrettyCallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
  /** Name of the federated database instance. */
  tenantName: string;
  /** Which limit to read. */
  limitName: FederatedQueryLimitName;
}

/** Options of {@link AtlasClient.listPipelines} (no `pretty`: the operation does not take it). */
export interface ListPipelinesOptions extends CallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
}

/** Options of {@link AtlasClient.deleteIdentityProvider} (no `pretty`: the operation does not take it). */
export interface DeleteIdentityProviderOptions extends CallOptions {
  /** The federation settings' 24-hex-digit id. */
  federationSettingsId: string;
  /** The identity provider's id. */
  identityProviderId: string;
}

/** Options of {@link AtlasClient.getLegacySnapshot}. */
export interface GetLegacySnapshotOptions extends PrettyCallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
  /** The cluster's name. */
  clusterName: string;
  /** The snapshot's 24-hex-digit id. */
  snapshotId: string;
}

/** Options of {@link AtlasClient.updateLegacySnapshotRetention}. */
export interface UpdateLegacySnapshotRetentionOptions extends GetLegacySnapshotOptions {
  /** The new retention. */
  body: BackupSnapshotUpdate;
}

/** Options of {@link AtlasClient.updateAtlasSearchIndexDeprecated}. */
export interface UpdateAtlasSearchIndexDeprecatedOptions extends PrettyCallOptions {
  /** The project's 24-hex-digit id. */
  groupId: string;
  /** The cluster's name. */
  clusterName: string;
  /** The index's 24-hex-digit id. */
  indexId: string;
  /** The index's new definition. */
  body: ClusterSearchIndexUpdate;
}

// ---------------------------------------------------------------------------
// Shared result shapes
// ---------------------------------------------------------------------------

/** A hypermedia link to a related resource. */
export interface Link {
  /** Absolute URL of the resource. */
  href?: string;
  /** Relation of the resource to this one, e.g. `self` or `next`. */
  rel?: string;
}

/** One rejected request field of a `400` answer. */
export interface FieldViolation {
  /** Why the field was refused. */
  description: string;
  /** The refused field. */
  field: string;
}

/** Field-level reasons attached to some `400` answers. */
export interface BadRequestDetail {
  /** One entry per refused field. */
  fields?: FieldViolation[];
}

// ---------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------

/** Known values of {@link Group.regionUsageRestrictions}. */
export type RegionUsageRestriction = 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' | 'GOV_REGIONS_ONLY';

/** A key/value label on an Atlas resource. */
export interface ResourceTag {
  /** Label name (1-255 characters). */
  key: string;
  /** Label value (1-255 characters). */
  value: string;
}

/** An Atlas project (a "group" on the wire). */
export interface Group {
  /** Number of clusters in the project. */
  clusterCount: Int64;
  /** Creation time (ISO 8601). */
  created: string;
  /** The project's 24-hex-digit id. */
  id?: string;
  /** Related resources. */
  links?: Link[];
  /** The project's name, unique in its organization. */
  name: string;
  /** Id of the owning organization. */
  orgId: string;
  /** Which cloud regions the project may use. */
  regionUsageRestrictions?: OpenEnum<RegionUsageRestriction>;
  /** Labels on the project. */
  tags?: ResourceTag[];
  /** Whether the project was created with the default alert settings. */
  withDefaultAlertsSettings?: boolean;
}

/** One page of projects. Page until `results` comes back short or empty: `totalCount` is an estimate. */
export interface PaginatedGroups {
  /** Links to this page and its neighbours. */
  links?: Link[];
  /** The projects of this page. */
  results: Group[];
  /** Approximate number of projects over all pages (when `includeCount` is not false). */
  totalCount?: number;
}

/** Daily hours in which Atlas avoids starting maintenance. */
export interface ProtectedHours {
  /** Last protected hour, 0-23. */
  endHourOfDay?: number;
  /** First protected hour, 0-23. */
  startHourOfDay?: number;
}

/** When Atlas may run maintenance on a project's clusters. */
export interface GroupMaintenanceWindow {
  /** Whether each newly scheduled maintenance is deferred once automatically. */
  autoDeferOnceEnabled?: boolean;
  /** Day of the week: 1 is Sunday, 7 is Saturday. */
  dayOfWeek: number;
  /** Hour (0-23, in the project's time zone) at which the window opens. */
  hourOfDay?: number;
  /** How many times the pending maintenance was deferred. */
  numberOfDeferrals?: number;
  /** Hours in which maintenance should not start. */
  protectedHours?: ProtectedHours;
  /** Whether maintenance should start as soon as possible. */
  startASAP?: boolean;
  /** The project's time zone id, e.g. `Europe/Paris`. */
  timeZoneId?: string;
  /** Requested maintenance wave, 1-3 (only with `apiVersion: 'preview'`). */
  waveAssignment?: number;
  /** Maintenance wave in effect, 1-3 (only with `apiVersion: 'preview'`). */
  effectiveWaveAssignment?: number;
}

// ---------------------------------------------------------------------------
// Organization API keys
// ---------------------------------------------------------------------------

/** Organization roles an API key can be given. */
export type OrgRole =
  | 'ORG_OWNER'
  | 'ORG_MEMBER'
  | 'ORG_GROUP_CREATOR'
  | 'ORG_BILLING_ADMIN'
  | 'ORG_BILLING_READ_ONLY'
  | 'ORG_STREAM_PROCESSING_ADMIN'
  | 'ORG_READ_ONLY';

/** Body of {@link AtlasClient.createApiKey}. */
export interface CreateOrgApiKey {
  /** What the key is for (1-250 characters). */
  desc: string;
  /** Roles to grant: at least one. */
  roles: OrgRole[];
}

/** One role held by an API key, in an organization or a project. */
export interface RoleAssignment {
  /** Project of a project role. */
  groupId?: string;
  /** Organization of an organization role. */
  orgId?: string;
  /** The role's name. */
  roleName?: OpenEnum<OrgRole>;
}

/** A newly created API key. `privateKey` is given only in this answer: store it now. */
export interface ApiKeyUserDetails {
  /** What the key is for. */
  desc?: string;
  /** The key's 24-hex-digit id. */
  id?: string;
  /** Related resources. */
  links?: Link[];
  /** The secret half of the key (only in the creation answer). */
  privateKey?: string;
  /** The public half of the key (8 characters). */
  publicKey?: string;
  /** Roles the key holds. */
  roles?: RoleAssignment[];
}

// ---------------------------------------------------------------------------
// Resource policies
// ---------------------------------------------------------------------------

/** One Cedar policy to create or check. */
export interface PolicyCreate {
  /** The policy's Cedar source text (not blank). */
  body: string;
}

/** Body of {@link AtlasClient.validateAtlasResourcePolicy}: a named set of Cedar policies. */
export interface ResourcePolicyCreate {
  /** Name of the policy set (not blank). */
  name: string;
  /** Free-text description. */
  description?: string;
  /** The policies: at least one. */
  policies: PolicyCreate[];
}

/** The user who created or last changed a policy. */
export interface UserMetadata {
  /** The user's 24-hex-digit id. */
  id?: string;
  /** The user's name. */
  name?: string;
}

/** One stored Cedar policy. */
export interface Policy {
  /** Cedar source text. */
  body?: string;
  /** The policy's 24-hex-digit id. */
  id?: string;
}

/** A resource policy set as Atlas stores it (or would store it). */
export interface ResourcePolicy {
  /** Who created it. */
  createdByUser?: UserMetadata;
  /** Creation time (ISO 8601). */
  createdDate?: string;
  /** Free-text description. */
  description?: string;
  /** The policy set's 24-hex-digit id. */
  id?: string;
  /** Who changed it last. */
  lastUpdatedByUser?: UserMetadata;
  /** Time of the last change (ISO 8601). */
  lastUpdatedDate?: string;
  /** Name of the policy set. */
  name?: string;
  /** Owning organization. */
  orgId?: string;
  /** The policies. */
  policies?: Policy[];
  /** Version label, e.g. `v1`. */
  version?: string;
}

/** Known values of {@link AtlasApiError.errorType} (refusals of `validateAtlasResourcePolicy`). */
export type InvalidPolicyErrorType =
  | 'POLICY_PARSING_ERROR'
  | 'POLICY_HAS_FAILED_VALIDATIONS'
  | 'POLICY_HAS_INVALID_PRINCIPAL'
  | 'POLICY_HAS_BODY_EXCEEDING_MAX_SIZE'
  | 'POLICY_HAS_UNEXPECTED_ENTITIES';

/** One problem found in a refused policy. */
export interface InvalidPolicyErrorDetail {
  /** The problem, in words. */
  detail?: string;
}

/** A refused policy and its problems. */
export interface InvalidPolicy {
  /** The refused Cedar text. */
  body?: string;
  /** What is wrong with it. */
  errors?: InvalidPolicyErrorDetail[];
}

// ---------------------------------------------------------------------------
// X.509 certificates
// ---------------------------------------------------------------------------

/** Body of {@link AtlasClient.createDatabaseUserCertificate}. */
export interface UserCert {
  /** Months of validity, 1-24 (Atlas uses 3 when absent). */
  monthsUntilExpiration?: number;
}

// ---------------------------------------------------------------------------
// Data federation
// ---------------------------------------------------------------------------

/** Known values of {@link DataFederationTenantQueryLimit.overrunPolicy}. */
export type OverrunPolicy = 'BLOCK' | 'BLOCK_AND_KILL';

/** One query limit of a federated database instance. */
export interface DataFederationTenantQueryLimit {
  /** Usage counted so far. */
  currentUsage?: Int64;
  /** The limit's default value. */
  defaultLimit?: Int64;
  /** Time of the last change (ISO 8601). */
  lastModifiedDate?: string;
  /** Highest value the limit may be given. */
  maximumLimit?: Int64;
  /** The limit's name. */
  name: OpenEnum<FederatedQueryLimitName>;
  /** What Atlas does once usage passes the limit. */
  overrunPolicy?: OpenEnum<OverrunPolicy>;
  /** Name of the federated database instance. */
  tenantName?: string;
  /** The limit's current value. */
  value: Int64;
}

// ---------------------------------------------------------------------------
// Legacy snapshots
// ---------------------------------------------------------------------------

/** Known values of {@link BackupSnapshotPart.compressionSetting}. */
export type CompressionSetting = 'NONE' | 'GZIP';

/** Known values of {@link BackupSnapshotPart.typeName}. */
export type SnapshotPartType =
  | 'REPLICA_SET'
  | 'CONFIG_SERVER'
  | 'CONFIG_SERVER_REPLICA_SET'
  | 'CONFIG_SHARD_REPLICA_SET';

/** A BSON timestamp: a time and an ordinal within its second. */
export interface BsonTimestamp {
  /** The time (ISO 8601). */
  date?: string;
  /** Ordinal of the operation within that second. */
  increment?: number;
}

/** The part of a snapshot taken from one replica set. */
export interface BackupSnapshotPart {
  /** The cluster's id. */
  clusterId?: string;
  /** When the part finished (ISO 8601). */
  completedTime?: string;
  /** How the part is compressed. */
  compressionSetting?: OpenEnum<CompressionSetting>;
  /** Data size in bytes. */
  dataSizeBytes?: Int64;
  /** Whether the part is encrypted at rest. */
  encryptionEnabled?: boolean;
  /** Feature compatibility version of the replica set. */
  fcv?: string;
  /** Size of the data files in bytes. */
  fileSizeBytes?: Int64;
  /** Host and port of the member the part was taken from. */
  machineId?: string;
  /** UUID of the encryption master key. */
  masterKeyUUID?: string;
  /** MongoDB version of that member. */
  mongodVersion?: string;
  /** Replica set name. */
  replicaSetName?: string;
  /** Replication state of the member when the part was taken. */
  replicaState?: string;
  /** Storage used in bytes. */
  storageSizeBytes?: Int64;
  /** Kind of replica set. */
  typeName?: OpenEnum<SnapshotPartType>;
}

/** A legacy backup snapshot of a cluster. */
export interface BackupSnapshot {
  /** The cluster's 24-hex-digit id. */
  clusterId?: string;
  /** The cluster's name. */
  clusterName?: string;
  /** Whether the snapshot is finished. */
  complete?: boolean;
  /** When the snapshot was taken. */
  created?: BsonTimestamp;
  /** Whether the snapshot is kept whatever its retention. */
  doNotDelete?: boolean;
  /** When Atlas deletes the snapshot (ISO 8601). */
  expires?: string;
  /** The project's id. */
  groupId?: string;
  /** The snapshot's 24-hex-digit id. */
  id?: string;
  /** Whether the snapshot is incremental. */
  incremental?: boolean;
  /** Last oplog entry included. */
  lastOplogAppliedTimestamp?: BsonTimestamp;
  /** Related resources. */
  links?: Link[];
  /** One part per replica set. */
  parts?: BackupSnapshotPart[];
}

/** Body of {@link AtlasClient.updateLegacySnapshotRetention}: the two writable snapshot fields. */
export interface BackupSnapshotUpdate {
  /** Keep the snapshot whatever its retention; `true` cannot be combined with `expires`. */
  doNotDelete?: boolean;
  /** New expiry time (ISO 8601, not empty). */
  expires?: string;
}

// ---------------------------------------------------------------------------
// Data Lake ingestion pipelines
// ---------------------------------------------------------------------------

/** Known values of {@link DataLakeIngestionPipeline.state}. */
export type PipelineState = 'ACTIVE' | 'PAUSED';
/** Known values of {@link DatasetRetentionPolicy.units}. */
export type RetentionUnit = 'DAYS' | 'WEEKS' | 'MONTHS';
/** Known values of {@link FieldTransformation.type}. */
export type FieldTransformationType = 'EXCLUDE';
/** Known values of {@link DlsIngestionSink.metadataProvider}. */
export type MetadataProvider = 'AWS';

/** How long a pipeline keeps its datasets. */
export interface DatasetRetentionPolicy {
  /** Time of the last change (ISO 8601). */
  lastModifiedDate?: string;
  /** Unit of `value`. */
  units: OpenEnum<RetentionUnit>;
  /** How many `units` a dataset is kept (at least 1). */
  value: number;
}

/** A change applied to each document while ingesting. */
export interface FieldTransformation {
  /** The field changed. */
  field?: string;
  /** The change. */
  type?: OpenEnum<FieldTransformationType>;
}

/** Fields shared by the snapshot sources of a pipeline. */
export interface CpsSnapshotSourceFields {
  /** Cluster whose snapshots are read. */
  clusterName?: string;
  /** Collection ingested. */
  collectionName?: string;
  /** Database of that collection. */
  databaseName?: string;
  /** The project's id. */
  groupId?: string;
}

/** A source reading on-demand cloud backup snapshots. */
export interface OnDemandCpsSnapshotSource extends CpsSnapshotSourceFields {
  /** Kind of source. */
  type: 'ON_DEMAND_CPS';
}

/** A source reading scheduled cloud backup snapshots. */
export interface PeriodicCpsSnapshotSource extends CpsSnapshotSourceFields {
  /** Kind of source. */
  type: 'PERIODIC_CPS';
  /** Backup policy item whose snapshots are read. */
  policyItemId?: string;
}

/**
 * Where a pipeline reads from; narrow on `type`. A kind this version does not
 * know is passed through as Atlas sent it.
 */
export type IngestionSource = OnDemandCpsSnapshotSource | PeriodicCpsSnapshotSource;

/** One field a dataset is partitioned by. */
export interface PartitionField {
  /** Document field name (at most 700 characters). */
  fieldName: string;
  /** Position among the partition fields, from 0. */
  order: number;
}

/** A sink writing into Atlas Data Lake storage. */
export interface DlsIngestionSink {
  /** Kind of sink. */
  type: 'DLS';
  /** Cloud provider holding the dataset metadata. */
  metadataProvider?: OpenEnum<MetadataProvider>;
  /** Provider region holding the dataset metadata. */
  metadataRegion?: string;
  /** Partition fields, in order. */
  partitionFields?: PartitionField[];
}

/** Where a pipeline writes to. A kind this version does not know is passed through as Atlas sent it. */
export type IngestionSink = DlsIngestionSink;

/** A Data Lake ingestion pipeline. */
export interface DataLakeIngestionPipeline {
  /** The pipeline's 24-hex-digit id. */
  _id?: string;
  /** Creation time (ISO 8601). */
  createdDate?: string;
  /** How long datasets are kept. */
  datasetRetentionPolicy?: DatasetRetentionPolicy;
  /** The project's id. */
  groupId?: string;
  /** Time of the last change (ISO 8601). */
  lastUpdatedDate?: string;
  /** The pipeline's name. */
  name?: string;
  /** Where data is written. */
  sink?: IngestionSink;
  /** Where data is read. */
  source?: IngestionSource;
  /** Whether the pipeline runs. */
  state?: OpenEnum<PipelineState>;
  /** Changes applied while ingesting. */
  transformations?: FieldTransformation[];
}

// ---------------------------------------------------------------------------
// Atlas Search indexes
// ---------------------------------------------------------------------------

/** Built-in Atlas Search analyzers. */
export type LuceneAnalyzer =
  | 'lucene.standard' | 'lucene.simple' | 'lucene.whitespace' | 'lucene.keyword'
  | 'lucene.arabic' | 'lucene.armenian' | 'lucene.basque' | 'lucene.bengali'
  | 'lucene.brazilian' | 'lucene.bulgarian' | 'lucene.catalan' | 'lucene.chinese'
  | 'lucene.cjk' | 'lucene.czech' | 'lucene.danish' | 'lucene.dutch'
  | 'lucene.english' | 'lucene.finnish' | 'lucene.french' | 'lucene.galician'
  | 'lucene.german' | 'lucene.greek' | 'lucene.hindi' | 'lucene.hungarian'
  | 'lucene.indonesian' | 'lucene.irish' | 'lucene.italian' | 'lucene.japanese'
  | 'lucene.korean' | 'lucene.kuromoji' | 'lucene.latvian' | 'lucene.lithuanian'
  | 'lucene.morfologik' | 'lucene.nori' | 'lucene.norwegian' | 'lucene.persian'
  | 'lucene.portuguese' | 'lucene.romanian' | 'lucene.russian' | 'lucene.smartcn'
  | 'lucene.sorani' | 'lucene.spanish' | 'lucene.swedish' | 'lucene.thai'
  | 'lucene.turkish' | 'lucene.ukrainian';

/** Known values of {@link ClusterSearchIndexBase.status}. */
export type SearchIndexStatus = 'IN_PROGRESS' | 'STEADY' | 'FAILED' | 'MIGRATING' | 'STALE' | 'PAUSED';

/** Whether a token filter also emits the tokens it changed, unchanged. */
export type OriginalTokens = 'omit' | 'include';

/** Whether tokens outside the gram bounds are kept. */
export type TermNotInBounds = 'omit' | 'include';

// Tokenizers ---------------------------------------------------------------

/** Splits text into left-anchored n-grams. */
export interface EdgeGramTokenizer {
  /** Kind of tokenizer. */
  type: 'edgeGram';
  /** Shortest gram. */
  minGram: number;
  /** Longest gram. */
  maxGram: number;
}
/** Keeps the whole input as one token. */
export interface KeywordTokenizer {
  /** Kind of tokenizer. */
  type: 'keyword';
}
/** Splits text into n-grams. */
export interface NGramTokenizer {
  /** Kind of tokenizer. */
  type: 'nGram';
  /** Shortest gram. */
  minGram: number;
  /** Longest gram. */
  maxGram: number;
}
/** Emits one capture group of each match of a regular expression. */
export interface RegexCaptureGroupTokenizer {
  /** Kind of tokenizer. */
  type: 'regexCaptureGroup';
  /** The regular expression. */
  pattern: string;
  /** Index of the capture group to emit. */
  group: number;
}
/** Splits text at the matches of a regular expression. */
export interface RegexSplitTokenizer {
  /** Kind of tokenizer. */
  type: 'regexSplit';
  /** The regular expression. */
  pattern: string;
}
/** Splits text at word boundaries (Unicode text segmentation). */
export interface StandardTokenizer {
  /** Kind of tokenizer. */
  type: 'standard';
  /** Longest token; longer ones are split (default 255). */
  maxTokenLength?: number;
}
/** Like `standard`, but keeps URLs and email addresses whole. */
export interface UaxUrlEmailTokenizer {
  /** Kind of tokenizer. */
  type: 'uaxUrlEmail';
  /** Longest token; longer ones are split (default 255). */
  maxTokenLength?: number;
}
/** Splits text at whitespace. */
export interface WhitespaceTokenizer {
  /** Kind of tokenizer. */
  type: 'whitespace';
  /** Longest token; longer ones are split (default 255). */
  maxTokenLength?: number;
}
/** A custom analyzer's tokenizer; narrow on `type`. */
export type SearchTokenizer =
  | EdgeGramTokenizer
  | KeywordTokenizer
  | NGramTokenizer
  | RegexCaptureGroupTokenizer
  | RegexSplitTokenizer
  | StandardTokenizer
  | UaxUrlEmailTokenizer
  | WhitespaceTokenizer;

// Token filters ------------------------------------------------------------

/** Folds letters to their ASCII equivalents. */
export interface AsciiFoldingTokenFilter {
  /** Kind of token filter. */
  type: 'asciiFolding';
  /** Whether the unfolded tokens are kept too (default `omit`). */
  originalTokens?: OriginalTokens;
}
/** Adds Daitch-Mokotoff phonetic codes. */
export interface DaitchMokotoffSoundexTokenFilter {
  /** Kind of token filter. */
  type: 'daitchMokotoffSoundex';
  /** Whether the original tokens are kept too (default `include`). */
  originalTokens?: OriginalTokens;
}
/** Emits left-anchored n-grams of each token. */
export interface EdgeGramTokenFilter {
  /** Kind of token filter. */
  type: 'edgeGram';
  /** Shortest gram. */
  minGram: number;
  /** Longest gram. */
  maxGram: number;
  /** Whether tokens shorter than `minGram` are kept (default `omit`). */
  termNotInBounds?: TermNotInBounds;
}
/** Removes a trailing English possessive `'s`. */
export interface EnglishPossessiveTokenFilter {
  /** Kind of token filter. */
  type: 'englishPossessive';
}
/** Flattens a token graph (use after `wordDelimiterGraph`). */
export interface FlattenGraphTokenFilter {
  /** Kind of token filter. */
  type: 'flattenGraph';
}
/** Applies ICU character folding. */
export interface IcuFoldingTokenFilter {
  /** Kind of token filter. */
  type: 'icuFolding';
}
/** Applies an ICU Unicode normalization form. */
export interface IcuNormalizerTokenFilter {
  /** Kind of token filter. */
  type: 'icuNormalizer';
  /** The normalization form (default `nfc`). */
  normalizationForm?: 'nfd' | 'nfc' | 'nfkd' | 'nfkc';
}
/** Applies the KStem English stemmer. */
export interface KStemmingTokenFilter {
  /** Kind of token filter. */
  type: 'kStemming';
}
/** Drops tokens that are too short or too long. */
export interface LengthTokenFilter {
  /** Kind of token filter. */
  type: 'length';
  /** Shortest kept token (default 0). */
  min?: number;
  /** Longest kept token (default 255). */
  max?: number;
}
/** Lower-cases tokens. */
export interface LowercaseTokenFilter {
  /** Kind of token filter. */
  type: 'lowercase';
}
/** Emits n-grams of each token. */
export interface NGramTokenFilter {
  /** Kind of token filter. */
  type: 'nGram';
  /** Shortest gram. */
  minGram: number;
  /** Longest gram. */
  maxGram: number;
  /** Whether tokens shorter than `minGram` are kept (default `omit`). */
  termNotInBounds?: TermNotInBounds;
}
/** Applies the Porter English stemmer. */
export interface PorterStemmingTokenFilter {
  /** Kind of token filter. */
  type: 'porterStemming';
}
/** Replaces matches of a regular expression in each token. */
export interface RegexTokenFilter {
  /** Kind of token filter. */
  type: 'regex';
  /** The regular expression. */
  pattern: string;
  /** Replacement text. */
  replacement: string;
  /** Replace every match or only the first. */
  matches: 'all' | 'first';
}
/** Reverses each token. */
export interface ReverseTokenFilter {
  /** Kind of token filter. */
  type: 'reverse';
}
/** Emits word n-grams (shingles) from the token stream. */
export interface ShingleTokenFilter {
  /** Kind of token filter. */
  type: 'shingle';
  /** Fewest tokens per shingle. */
  minShingleSize: number;
  /** Most tokens per shingle. */
  maxShingleSize: number;
}
/** Snowball stemmers available to `snowballStemming`. */
export type SnowballStemmerName =
  | 'arabic' | 'armenian' | 'basque' | 'catalan' | 'danish' | 'dutch' | 'english'
  | 'finnish' | 'french' | 'german' | 'german2' | 'hungarian' | 'irish' | 'italian'
  | 'kp' | 'lithuanian' | 'lovins' | 'norwegian' | 'porter' | 'portuguese'
  | 'romanian' | 'russian' | 'spanish' | 'swedish' | 'turkish';
/** Applies a Snowball stemmer. */
export interface SnowballStemmingTokenFilter {
  /** Kind of token filter. */
  type: 'snowballStemming';
  /** Which stemmer. */
  stemmerName: SnowballStemmerName;
}
/** Stems Spanish plurals. */
export interface SpanishPluralStemmingTokenFilter {
  /** Kind of token filter. */
  type: 'spanishPluralStemming';
}
/** Applies the Stempel Polish stemmer. */
export interface StempelTokenFilter {
  /** Kind of token filter. */
  type: 'stempel';
}
/** Drops the given stop words. */
export interface StopwordTokenFilter {
  /** Kind of token filter. */
  type: 'stopword';
  /** The words to drop. */
  tokens: string[];
  /** Whether case is ignored when matching (default true). */
  ignoreCase?: boolean;
}
/** Trims whitespace around tokens. */
export interface TrimTokenFilter {
  /** Kind of token filter. */
  type: 'trim';
}
/** How `wordDelimiterGraph` splits and joins sub-words. */
export interface WordDelimiterOptions {
  /** Join runs of sub-words and sub-numbers. */
  concatenateAll?: boolean;
  /** Join runs of sub-numbers. */
  concatenateNumbers?: boolean;
  /** Join runs of sub-words. */
  concatenateWords?: boolean;
  /** Split at sub-number boundaries. */
  generateNumberParts?: boolean;
  /** Split at sub-word boundaries. */
  generateWordParts?: boolean;
  /** Leave tokens marked as keywords alone. */
  ignoreKeywords?: boolean;
  /** Keep the original token too. */
  preserveOriginal?: boolean;
  /** Split where letter case changes. */
  splitOnCaseChange?: boolean;
  /** Split between letters and digits. */
  splitOnNumerics?: boolean;
  /** Drop trailing possessives of sub-words. */
  stemEnglishPossessive?: boolean;
}
/** Words `wordDelimiterGraph` leaves whole. */
export interface WordDelimiterProtectedWords {
  /** The words. */
  words: string[];
  /** Whether case is ignored when matching (default true). */
  ignoreCase?: boolean;
}
/** Splits tokens into sub-words by configurable rules. */
export interface WordDelimiterGraphTokenFilter {
  /** Kind of token filter. */
  type: 'wordDelimiterGraph';
  /** Splitting rules. */
  delimiterOptions?: WordDelimiterOptions;
  /** Words never split. */
  protectedWords?: WordDelimiterProtectedWords;
}
/** A custom analyzer's token filter; narrow on `type`. */
export type SearchTokenFilter =
  | AsciiFoldingTokenFilter
  | DaitchMokotoffSoundexTokenFilter
  | EdgeGramTokenFilter
  | EnglishPossessiveTokenFilter
  | FlattenGraphTokenFilter
  | IcuFoldingTokenFilter
  | IcuNormalizerTokenFilter
  | KStemmingTokenFilter
  | LengthTokenFilter
  | LowercaseTokenFilter
  | NGramTokenFilter
  | PorterStemmingTokenFilter
  | RegexTokenFilter
  | ReverseTokenFilter
  | ShingleTokenFilter
  | SnowballStemmingTokenFilter
  | SpanishPluralStemmingTokenFilter
  | StempelTokenFilter
  | StopwordTokenFilter
  | TrimTokenFilter
  | WordDelimiterGraphTokenFilter;

// Character filters --------------------------------------------------------

/** Removes HTML markup. */
export interface HtmlStripCharFilter {
  /** Kind of character filter. */
  type: 'htmlStrip';
  /** Tags left in place. */
  ignoredTags?: string[];
}
/** Applies ICU normalization to the text. */
export interface IcuNormalizeCharFilter {
  /** Kind of character filter. */
  type: 'icuNormalize';
}
/** Replaces strings by others. */
export interface MappingCharFilter {
  /** Kind of character filter. */
  type: 'mapping';
  /** Each key is replaced by its value. */
  mappings: Record<string, string>;
}
/** Turns Persian zero-width non-joiners into spaces. */
export interface PersianCharFilter {
  /** Kind of character filter. */
  type: 'persian';
}
/** A custom analyzer's character filter; narrow on `type`. */
export type SearchCharFilter =
  | HtmlStripCharFilter
  | IcuNormalizeCharFilter
  | MappingCharFilter
  | PersianCharFilter;

// Index definitions --------------------------------------------------------

/** A user-defined analyzer: character filters, then a tokenizer, then token filters. */
export interface SearchCustomAnalyzer {
  /** The analyzer's name, used in `analyzer`, `searchAnalyzer` or field mappings. */
  name: string;
  /** Character filters applied first, in order. */
  charFilters?: SearchCharFilter[];
  /** The tokenizer. */
  tokenizer: SearchTokenizer;
  /** Token filters applied after the tokenizer, in order. */
  tokenFilters?: SearchTokenFilter[];
}

/** A field's index settings inside {@link SearchMappings.fields} (Atlas Search field-mapping syntax). */
export type SearchFieldMapping = { [setting: string]: unknown };

/** Which fields an Atlas Search index covers and how. */
export interface SearchMappings {
  /** Index every field of dynamic type (default false). */
  dynamic?: boolean;
  /** Settings per field name. */
  fields?: Record<string, SearchFieldMapping>;
}

/** Where a synonym mapping reads its synonyms. */
export interface SynonymSource {
  /** Collection (of the index's database) holding the synonym documents. */
  collection: string;
}

/** A named synonym mapping of a search index. */
export interface SearchSynonymMapping {
  /** Analyzer applied to the synonyms (built-in). */
  analyzer: LuceneAnalyzer;
  /** The mapping's name, used in queries. */
  name: string;
  /** Where the synonyms are. */
  source: SynonymSource;
}

/**
 * Which document fields are stored on the search index: `true` for all,
 * `false` for none, or an include / exclude list of field paths.
 */
export type StoredSource = boolean | { include: string[] } | { exclude: string[] };

/**
 * One field setting of a vector search index: a `vector` field (with `path`,
 * `numDimensions`, `similarity`, ...) or a `filter` field (with `path`).
 */
export type VectorSearchField = { type: string; path: string; [setting: string]: unknown };

/** Analyzer named by an index: a built-in one or the name of one of its `analyzers`. */
export type SearchAnalyzerName = LuceneAnalyzer | (string & {});

/** Fields every search index definition has. */
export interface ClusterSearchIndexBase {
  /** Collection indexed. */
  collectionName: string;
  /** Database of that collection. */
  database: string;
  /** The index's name. */
  name: string;
  /** Number of index partitions (default 1). */
  numPartitions?: number;
  /** Document fields stored on the index. */
  storedSource?: StoredSource;
  /** The index's 24-hex-digit id (read-only). */
  indexID?: string;
  /** Build state of the index (read-only). */
  status?: OpenEnum<SearchIndexStatus>;
}

/** Fields of an Atlas Search (full-text) index. */
export interface SearchIndexFields {
  /** Analyzer applied to indexed text (default `lucene.standard`). */
  analyzer?: SearchAnalyzerName;
  /** Custom analyzers. */
  analyzers?: SearchCustomAnalyzer[];
  /** Which fields are indexed and how. */
  mappings?: SearchMappings;
  /** Analyzer applied to query text (default `lucene.standard`). */
  searchAnalyzer?: SearchAnalyzerName;
  /** Synonym mappings. */
  synonyms?: SearchSynonymMapping[];
}

/** Fields of an Atlas Vector Search index. */
export interface VectorSearchIndexFields {
  /** Vector and filter field settings; at least one `vector` field. */
  fields?: VectorSearchField[];
  /** Path of the array holding nested vector fields. */
  nestedRoot?: string;
}

/** An Atlas Search index as returned by Atlas. */
export interface SearchIndex extends ClusterSearchIndexBase, SearchIndexFields {
  /** Kind of index (absent means `search`). */
  type?: 'search';
}

/** An Atlas Vector Search index as returned by Atlas. */
export interface VectorSearchIndex extends ClusterSearchIndexBase, VectorSearchIndexFields {
  /** Kind of index. */
  type: 'vectorSearch';
}

/** A search index as returned by Atlas; narrow on `type`. */
export type ClusterSearchIndex = SearchIndex | VectorSearchIndex;

/** Body of {@link AtlasClient.updateAtlasSearchIndexDeprecated} for an Atlas Search index. */
export interface SearchIndexUpdate extends ClusterSearchIndexBase, SearchIndexFields {
  /** Kind of index (absent means `search`). */
  type?: 'search';
}

/** Body of {@link AtlasClient.updateAtlasSearchIndexDeprecated} for an Atlas Vector Search index. */
export interface VectorSearchIndexUpdate extends ClusterSearchIndexBase, VectorSearchIndexFields {
  /** Kind of index. */
  type: 'vectorSearch';
}

/**
 * Body of {@link AtlasClient.updateAtlasSearchIndexDeprecated}: the index's whole
 * new definition. The read-only `indexID` and `status` may be left in (e.g.
 * from an index read back); they are not sent.
 */
export type ClusterSearchIndexUpdate = SearchIndexUpdate | VectorSearchIndexUpdate;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Base class of every error the client throws or rejects with. */
export declare class AtlasError extends Error {
  /** Builds an error; `fields` are copied onto it (`cause` becomes the standard `cause`). */
  constructor(message: string, fields?: object);
  /** The class name, e.g. `AtlasApiError`. */
  name: string;
}

/** An argument was refused before anything was sent. */
export declare class AtlasValidationError extends AtlasError {
  /** Always `AtlasValidationError`. */
  name: 'AtlasValidationError';
  /** Path of the refused option, e.g. `groupId` or `body.roles[1]`. */
  readonly field: string;
  /** What the option must be, in words. */
  readonly rule: string;
}

/** Atlas answered with an error status. */
export declare class AtlasApiError extends AtlasError {
  /** Always `AtlasApiError`. */
  name: 'AtlasApiError';
  /** The operation called. */
  readonly operation: OperationName;
  /** HTTP status (the wrapped status when `envelope` was set). */
  readonly status: number;
  /** HTTP method sent. */
  readonly method: HttpMethod;
  /** Request path and query as sent. */
  readonly path: string;
  /** Atlas's error name, e.g. `RESOURCE_NOT_FOUND`. */
  readonly errorCode?: string;
  /** Atlas's explanation. */
  readonly detail?: string;
  /** HTTP reason phrase. */
  readonly reason?: string;
  /** Values substituted into `detail`. */
  readonly parameters?: unknown[];
  /** Field-level reasons of a `400`. */
  readonly badRequestDetail?: BadRequestDetail;
  /** Kind of refusal of `validateAtlasResourcePolicy`. */
  readonly errorType?: OpenEnum<InvalidPolicyErrorType>;
  /** Refused policies of `validateAtlasResourcePolicy`, with their problems. */
  readonly invalidPolicies?: InvalidPolicy[];
  /** The `Retry-After` header as sent (seconds or an HTTP date), on `429` and `503`. */
  readonly retryAfter?: string;
  /** The answer's body, verbatim. */
  readonly rawBody: string;
}

/** The answer could not be decoded as the operation's result. */
export declare class AtlasDecodeError extends AtlasError {
  /** Always `AtlasDecodeError`. */
  name: 'AtlasDecodeError';
  /** The operation called. */
  readonly operation: OperationName;
  /** HTTP status of the answer. */
  readonly status: number;
  /** HTTP method sent. */
  readonly method: HttpMethod;
  /** Request path and query as sent. */
  readonly path: string;
  /** The answer's body, verbatim. */
  readonly rawBody: string;
}

/** The request could not be sent or its answer not read. */
export declare class AtlasNetworkError extends AtlasError {
  /** Always `AtlasNetworkError`. */
  name: 'AtlasNetworkError';
  /** The platform's error (usually a `TypeError` from `fetch`). */
  readonly cause: unknown;
}

/** The call took longer than its time limit. */
export declare class AtlasTimeoutError extends AtlasError {
  /** Always `AtlasTimeoutError`. */
  name: 'AtlasTimeoutError';
  /** The limit that was passed, in milliseconds. */
  readonly timeoutMs: number;
}

/** The caller's `AbortSignal` fired. */
export declare class AtlasAbortError extends AtlasError {
  /** Always `AtlasAbortError`. */
  name: 'AtlasAbortError';
  /** The signal's `reason`. */
  readonly cause: unknown;
}

// ---------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------

/** An async iterable listing; breaking out of `for await` aborts the page requests in flight. */
export interface AtlasListing<T> extends AsyncIterableIterator<T> {
  next(): Promise<IteratorResult<T, undefined>>;
  return(): Promise<IteratorResult<T, undefined>>;
  [Symbol.asyncIterator](): AtlasListing<T>;
}

/**
 * A client of the Atlas Administration API v2. Every method returns a promise
 * that rejects with an {@link AtlasError} subclass. Credentials are kept
 * private: they never appear in errors, `toString()` or `toJSON()`.
 */
export declare class AtlasClient {
  /** Creates a client; throws {@link AtlasValidationError} for bad options. */
  constructor(options: AtlasClientOptions);
  /** The API origin calls go to, without a trailing slash. */
  readonly baseUrl: string;
  /** Rate-limit figures of the last answer that carried them (a fresh object each read). */
  readonly rateLimit: RateLimitInfo;
  /** `AtlasClient(<baseUrl>)`, without credentials. */
  toString(): string;
  /** `{ baseUrl }`, without credentials. */
  toJSON(): { baseUrl: string };
  /** Releases the WebAssembly memory of the client; it must not be used afterwards. */
  free(): void;
  /** Revokes the service-account token the client obtained, if any. */
  close(): Promise<void>;
  /** Every project, fetching page after page (by number, up to `concurrency` at once); `for await` over it. */
  listProjectsAll(options?: ListAllOptions): AtlasListing<Group>;
  /** Every page of projects; `for await` over it. */
  listProjectsPages(options?: ListAllOptions): AtlasListing<PaginatedGroups>;

  /** One page of the projects the caller can see. */
  listProjects(options?: ListProjectsOptions): Promise<PaginatedGroups>;
  /** A project's maintenance window. */
  getMaintenanceWindow(options: GetMaintenanceWindowOptions): Promise<GroupMaintenanceWindow>;
  /** Creates an organization API key; the answer holds its private key, shown only this once. */
  createApiKey(options: CreateApiKeyOptions): Promise<ApiKeyUserDetails>;
  /** Checks a resource policy set without creating it; a refusal rejects with `errorType` and `invalidPolicies`. */
  validateAtlasResourcePolicy(options: ValidateAtlasResourcePolicyOptions): Promise<ResourcePolicy>;
  /** Issues an X.509 certificate for a database user; resolves to the PEM text (certificate and private key), shown only this once. */
  createDatabaseUserCertificate(options: CreateDatabaseUserCertificateOptions): Promise<string>;
  /** Removes a snapshot export bucket from a project; resolves to `undefined`. */
  deleteExportBucket(options: DeleteExportBucketOptions): Promise<undefined>;
  /** One query limit of a federated database instance. */
  returnFederatedDatabaseQueryLimit(
    options: ReturnFederatedDatabaseQueryLimitOptions,
  ): Promise<DataFederationTenantQueryLimit>;
  /**
   * Every Data Lake ingestion pipeline of a project.
   * @deprecated Atlas retires this operation on its sunset date, 2025-09-30:
   * Data Lake pipelines are gone; export snapshots or use Atlas Data Federation.
   */
  listPipelines(options: ListPipelinesOptions): Promise<DataLakeIngestionPipeline[]>;
  /** Removes an identity provider from federation settings; resolves to `undefined`. */
  deleteIdentityProvider(options: DeleteIdentityProviderOptions): Promise<undefined>;
  /**
   * One legacy backup snapshot of a cluster.
   * @deprecated Legacy backup is retired (no sunset date announced); use the
   * cloud backup snapshot operations.
   */
  getLegacySnapshot(options: GetLegacySnapshotOptions): Promise<BackupSnapshot>;
  /**
   * Changes when a legacy snapshot expires, or keeps it.
   * @deprecated Legacy backup is retired (no sunset date announced); use the
   * cloud backup snapshot operations.
   */
  updateLegacySnapshotRetention(options: UpdateLegacySnapshotRetentionOptions): Promise<BackupSnapshot>;
  /**
   * Replaces the definition of an Atlas Search or Vector Search index.
   * @deprecated Atlas retires this operation on its sunset date, 2027-07-01;
   * use the search index operations under `/search/indexes`.
   */
  updateAtlasSearchIndexDeprecated(
    options: UpdateAtlasSearchIndexDeprecatedOptions,
  ): Promise<ClusterSearchIndex>;
}
