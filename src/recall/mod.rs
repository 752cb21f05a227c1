//! Recall.ai's API: its HTTP statuses, the `code` and `detail` of its error bodies, bot status
//! codes and their sub-codes, and bot log codes.
//!
//! Recall.ai adds codes without notice: every enum here is `#[non_exhaustive]`.

#[allow(deprecated)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/recall.rs"));
}
pub use generated::*;
