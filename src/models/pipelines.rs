//! Data Lake ingestion pipelines: where they read from (a `type`-tagged source),
//! where they write to (a `type`-tagged sink) and how they shape the data.

use serde::{Deserialize, Serialize};

use super::wire::{tagged_union, Object};

/// Known values of [`DataLakeIngestionPipeline::state`].
pub const PIPELINE_STATE_VALUES: &[&str] = &["ACTIVE", "PAUSED"];
/// Known values of [`DatasetRetentionPolicy::units`].
pub const RETENTION_UNITS_VALUES: &[&str] = &["DAYS", "WEEKS", "MONTHS"];
/// Known values of [`FieldTransformation::type`].
pub const FIELD_TRANSFORMATION_TYPE_VALUES: &[&str] = &["EXCLUDE"];
/// Known values of [`DlsIngestionSink::metadata_provider`].
pub const METADATA_PROVIDER_VALUES: &[&str] = &["AWS"];

/// An ingestion pipeline that copies snapshot data into Data Lake storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataLakeIngestionPipeline {
    /// The pipeline's 24-hex-digit id.
    #[serde(rename = "_id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the pipeline was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<String>,
    /// How long ingested datasets are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset_retention_policy: Option<DatasetRetentionPolicy>,
    /// Id of the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// When the pipeline was last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_date: Option<String>,
    /// Name of the pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where ingested data is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sink: Option<IngestionSink>,
    /// Where data is read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<IngestionSource>,
    /// Whether the pipeline runs; see [`PIPELINE_STATE_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Changes applied to documents while ingesting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transformations: Option<Vec<FieldTransformation>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// How long a pipeline keeps its datasets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetRetentionPolicy {
    /// When the policy was last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    /// Unit of `value`; see [`RETENTION_UNITS_VALUES`].
    pub units: String,
    /// Number of `units` to keep a dataset (at least 1).
    pub value: i32,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// One change applied to each document during ingestion.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldTransformation {
    /// The field the change applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The change; see [`FIELD_TRANSFORMATION_TYPE_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

tagged_union! {
    /// Where a pipeline reads its data, told apart by `type`.
    IngestionSource, INGESTION_SOURCE_TYPE_VALUES, "ingestion source" {
        /// Snapshots taken on demand (`ON_DEMAND_CPS`).
        "ON_DEMAND_CPS" => OnDemandCps(OnDemandCpsSnapshotSource),
        /// Snapshots taken on a backup schedule (`PERIODIC_CPS`).
        "PERIODIC_CPS" => PeriodicCps(PeriodicCpsSnapshotSource),
    }
}

/// A source that ingests on-demand cloud backup snapshots of a collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnDemandCpsSnapshotSource {
    /// Cluster whose snapshots are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// Collection to ingest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_name: Option<String>,
    /// Database of that collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_name: Option<String>,
    /// Id of the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// A source that ingests scheduled cloud backup snapshots of a collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodicCpsSnapshotSource {
    /// Cluster whose snapshots are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// Collection to ingest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_name: Option<String>,
    /// Database of that collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_name: Option<String>,
    /// Id of the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Id of the backup policy item whose snapshots are used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_item_id: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

tagged_union! {
    /// Where a pipeline writes its data, told apart by `type`.
    IngestionSink, INGESTION_SINK_TYPE_VALUES, "ingestion sink" {
        /// Atlas Data Lake storage (`DLS`).
        "DLS" => Dls(DlsIngestionSink),
    }
}

/// A sink that writes into Atlas Data Lake storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DlsIngestionSink {
    /// Cloud provider holding the dataset metadata; see [`METADATA_PROVIDER_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_provider: Option<String>,
    /// Provider region holding the dataset metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_region: Option<String>,
    /// Fields the dataset is partitioned by, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_fields: Option<Vec<PartitionField>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// One field a dataset is partitioned by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartitionField {
    /// Document field name (at most 700 characters).
    pub field_name: String,
    /// Position of this field among the partition fields, from 0.
    pub order: i32,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::test_support::*;
    use serde_json::json;

    #[test]
    fn spec_examples_round_trip_with_every_field_named() {
        let Some(spec) = spec() else { return };
        let p: DataLakeIngestionPipeline = round_trip(&example(
            &spec,
            schema(&spec, "DataLakeIngestionPipeline"),
            Side::Response,
        ));
        assert!(p.extra.is_empty());
        assert!(p.dataset_retention_policy.unwrap().extra.is_empty());
        assert!(p.transformations.unwrap()[0].extra.is_empty());
        // A list response is an array of pipelines.
        let list = json!([example(
            &spec,
            schema(&spec, "DataLakeIngestionPipeline"),
            Side::Response
        )]);
        let _: Vec<DataLakeIngestionPipeline> = round_trip(&list);

        let mut on_demand = example(
            &spec,
            schema(&spec, "OnDemandCpsSnapshotSource"),
            Side::Response,
        );
        on_demand["type"] = json!("ON_DEMAND_CPS");
        match round_trip::<IngestionSource>(&on_demand) {
            IngestionSource::OnDemandCps(s) => assert!(s.extra.is_empty()),
            other => panic!("{other:?}"),
        }
        let periodic = example(
            &spec,
            schema(&spec, "PeriodicCpsSnapshotSource"),
            Side::Response,
        );
        assert_eq!(periodic["type"], "PERIODIC_CPS");
        match round_trip::<IngestionSource>(&periodic) {
            IngestionSource::PeriodicCps(s) => assert!(s.extra.is_empty()),
            other => panic!("{other:?}"),
        }
        let sink = example(&spec, schema(&spec, "DLSIngestionSink"), Side::Response);
        match round_trip::<IngestionSink>(&sink) {
            IngestionSink::Dls(s) => {
                assert!(s.extra.is_empty());
                assert!(s.partition_fields.unwrap()[0].extra.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_source_and_sink_kinds_survive_whole() {
        let v = json!({"_id": "32b6e34b3d91647abb20e7b8", "state": "DRAINING",
            "source": {"type": "STREAM", "streamName": "s", "clusterName": 5},
            "sink": {"metadataRegion": "US_EAST_1"},
            "transformations": [{"field": "f", "type": "MASK"}]});
        let p: DataLakeIngestionPipeline = round_trip(&v);
        let src = p.source.unwrap();
        assert_eq!(src.kind(), Some("STREAM"));
        assert!(matches!(src, IngestionSource::Other(ref m) if m["streamName"] == "s"));
        // A sink without `type` is kept too.
        assert!(matches!(p.sink, Some(IngestionSink::Other(_))));
        assert_eq!(p.sink.unwrap().kind(), None);
        assert_eq!(
            INGESTION_SOURCE_TYPE_VALUES,
            ["ON_DEMAND_CPS", "PERIODIC_CPS"]
        );
    }

    #[test]
    fn known_kind_with_wrong_field_type_fails_naming_the_path() {
        let v = json!([{"source": {"type": "PERIODIC_CPS", "policyItemId": 7}}]);
        let (path, msg) = decode_error::<Vec<DataLakeIngestionPipeline>>(&v);
        assert_eq!(path, "[0].source");
        assert!(
            msg.contains("`PERIODIC_CPS` ingestion source at `policyItemId`"),
            "{msg}"
        );
        let v =
            json!({"sink": {"type": "DLS", "partitionFields": [{"fieldName": "a", "order": "1"}]}});
        let (path, msg) = decode_error::<DataLakeIngestionPipeline>(&v);
        assert_eq!(path, "sink");
        assert!(msg.contains("at `partitionFields[0].order`"), "{msg}");
    }
}
