//! The gateway against an in-memory chain and the SM-DP+ simulator, in-process, over real
//! mutual TLS on 127.0.0.1. One test binary: each links the runtime, which is slow to link.

mod answers;
mod common;
mod eid;
mod extrinsic;
mod notifications;
mod orders;
mod rpc;
