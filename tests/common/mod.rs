//! Helpers shared by the integration tests.
pub mod gen;
pub mod screen;
