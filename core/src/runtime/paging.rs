//! Auto-pagination decisions. Pages are addressed by number (`pageNum`), so
//! later pages can be fetched in parallel and no link from a response is ever
//! followed: credentials only go to the client's own base URL.

/// Option keys of `listProjectsAll` / `listProjectsPages`.
pub const PAGING_FIELDS: &[&str] = &[
    "itemsPerPage",
    "concurrency",
    "onProgress",
    "signal",
    "timeoutMs",
];

/// Page size used when the caller gives none: the API's maximum, fewest round trips.
pub const DEFAULT_PAGE_SIZE: i64 = 500;

/// Whether a listing goes on after a page: only a full page that names a
/// `next` link does. `totalCount` is an estimate and is never consulted.
pub fn has_more(items_on_page: usize, page_size: i64, has_next_link: bool) -> bool {
    has_next_link && i64::try_from(items_on_page).is_ok_and(|n| n >= page_size)
}

/// Checks `concurrency` (1–16; default 1).
pub fn concurrency(v: Option<f64>) -> Result<u32, crate::validate::ValidationError> {
    match v {
        None => Ok(1),
        Some(c) if c.fract() == 0.0 && (1.0..=16.0).contains(&c) => Ok(c as u32),
        Some(_) => Err(crate::validate::ValidationError::new(
            "concurrency",
            "must be an integer between 1 and 16",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_on_short_page_or_missing_next() {
        assert!(has_more(500, 500, true));
        assert!(!has_more(499, 500, true));
        assert!(!has_more(500, 500, false));
        assert!(!has_more(0, 500, true));
    }

    #[test]
    fn concurrency_bounds() {
        assert_eq!(concurrency(None).unwrap(), 1);
        assert_eq!(concurrency(Some(4.0)).unwrap(), 4);
        for bad in [0.0, 17.0, 1.5, f64::NAN, -1.0] {
            assert!(concurrency(Some(bad)).is_err());
        }
    }
}
