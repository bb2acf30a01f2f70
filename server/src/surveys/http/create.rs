//! `POST /staff/surveys/new` (a consultation's draft) and `POST /staff/surveys/monthly`
//! (the city's survey for a month, from the template).
use crate::surveys::error::SurveyError;
use crate::surveys::service::manage::{self, Created};
use crate::web::extract::Staff;
use crate::web::reply::{first, see_other, Pairs};
use crate::web::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::Form;

fn created(outcome: Created) -> Response {
    match outcome {
        Created::Yes(id) => {
            see_other(&format!("/staff/surveys/{id}?notice=survey_created"), vec![])
        }
        Created::BadTitle => see_other("/staff/surveys?error=survey_title#new-h", vec![]),
        Created::BadMonth => see_other("/staff/surveys?error=survey_month", vec![]),
        Created::MonthTaken => see_other("/staff/surveys?error=survey_month_taken", vec![]),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Staff(me): Staff,
    Form(pairs): Pairs,
) -> Result<Response, SurveyError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let (area, title) = (first(&pairs, "area"), first(&pairs, "title"));
    Ok(created(manage::create(&state.db, tree, &me, area, title).await?))
}

pub async fn create_monthly(
    State(state): State<AppState>,
    Staff(me): Staff,
    Form(pairs): Pairs,
) -> Result<Response, SurveyError> {
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    Ok(created(manage::create_monthly(&state.db, tree, &me, first(&pairs, "month")).await?))
}
