//! Reading the files banks and acquirers export into `Vec<Txn>`.

pub mod mt940;
pub mod ofx;
pub mod parse;
pub mod statement;
