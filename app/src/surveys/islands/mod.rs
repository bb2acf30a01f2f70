pub mod survey_draft;
