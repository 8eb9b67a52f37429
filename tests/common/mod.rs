//! Helpers shared by the integration tests. Each test crate uses a part of them, so
//! what one leaves unused is not dead.
#[allow(dead_code)]
pub mod drive;
#[allow(dead_code)]
pub mod gen;
#[allow(dead_code)]
pub mod inbox;
#[allow(dead_code)]
pub mod publish;
#[allow(dead_code)]
pub mod screen;
#[allow(dead_code)]
pub mod tempdir;
#[allow(dead_code)]
pub mod wild;
#[allow(dead_code)]
pub mod xlsx;
