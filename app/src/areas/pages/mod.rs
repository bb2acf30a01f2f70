pub mod areas;

pub use areas::{AreaDetailPage, AreaPickerPage};
