//! End-to-end programs against `error-taxonomy`: see `examples/` and `tests/`. This library is
//! empty; the package exists so that the programs' dependencies (axum, reqwest, tokio) are
//! compiled for them alone.
