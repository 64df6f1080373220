pub mod clipboard;
pub mod clock;
pub mod crash;
pub mod download;
pub mod network;
pub mod scroll;
pub mod service_worker;
pub mod startup;
