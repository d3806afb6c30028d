//! Reading the files banks and acquirers export into `Vec<Txn>`.
