//! The one integration test binary (one link step on a 2-core machine).

mod cli;
mod differential;
mod fixtures;
mod rules;
mod support;
