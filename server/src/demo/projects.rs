//! 民生微实事 in the demo city: a few proposals of 枫林街道's first communities at
//! different steps (collecting supports, at the council, rejected with a reason, on
//! the ballot of a budget round open now or of one closed with its result), so that
//! the 微实事 tab shows the loop on first start. Proposed by nobody's account.
use crate::db::{Db, StoreError};
use crate::projects::store::{events, lists, projects, rounds};
use app::core::access::Role;
use app::core::areas::{AreaTree, Level};
use app::core::time::now;
use app::projects::model::{
    Actor, BallotKind, EventKind, ListKind, ProjectKind, ProjectStatus, TallyRule,
};
use app::projects::rules::proposal::ProposalText;
use app::projects::rules::round::RoundSpec;

struct Demo {
    community: usize,
    title: &'static str,
    description: &'static str,
    kind: ProjectKind,
    cost: i64,
    location: &'static str,
    /// The positive category, or the negative entry of a rejection.
    entry: &'static str,
    supports: i64,
    to: ProjectStatus,
    reason: Option<&'static str>,
}

const DEMOS: [Demo; 10] = [
    Demo { community: 0, title: "楼下公共区域改造为休闲小广场", description: "3 栋楼下的空地长期堆放杂物、雨天积水。建议清理后铺装透水砖，设置座椅和晾晒架，方便老人和孩子休息活动，由楼栋长和志愿者日常维护。", kind: ProjectKind::Works, cost: 180_000, location: "3 栋与 5 栋之间的空地", entry: "p-env", supports: 6, to: ProjectStatus::Accepted, reason: None },
    Demo { community: 0, title: "长者助餐点每周送餐上门", description: "为行动不便的 80 岁以上独居老人每周送餐三次，由社区长者饭堂配餐、志愿者配送，一年约 40 位老人受益。", kind: ProjectKind::Service, cost: 60_000, location: "社区长者饭堂", entry: "p-elderly", supports: 10, to: ProjectStatus::Council, reason: None },
    Demo { community: 0, title: "小区楼道声控灯更换", description: "2 栋、4 栋楼道声控灯坏了半年，晚上上下楼很不安全，希望全部更换为感应灯。", kind: ProjectKind::Goods, cost: 12_000, location: "2 栋、4 栋楼道", entry: "n-property", supports: 0, to: ProjectStatus::Rejected, reason: Some("楼道照明属于物业服务合同约定的维修范围，社区已于本周约谈物业公司，限期两周内完成更换。") },
    Demo { community: 1, title: "“四点半课堂”课后托管", description: "放学后到家长下班前，为双职工家庭的小学生提供作业辅导和阅读活动，每周一至周五，由社工和大学生志愿者负责。", kind: ProjectKind::Service, cost: 45_000, location: "社区党群服务中心二楼活动室", entry: "p-children", supports: 3, to: ProjectStatus::Accepted, reason: None },
    Demo { community: 1, title: "社区微型消防站器材补充", description: "微型消防站的灭火器、水带和防烟面罩已过期，需要补充更新，并组织一次居民消防演练。", kind: ProjectKind::Goods, cost: 30_000, location: "社区微型消防站", entry: "p-safety", supports: 8, to: ProjectStatus::Accepted, reason: None },
    Demo { community: 2, title: "口袋公园座椅与遮阳棚", description: "河边口袋公园没有遮阳的地方，夏天老人孩子无处歇脚。建议加装 4 组座椅和 2 处遮阳棚。", kind: ProjectKind::Works, cost: 150_000, location: "滨河路口袋公园", entry: "p-env", supports: 12, to: ProjectStatus::Council, reason: None },
    Demo { community: 0, title: "中心花园健身器材更新", description: "中心花园的健身器材已使用十年，多处锈蚀松动。建议更换为适老化健身器材，并铺设防滑地垫。", kind: ProjectKind::Goods, cost: 80_000, location: "中心花园健身区", entry: "p-env", supports: 14, to: ProjectStatus::Ballot, reason: None },
    Demo { community: 0, title: "电动自行车集中充电棚", description: "楼道里给电动自行车充电的情况很多，火灾隐患大。建议在 5 栋北侧空地建设带智能断电的集中充电棚。", kind: ProjectKind::Works, cost: 120_000, location: "5 栋北侧空地", entry: "p-safety", supports: 18, to: ProjectStatus::Ballot, reason: None },
    Demo { community: 1, title: "社区图书角扩充", description: "党群服务中心的图书角藏书不多、座位太少。建议增添儿童读物和书架，周末由志愿者开放。", kind: ProjectKind::Goods, cost: 25_000, location: "党群服务中心一楼", entry: "p-children", supports: 11, to: ProjectStatus::Ballot, reason: None },
    Demo { community: 1, title: "老旧楼栋楼道扶手安装", description: "1 至 6 栋没有电梯，楼道没有扶手，老人上下楼容易跌倒。建议每层加装不锈钢扶手。", kind: ProjectKind::Works, cost: 90_000, location: "1 至 6 栋楼道", entry: "p-elderly", supports: 16, to: ProjectStatus::Ballot, reason: None },
];

/// Seeds the demo proposals, once (when no proposal exists yet).
pub async fn seed(db: &Db, tree: &AreaTree) -> Result<usize, StoreError> {
    if !projects::list(db.reader()).await?.is_empty() {
        return Ok(0);
    }
    let communities: Vec<String> =
        tree.descendants("449902002", Level::Community).iter().map(|a| a.code.clone()).collect();
    let negatives = lists::all(db.reader()).await?;
    let start = now() - 20 * 86_400;
    let mut tx = db.begin_write().await?;
    let mut n = 0;
    let mut ballot: Vec<(usize, String)> = Vec::new();
    for (i, d) in DEMOS.iter().enumerate() {
        let Some(community) = communities.get(d.community) else { continue };
        let at = start + i as i64 * 86_400;
        let text = ProposalText {
            title: d.title.into(),
            description: d.description.into(),
            kind: d.kind,
            cost: d.cost,
            location: d.location.into(),
        };
        let id = projects::create(&mut tx, community, "", &text, at).await?;
        let staff = Actor::Staff { role: Role::Committee, area: community.clone() };
        let negative = negatives.iter().find(|e| e.id == d.entry && e.list == ListKind::Negative);
        let (status, event) = match negative {
            Some(_) => (ProjectStatus::Rejected, EventKind::Rejected),
            None => (ProjectStatus::Accepted, EventKind::Accepted),
        };
        let review = projects::Move {
            from: ProjectStatus::Draft,
            to: status,
            category: negative.is_none().then_some(d.entry),
            reason: d.reason,
            negative,
        };
        projects::move_status(&mut tx, &id, review, at + 3_600).await?;
        events::append(&mut tx, &id, at, &Actor::Author, EventKind::Submitted, None, None).await?;
        events::append(&mut tx, &id, at + 86_400, &staff, event, d.reason, negative).await?;
        for _ in 0..d.supports {
            projects::count_support(&mut tx, &id).await?;
        }
        if matches!(d.to, ProjectStatus::Council | ProjectStatus::Ballot) {
            let m = projects::Move {
                from: ProjectStatus::Accepted,
                to: ProjectStatus::Council,
                category: None,
                reason: None,
                negative: None,
            };
            projects::move_status(&mut tx, &id, m, at + 5 * 86_400).await?;
            events::append(
                &mut tx,
                &id,
                at + 5 * 86_400,
                &Actor::Site,
                EventKind::ToCouncil,
                None,
                None,
            )
            .await?;
        }
        if d.to == ProjectStatus::Ballot {
            let m = projects::Move {
                from: ProjectStatus::Council,
                to: ProjectStatus::Ballot,
                category: None,
                reason: None,
                negative: None,
            };
            projects::move_status(&mut tx, &id, m, at + 8 * 86_400).await?;
            let kind = EventKind::CouncilBallot;
            events::append(&mut tx, &id, at + 8 * 86_400, &staff, kind, None, None).await?;
            ballot.push((d.community, id.clone()));
        }
        n += 1;
    }
    // One round closed three days ago (its result on show) and one open now, each with
    // ballots under random voter keys: no account stands behind them.
    let plans = [
        (1, "2026年第三季度民生微实事投票", 100_000, now() - 10 * 86_400, now() - 3 * 86_400, 36),
        (0, "2026年第四季度民生微实事投票", 200_000, now() - 2 * 86_400, now() + 12 * 86_400, 14),
    ];
    for (community_index, title, budget, opens_at, closes_at, voters) in plans {
        let Some(community) = communities.get(community_index) else { continue };
        let ids: Vec<String> = ballot
            .iter()
            .filter(|(c, _)| *c == community_index)
            .map(|(_, id)| id.clone())
            .collect();
        let spec = RoundSpec {
            title: title.into(),
            budget,
            opens_at,
            closes_at,
            kind: BallotKind::Approval { at_most: None },
            rule: TallyRule::EqualShares,
            projects: ids.clone(),
        };
        let round = rounds::add(&mut tx, community, &spec, opens_at - 86_400).await?;
        for v in 0..voters {
            // Most want the first project, fewer the second, some both.
            let chosen: Vec<String> = match v % 5 {
                0 | 1 => vec![ids[0].clone()],
                2 => vec![ids[1].clone()],
                _ => ids.clone(),
            };
            let voter = crate::crypto::random_token();
            rounds::cast(&mut tx, &round, &voter, &chosen, opens_at + v * 3_600).await?;
        }
    }
    Db::commit(tx).await?;
    Ok(n)
}
