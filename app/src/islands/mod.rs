//! Islands: the only components that ship to the browser as wasm. Each one also
//! renders complete, working HTML on the server for phones where wasm has not loaded.
pub mod area_search;
pub mod my_index;
pub mod survey_draft;
pub mod upload;
