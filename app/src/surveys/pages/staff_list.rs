//! `/staff/surveys`: the surveys of the member's area, and the forms that start new ones.
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::surveys::api::{load_staff_surveys, StaffSurveys};
use crate::surveys::components::card::SurveyCard;
use crate::ui::notices::Banner;
use crate::ui::outcome::outcome;
use crate::ui::staff::{title, StaffBar};
use crate::ui::title::Title;
use crate::ui::Layout;
use leptos::prelude::*;

#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_staff_surveys());
    let body = move || {
        Suspend::new(async move {
            outcome(data.await, move |d| view! { <StaffSurveysView lang data=d/> })
        })
    };
    view! {
        <Title text=title(lang, Msg::StaffSurveysTitle)/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::StaffSurveysTitle)}</h1>
            <StaffBar lang/>
            <Banner lang/>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn StaffSurveysView(lang: Lang, data: StaffSurveys) -> impl IntoView {
    let StaffSurveys { surveys, monthly, next_month, month_warning, areas } = data;
    let options =
        areas.into_iter().map(|(c, l)| view! { <option value=c>{l}</option> }).collect_view();
    let items = surveys
        .into_iter()
        .map(|i| {
            let href = format!("/staff/surveys/{}", i.id);
            view! { <SurveyCard lang item=i href staff=true/> }
        })
        .collect_view();
    view! {
        {monthly.then(|| view! {
            <section class="card" aria-labelledby="monthly-h">
                <h2 id="monthly-h">{lang.t(Msg::StaffSurveyMonthly)}</h2>
                <p class="hint">{lang.t(Msg::StaffSurveyMonthlyHint)}</p>
                {month_warning.map(|w| view! { <p class="alert" id="month-warning">{w}</p> })}
                <form method="post" action="/staff/surveys/monthly" class="form form-inline">
                    <div class="form-field">
                        <label for="month">{lang.t(Msg::StaffSurveyMonth)}</label>
                        <input id="month" name="month" type="month" value=next_month required/>
                    </div>
                    <button type="submit" class="button">{lang.t(Msg::StaffSurveyFromTemplate)}</button>
                </form>
            </section>
        })}
        <section class="card" aria-labelledby="new-h">
            <h2 id="new-h">{lang.t(Msg::StaffSurveyNew)}</h2>
            <form method="post" action="/staff/surveys/new" class="form">
                <div class="form-field">
                    <label for="new-title">{lang.t(Msg::StaffSurveyTitleField)}</label>
                    <input id="new-title" name="title" type="text" maxlength=crate::surveys::rules::editor::MAX_SURVEY_TITLE.to_string() required/>
                </div>
                <div class="form-field">
                    <label for="new-area">{lang.t(Msg::StaffSurveyAreaField)}</label>
                    <select id="new-area" name="area">{options}</select>
                </div>
                <button type="submit" class="button">{lang.t(Msg::StaffSurveyCreate)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="list-h">
            <h2 id="list-h">{lang.t(Msg::StaffSurveyList)}</h2>
            <ul class="survey-list">{items}</ul>
        </section>
    }
}
