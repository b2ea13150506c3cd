//! VPC Planner: design private connectivity on AWS. One model (`model`), used by the browser
//! app (`ui`, built for wasm32 only), the native CLI and the tests.

pub mod editor;
pub mod gallery;
pub mod markup;
pub mod model;
pub mod saves;

#[cfg(target_arch = "wasm32")]
pub mod ui;
