//! The one integration test binary (one link step on a 2-core machine).

mod bin;
mod cli;
mod config;
mod differential;
mod fixtures;
mod flags;
mod formats;
mod integration;
mod pieces;
mod precommit;
mod robust;
mod robust_config;
mod robust_formats;
mod robust_fs;
mod robust_hostile;
mod robust_props;
mod rules;
mod sarif;
mod support;
mod suppress;
mod versions;
mod whole_api;
