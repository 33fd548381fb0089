//! A project's maintenance window, in the stable and the preview response shape.

use serde::{Deserialize, Serialize};

use super::wire::Object;

/// When Atlas may run maintenance on a project's clusters. The preview media
/// type adds the wave fields; they are simply absent in the stable one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMaintenanceWindow {
    /// Whether each newly scheduled maintenance is deferred once automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_defer_once_enabled: Option<bool>,
    /// Day of the week, 1 (Sunday) to 7 (Saturday).
    pub day_of_week: i32,
    /// Hour of the day the window starts, 0–23, in the project's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hour_of_day: Option<i32>,
    /// How many times the pending maintenance has been deferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_deferrals: Option<i32>,
    /// Hours during which Atlas avoids starting maintenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_hours: Option<ProtectedHours>,
    /// Whether maintenance should start as soon as possible.
    #[serde(rename = "startASAP", default, skip_serializing_if = "Option::is_none")]
    pub start_asap: Option<bool>,
    /// The project's time zone id, e.g. `Europe/Paris`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone_id: Option<String>,
    /// Preview only: the maintenance wave (1–3) the project asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wave_assignment: Option<i32>,
    /// Preview only: the maintenance wave (1–3) actually in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_wave_assignment: Option<i32>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// A daily span of hours in which maintenance should not start.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectedHours {
    /// Last protected hour, 0–23.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_hour_of_day: Option<i32>,
    /// First protected hour, 0–23.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_hour_of_day: Option<i32>,
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
    fn stable_and_preview_examples_round_trip_with_every_field_named() {
        let Some(spec) = spec() else { return };
        for name in [
            "GroupMaintenanceWindow",
            "GroupMaintenanceWindowPreviewResponse",
        ] {
            let w: GroupMaintenanceWindow =
                round_trip(&example(&spec, schema(&spec, name), Side::Response));
            assert!(w.extra.is_empty(), "{name}");
            assert!(w.protected_hours.unwrap().extra.is_empty());
        }
    }

    #[test]
    fn preview_fields_and_unknown_fields_survive() {
        let v = json!({"dayOfWeek": 1, "startASAP": false, "waveAssignment": 2,
                       "effectiveWaveAssignment": 3, "somethingNew": "x"});
        let w: GroupMaintenanceWindow = round_trip(&v);
        assert_eq!(w.wave_assignment, Some(2));
        assert_eq!(w.start_asap, Some(false));
        assert_eq!(w.extra.len(), 1);
        assert_eq!(
            decode_error::<GroupMaintenanceWindow>(&json!({"dayOfWeek": "MONDAY"})).0,
            "dayOfWeek"
        );
    }
}
