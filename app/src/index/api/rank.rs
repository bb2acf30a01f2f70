//! Ranking areas for the index pages: the score tables a period needs and each area's
//! rank, change and flags, names in the visitor's language.
use super::RankedArea;
use crate::core::areas::{Area, AreaTree, Level};
use crate::core::error::AppError;
use crate::core::i18n::Lang;
use crate::index::model::{Edition, ScoreTable};
use crate::index::port::IndexPort;
use crate::index::rules::periods::previous_period;
use crate::index::rules::ranking::ranks;
use crate::index::rules::scoring::escalated;
use std::sync::Arc;

/// The tables a ranking needs: the period, the one before (for the change) and, for
/// the daily edition, the one before that (three red days make 挂牌督办).
pub struct Tables {
    pub now: Arc<ScoreTable>,
    pub before: Option<Arc<ScoreTable>>,
    pub two_before: Option<Arc<ScoreTable>>,
}

/// The tables of `period`; `None` when nothing is published for it.
pub async fn tables(
    port: &Arc<dyn IndexPort>,
    edition: Edition,
    period: &str,
) -> Result<Option<Tables>, AppError> {
    let Some(now) = port.scores(edition, period).await? else { return Ok(None) };
    let p1 = previous_period(edition, period).unwrap_or_default();
    let before = port.scores(edition, &p1).await?;
    let two_before = match edition {
        Edition::Daily => {
            let p2 = previous_period(edition, &p1).unwrap_or_default();
            port.scores(edition, &p2).await?
        }
        Edition::Monthly => None,
    };
    Ok(Some(Tables { now, before, two_before }))
}

fn score(t: Option<&ScoreTable>, code: &str) -> Option<f64> {
    t.and_then(|t| t.get(code)).and_then(|r| r.score)
}

/// The areas of `level` ranked in the tables' period, best first, each with its change
/// since the period before and its flags.
pub fn rank_level(lang: Lang, tree: &AreaTree, level: Level, t: &Tables) -> Vec<RankedArea> {
    let areas: Vec<&Area> = tree.all().iter().filter(|a| a.level == level).collect();
    let rank = ranks(areas.iter().map(|a| (a.code.as_str(), score(Some(&t.now), &a.code))));
    let mut out: Vec<RankedArea> = areas
        .iter()
        .filter_map(|a| {
            let row = t.now.get(&a.code)?;
            let parent = a
                .parent_code
                .as_deref()
                .and_then(|p| tree.get(p))
                .filter(|p| p.level != Level::City);
            let supervised = t.now.edition == Edition::Daily
                && escalated(&[
                    score(t.two_before.as_deref(), &a.code),
                    score(t.before.as_deref(), &a.code),
                    row.score,
                ]);
            Some(RankedArea {
                code: a.code.clone(),
                name: a.name(lang).to_string(),
                parent: parent.map(|p| p.name(lang).to_string()).unwrap_or_default(),
                parent_code: parent.map(|p| p.code.clone()).unwrap_or_default(),
                score: row.score,
                rank: rank.get(a.code.as_str()).copied(),
                change: row.score.zip(score(t.before.as_deref(), &a.code)).map(|(x, y)| x - y),
                warning: row.warning,
                supervised,
            })
        })
        .collect();
    out.sort_by(|a, b| match (a.rank, b.rank) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.code.cmp(&b.code)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.code.cmp(&b.code),
    });
    out
}
