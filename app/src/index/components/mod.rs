pub mod area_sections;
pub mod parts;
