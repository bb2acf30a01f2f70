//! `/index/methodology`: how the index is calculated, in plain words, with every
//! dimension and indicator of the methodology in force (its source, goalposts, weight).
use crate::core::i18n::{Lang, Msg};
use crate::core::prefs::use_lang;
use crate::index::api::load_methodology;
use crate::index::model::{Edition, Frequency, Methodology, Unit};
use crate::ui::title::Title;
use crate::ui::{ErrorView, Layout, NotFoundView};
use leptos::prelude::*;

/// A number as people write it: no trailing zeros (0.5, 100, 0.005).
fn num(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[component]
pub fn MethodologyPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| load_methodology());
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(Some(m)) => view! { <MethodologyBody lang m/> }.into_any(),
                Ok(None) => view! { <NotFoundView/> }.into_any(),
                Err(_) => view! { <ErrorView/> }.into_any(),
            }
        })
    };
    let steps = [
        Msg::MethodStep1,
        Msg::MethodStep2,
        Msg::MethodStep3,
        Msg::MethodStep4,
        Msg::MethodStep5,
        Msg::MethodStep6,
    ];
    view! {
        <Title text=format!("{} · {}", lang.t(Msg::MethodTitle), lang.t(Msg::AppName))/>
        <Layout>
            <h1 class="page-title">{lang.t(Msg::MethodTitle)}</h1>
            <p class="lead">{lang.t(Msg::MethodIntro)}</p>
            <section class="card" aria-labelledby="steps-h">
                <h2 id="steps-h">{lang.t(Msg::MethodStepsTitle)}</h2>
                <ol class="steps">{steps.into_iter().enumerate().map(|(i, s)| view! { <li id=format!("step-{}", i + 1)>{lang.t(s)}</li> }).collect_view()}</ol>
            </section>
            <Suspense fallback=|| ()>{body}</Suspense>
        </Layout>
    }
}

#[component]
fn MethodologyBody(lang: Lang, m: Methodology) -> impl IntoView {
    let daily: Vec<String> = m.dimensions_in(Edition::Daily).map(|d| d.code.clone()).collect();
    let dims = m.dimensions.iter().map(|d| {
        let in_daily = daily.contains(&d.code);
        let indicators = m.indicators.iter().filter(|i| i.dimension == d.code).map(|i| {
            let unit = match i.unit {
                Unit::Rate => format!(" {}", lang.t(Msg::MethodPer10k)),
                Unit::Value => String::new(),
            };
            let goalposts = lang.fmt(
                Msg::MethodGoalposts,
                &[("best", &format!("{}{unit}", num(i.best))), ("worst", &format!("{}{unit}", num(i.worst)))],
            );
            let freq = match i.frequency {
                Frequency::Daily => lang.t(Msg::MethodDaily),
                Frequency::Monthly => lang.t(Msg::MethodMonthly),
            };
            view! {
                <li class="indicator">
                    <h4>{lang.pick(&i.name_zh, &i.name_en).to_string()}</h4>
                    <p class="link-meta">{freq}" · "{lang.fmt(Msg::MethodWeight, &[("weight", &num(i.weight))])}</p>
                    <p>{goalposts}</p>
                    <p class="link-meta">{lang.t(Msg::MethodSource)}{lang.t(Msg::CommonLabelSep)}{lang.pick(&i.source_zh, &i.source_en).to_string()}</p>
                </li>
            }
        }).collect_view();
        view! {
            <section class="card dimension" aria-labelledby=format!("dim-{}", d.code)>
                <h3 id=format!("dim-{}", d.code)>
                    {lang.pick(&d.name_zh, &d.name_en).to_string()}" "
                    <span class="badge badge-level">{lang.fmt(Msg::MethodWeight, &[("weight", &num(d.weight))])}</span>
                </h3>
                <p class="link-meta">{if in_daily { lang.t(Msg::MethodInDaily) } else { lang.t(Msg::MethodMonthlyOnly) }}</p>
                <ul class="indicators">{indicators}</ul>
            </section>
        }
    }).collect_view();
    view! {
        <h2 class="section-title">{lang.t(Msg::MethodDimensionsTitle)}</h2>
        <p class="hint">{lang.fmt(Msg::MethodVersion, &[("version", &m.version)])}" · "<a href="/api/v1/methodology">"JSON"</a>" · "<a href="/api/v1/methodology?format=csv">"CSV"</a></p>
        {dims}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(super::num(100.0), "100");
        assert_eq!(super::num(0.5), "0.5");
        assert_eq!(super::num(0.005), "0.005");
        assert_eq!(super::num(1.2), "1.2");
    }
}
