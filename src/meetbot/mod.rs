//! meetbot's job failure codes, carried by `job.failed` webhooks: billing, retry class,
//! recommended action and handling group of each.

#[allow(deprecated)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/meetbot.rs"));
}
pub use generated::*;
