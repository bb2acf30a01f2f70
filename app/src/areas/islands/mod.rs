pub mod area_search;
