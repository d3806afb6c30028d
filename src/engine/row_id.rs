//! [`RowId`], how the engine addresses a row of its input: the side plus the index into the slice of rows
//! passed to `engine::reconcile` for that side. Its own file so that the report (`engine::outcome`) and its
//! compact lists of rows (`engine::compact`) can both build on it.

use serde::{Deserialize, Serialize};

use crate::model::Side;

/// A row of the input: side + index into that side's slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RowId {
    pub side: Side,
    pub index: u32,
}

impl RowId {
    pub fn terminal(index: usize) -> RowId {
        RowId {
            side: Side::Terminal,
            index: index as u32,
        }
    }
    pub fn bank(index: usize) -> RowId {
        RowId {
            side: Side::Bank,
            index: index as u32,
        }
    }
}
