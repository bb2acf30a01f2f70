//! What the index pages read: the methodology and the published scores.
use crate::core::port::PortError;
use crate::index::model::{
    Edition, IndicatorScore, Methodology, PeriodRange, ScoreTable, SeriesPoint,
};
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
pub trait IndexPort: Send + Sync + 'static {
    /// The methodology in force, if one has been adopted.
    async fn methodology(&self) -> Result<Option<Arc<Methodology>>, PortError>;
    /// Every area's scores for one period (cached: the city index page reads this).
    async fn scores(
        &self,
        edition: Edition,
        period: &str,
    ) -> Result<Option<Arc<ScoreTable>>, PortError>;
    /// The first and last published period of an edition. For the monthly edition the
    /// last is the latest month with monthly observations (a month in progress has
    /// daily data only).
    async fn periods(&self, edition: Edition) -> Result<Option<PeriodRange>, PortError>;
    /// An area's scores from `from` to `to` inclusive, oldest first.
    async fn series(
        &self,
        area: &str,
        edition: Edition,
        from: &str,
        to: &str,
    ) -> Result<Vec<SeriesPoint>, PortError>;
    /// A street's indicators for one period, as scored.
    async fn indicators(
        &self,
        street: &str,
        edition: Edition,
        period: &str,
    ) -> Result<Vec<IndicatorScore>, PortError>;
}
