//! The engine: settlement batches, fixed fees, the one-to-one passes, properties on random shops, the generator's
//! settlement families and ground truth, and the committed sample data.

#[path = "../kit/mod.rs"]
mod kit;

mod batches;
mod fixed_fee;
mod matching;
mod properties;
mod sample_data;
mod settlement_families;
mod truth;
