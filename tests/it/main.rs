//! The one integration test binary (one link step on a 2-core machine).

mod bin;
mod cli;
mod config;
mod differential;
mod docs;
mod fix;
mod fixtures;
mod flags;
mod formats;
mod integration;
mod lints;
mod pieces;
mod precommit;
mod release;
mod robust;
mod robust_config;
mod robust_fs;
mod robust_props;
mod rules;
mod sarif;
mod server;
mod support;
mod suppress;
mod versions;
mod walk;
mod whole_api;
