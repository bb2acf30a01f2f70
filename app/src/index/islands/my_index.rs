//! "My index" (as in the OECD Better Life Index): the resident sets how much each of
//! the 14 areas matters (0–10) and sees the subdistricts ranked by those weights. On the
//! server it renders a GET form whose submission re-ranks on the server; once hydrated
//! it re-ranks in the browser as the sliders move.
use crate::core::i18n::{Lang, Msg};
use crate::index::api::MyIndexStreet;
use crate::index::components::parts::GradeBadge;
use crate::index::model::show;
use crate::index::rules::ranking::reweight;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The streets ranked by `weights`, best first; streets without a score last.
pub fn rank_by(
    streets: &[MyIndexStreet],
    weights: &BTreeMap<String, f64>,
) -> Vec<(Option<f64>, MyIndexStreet)> {
    let mut out: Vec<(Option<f64>, MyIndexStreet)> =
        streets.iter().map(|s| (reweight(&s.dimensions, weights), s.clone())).collect();
    out.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.1.code.cmp(&b.1.code)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.code.cmp(&b.1.code),
    });
    out
}

/// Weights from `w_<code>=n` query pairs, clamped to 0–10; others keep `defaults`.
pub fn weights_from_query(
    defaults: &BTreeMap<String, f64>,
    query: &[(String, String)],
) -> BTreeMap<String, f64> {
    let mut w = defaults.clone();
    for (k, v) in query {
        if let (Some(code), Ok(n)) = (k.strip_prefix("w_"), v.trim().parse::<f64>()) {
            if let Some(slot) = w.get_mut(code) {
                if n.is_finite() {
                    *slot = n.clamp(0.0, 10.0).round();
                }
            }
        }
    }
    w
}

#[island]
pub fn MyIndex(
    lang: Lang,
    dimensions: Vec<(String, String)>,
    defaults: BTreeMap<String, f64>,
    initial: BTreeMap<String, f64>,
    streets: Vec<MyIndexStreet>,
) -> impl IntoView {
    let (weights, set_weights) = signal(initial);
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    let streets = StoredValue::new(streets);
    let ranked = Memo::new(move |_| weights.with(|w| streets.with_value(|s| rank_by(s, w))));
    let sliders = dimensions
        .into_iter()
        .map(|(code, name)| {
            let id = format!("w-{code}");
            let out_id = format!("w-{code}-out");
            let c1 = code.clone();
            let c2 = code.clone();
            let c3 = code.clone();
            let c4 = code.clone();
            let value = move || weights.with(|w| w.get(&c1).copied().unwrap_or(0.0));
            let shown = move || weights.with(|w| w.get(&c4).copied().unwrap_or(0.0));
            view! {
                <div class="slider">
                    <label for=id.clone()>{name.clone()}</label>
                    <input id=id type="range" min="0" max="10" step="1" name=format!("w_{code}")
                        prop:value=move || value().to_string()
                        aria-valuetext=move || weights.with(|w| w.get(&c2).copied().unwrap_or(0.0)).to_string()
                        on:input=move |ev| {
                            let n = event_target_value(&ev).parse::<f64>().unwrap_or(0.0);
                            set_weights.update(|w| { w.insert(c3.clone(), n); });
                        }/>
                    <output id=out_id for=format!("w-{code}") aria-hidden="true">{move || shown().to_string()}</output>
                </div>
            }
        })
        .collect_view();
    let status = move || {
        let r = ranked.get();
        match r.first() {
            Some((Some(_), s)) => lang.fmt(Msg::IndexMineLive, &[("first", &s.name)]),
            _ => lang.t(Msg::IndexMineAllZero).to_string(),
        }
    };
    let list = move || {
        ranked
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (score, s))| {
                let position = score.map(|_| (i + 1).to_string()).unwrap_or_else(|| "–".into());
                view! {
                    <li class="rank-row" data-code=s.code.clone()>
                        <span class="rank-no" aria-hidden="true">{position.clone()}</span>
                        <div class="rank-main">
                            <a class="rank-name" href=format!("/index/area/{}", s.code)>
                                <span class="visually-hidden">{lang.fmt(Msg::IndexRank, &[("rank", &position)])}" "</span>
                                {s.name.clone()}
                            </a>
                            <p class="rank-meta">{s.district.clone()}" · "{lang.fmt(Msg::IndexMineOfficial, &[("score", &s.official.map(show).unwrap_or_else(|| "–".into()))])}</p>
                        </div>
                        <GradeBadge lang score/>
                    </li>
                }
            })
            .collect_view()
    };
    let reset_href = "/index/mine";
    let _ = defaults;
    view! {
        <form class="card my-index-form" method="get" action="/index/mine" data-live=move || live.get().then_some("true")>
            <fieldset>
                <legend class="visually-hidden">{lang.t(Msg::IndexMineTitle)}</legend>
                {sliders}
            </fieldset>
            <p class="link-row">
                <button type="submit" class="button">{lang.t(Msg::IndexMineApply)}</button>
                <a class="button button-secondary" href=reset_href>{lang.t(Msg::IndexMineReset)}</a>
            </p>
        </form>
        <section aria-labelledby="mine-result-h">
            <h2 id="mine-result-h" class="section-title">{lang.t(Msg::IndexMineResult)}</h2>
            <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
            <ol class="rank-list" id="my-ranking">{list}</ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn street(code: &str, a: f64, b: f64) -> MyIndexStreet {
        MyIndexStreet {
            code: code.into(),
            name: code.into(),
            district: String::new(),
            official: None,
            dimensions: [("a".to_string(), Some(a)), ("b".to_string(), Some(b))].into(),
        }
    }

    #[test]
    fn weights_change_the_order() {
        let streets = [street("x", 90.0, 60.0), street("y", 70.0, 85.0)];
        let w = |a: f64, b: f64| BTreeMap::from([("a".to_string(), a), ("b".to_string(), b)]);
        assert_eq!(rank_by(&streets, &w(10.0, 0.0))[0].1.code, "x");
        assert_eq!(rank_by(&streets, &w(0.0, 10.0))[0].1.code, "y");
        assert!(rank_by(&streets, &w(0.0, 0.0)).iter().all(|(s, _)| s.is_none()));
    }

    #[test]
    fn query_weights_are_clamped_and_unknown_ones_ignored() {
        let defaults = BTreeMap::from([("a".to_string(), 5.0), ("b".to_string(), 7.0)]);
        let q = |k: &str, v: &str| (k.to_string(), v.to_string());
        let w = weights_from_query(
            &defaults,
            &[q("w_a", "12"), q("w_b", "-3"), q("w_c", "4"), q("x", "1")],
        );
        assert_eq!(w, BTreeMap::from([("a".to_string(), 10.0), ("b".to_string(), 0.0)]));
        let w = weights_from_query(&defaults, &[q("w_a", "abc"), q("w_b", "3.4")]);
        assert_eq!(w, BTreeMap::from([("a".to_string(), 5.0), ("b".to_string(), 3.0)]));
    }
}
