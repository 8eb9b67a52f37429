//! Helpers shared by the integration tests.
pub mod gen;
pub mod publish;
pub mod screen;
