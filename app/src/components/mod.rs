//! Building blocks shared by pages.
pub mod area_list;
pub mod bottom_nav;
pub mod icons;
pub mod index_parts;
pub mod layout;
pub mod status;
pub mod survey_form;

pub use layout::Layout;
pub use status::{set_status, ErrorView, NotFoundView};
