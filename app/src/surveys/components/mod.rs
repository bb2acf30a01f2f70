//! Pieces the survey pages share.
pub mod answer_parts;
pub mod card;
pub mod mine;
pub mod numbering;
pub mod question_editor;
pub mod results;
pub mod staff_todo;
pub mod survey_form;
