//! Exports for bench/run.mjs: a buffer to write a body into, and the
//! response check of `listProjects` on it (what the package runs on every
//! page before `JSON.parse`).

use atlas_admin_core::ops;
use atlas_admin_core::schema::{stream, Output};

static mut BUF: Vec<u8> = Vec::new();

/// A buffer of `len` bytes for the body; returns its address.
#[no_mangle]
pub extern "C" fn buffer(len: usize) -> *mut u8 {
    // SAFETY: single-threaded wasm; the benchmark calls one export at a time.
    unsafe {
        let buf = &mut *std::ptr::addr_of_mut!(BUF);
        buf.clear();
        buf.resize(len, 0);
        buf.as_mut_ptr()
    }
}

/// Checks the buffer as a `listProjects` answer: 1 when it passes, 0 when not.
#[no_mangle]
pub extern "C" fn check() -> u32 {
    // SAFETY: as above.
    let body = unsafe { &*std::ptr::addr_of!(BUF) };
    let Some(Output::Json(id)) = ops::op("listProjects").map(|d| d.output) else {
        return 0;
    };
    match std::str::from_utf8(body) {
        Ok(text) => u32::from(stream::check_response(text, id).is_ok()),
        Err(_) => 0,
    }
}
