pub mod copy_link;
pub mod survey_draft;
