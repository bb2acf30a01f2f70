//! One survey in a list, and the words for its kind and status.
use crate::core::i18n::{Lang, Msg};
use crate::core::time::{china_time, deadline, now};
use crate::surveys::api::SurveyItem;
use crate::surveys::model::{SurveyKind, SurveyStatus};
use leptos::prelude::*;

pub fn kind_name(kind: SurveyKind) -> Msg {
    match kind {
        SurveyKind::CityMonthly => Msg::SurveyCityMonthly,
        SurveyKind::Community => Msg::SurveyConsultation,
    }
}

pub fn status_name(status: SurveyStatus) -> Msg {
    match status {
        SurveyStatus::Draft => Msg::SurveyStatusDraft,
        SurveyStatus::Published => Msg::SurveyStatusPublished,
        SurveyStatus::Closed => Msg::SurveyStatusClosed,
    }
}

/// One survey in a list: title, who it is for, until when.
#[component]
pub fn SurveyCard(
    lang: Lang,
    item: SurveyItem,
    href: String,
    #[prop(optional)] staff: bool,
) -> impl IntoView {
    let status = lang.t(status_name(item.status));
    let now = now();
    // Staff are told which open surveys have less than three days left.
    let soon = staff
        && item.status == SurveyStatus::Published
        && now < item.closes_at
        && item.closes_at - now < 3 * 86_400;
    view! {
        <li class="survey-card">
            <a href=href>
                <span class="survey-card-title">
                    {item.title.clone()}
                    {item.taken_part.then(|| view! { " "<span class="badge badge-done">{lang.t(Msg::SurveyTakenPart)}</span> })}
                    {soon.then(|| view! { " "<span class="badge badge-soon">{lang.t(Msg::StaffClosingSoon)}</span> })}
                </span>
                <span class="survey-card-meta">{format!("{} · {}", lang.t(kind_name(item.kind)), item.area_label)}</span>
                <span class="survey-card-meta">
                    {match item.status {
                        SurveyStatus::Closed => lang.fmt(Msg::SurveyUntil, &[("time", &china_time(item.closes_at))]),
                        _ => deadline(lang, item.closes_at, now),
                    }}
                    {staff.then(|| view! {
                        " · "<span class="nowrap">{status}</span>
                        " · "<span class="nowrap">{lang.fmt(Msg::SurveyResponsesN, &[("n", &item.responses.to_string())])}</span>
                    })}
                </span>
            </a>
        </li>
    }
}
