//! Domain engines: pure functions over plain data. No I/O, no framework types.
pub mod area_import;
pub mod csv_import;
pub mod demo_city;
pub mod demo_observations;
pub mod index;
pub mod observation_import;
pub mod roll_import;
pub mod survey_feed;
