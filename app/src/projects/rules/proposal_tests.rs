use super::*;
use crate::projects::model::*;

fn form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn full() -> Vec<(String, String)> {
    form(&[
        ("title", " 逸鸿花园楼下公共区域改造 "),
        ("description", "楼下空地长期堆放杂物，\r\n希望改造为休闲小广场。"),
        ("kind", "works"),
        ("cost", "180,000"),
        ("location", "鹤洲社区逸鸿花园 3 栋楼下"),
    ])
}

fn lists() -> Vec<ListEntry> {
    let e =
        |id: &str, list| ListEntry { id: id.into(), list, zh: format!("{id}中"), en: id.into() };
    vec![e("env", ListKind::Positive), e("property", ListKind::Negative)]
}

#[test]
fn a_full_form_reads_trimmed_with_the_cost_in_yuan() {
    let rules = ProjectRules::default();
    let p = read_form(&full(), &rules).unwrap();
    assert_eq!(p.title, "逸鸿花园楼下公共区域改造");
    assert_eq!(p.description, "楼下空地长期堆放杂物，\n希望改造为休闲小广场。");
    assert_eq!((p.kind, p.cost), (ProjectKind::Works, 180_000));
    assert_eq!(ready_for_review(&p, &rules), Ok(()));
}

#[test]
fn each_bad_field_is_named() {
    let rules = ProjectRules::default();
    let with = |name: &str, value: &str| {
        let mut f = full();
        f.retain(|(k, _)| k != name);
        f.push((name.into(), value.into()));
        read_form(&f, &rules).map(|_| ()).map_err(|e| e.code)
    };
    assert_eq!(with("title", ""), Err("project_title"));
    assert_eq!(with("title", &"长".repeat(MAX_TITLE + 1)), Err("project_title"));
    assert_eq!(with("title", "a\u{7}b"), Err("project_title"));
    assert_eq!(with("title", &"长".repeat(MAX_TITLE)), Ok(()));
    assert_eq!(with("description", &"字".repeat(MAX_DESCRIPTION + 1)), Err("project_description"));
    assert_eq!(with("kind", "party"), Err("project_kind"));
    assert_eq!(with("cost", "十万"), Err("project_cost"));
    assert_eq!(with("cost", "-5"), Err("project_cost"));
    assert_eq!(with("cost", "500001"), Err("project_cost"));
    assert_eq!(with("cost", ""), Ok(()));
    assert_eq!(with("location", &"路".repeat(MAX_LOCATION + 1)), Err("project_location"));
    for f in FAULTS {
        assert_eq!(fault_msg(f.code), Some(f.msg));
    }
    assert_eq!(fault_msg("nonsense"), None);
}

#[test]
fn review_needs_a_description_a_cost_within_the_kinds_cap_and_a_place() {
    let rules = ProjectRules::default();
    let mut p = read_form(&full(), &rules).unwrap();
    p.kind = ProjectKind::Service;
    p.cost = 250_000;
    assert_eq!(ready_for_review(&p, &rules).map_err(|e| e.code), Err("project_cost_cap"));
    p.cost = 200_000;
    assert_eq!(ready_for_review(&p, &rules), Ok(()));
    let custom = ProjectRules { cap_service: 100_000, ..rules };
    assert_eq!(ready_for_review(&p, &custom).map_err(|e| e.code), Err("project_cost_cap"));
    p.cost = 0;
    assert_eq!(ready_for_review(&p, &rules).map_err(|e| e.code), Err("project_cost"));
    p.cost = 1;
    p.location.clear();
    assert_eq!(ready_for_review(&p, &rules).map_err(|e| e.code), Err("project_location"));
    p.description = "太短了".into();
    assert_eq!(ready_for_review(&p, &rules).map_err(|e| e.code), Err("project_description"));
}

#[test]
fn decisions_need_a_listed_category_or_a_reason() {
    let d = |fields: &[(&str, &str)]| read_decision(&form(fields));
    assert_eq!(
        d(&[("decision", "accept"), ("category", "env")]),
        Ok(Decision::Accept { category: "env".into() })
    );
    assert_eq!(d(&[("decision", "accept")]).map_err(|e| e.code), Err("review_category"));
    assert_eq!(
        d(&[("decision", "return"), ("reason", " ")]).map_err(|e| e.code),
        Err("review_reason")
    );
    assert_eq!(d(&[("decision", "maybe")]).map_err(|e| e.code), Err("review_decision"));
    let reject =
        d(&[("decision", "reject"), ("negative", "property"), ("reason", "属物业维修责任")]);
    assert_eq!(
        reject,
        Ok(Decision::Reject {
            negative: Some("property".into()), reason: "属物业维修责任".into()
        })
    );

    let l = lists();
    let accepted =
        review(ProjectStatus::Submitted, &Decision::Accept { category: "env".into() }, &l);
    assert_eq!(accepted.as_ref().map(|r| r.status), Ok(ProjectStatus::Accepted));
    let wrong_list = Decision::Accept { category: "property".into() };
    assert_eq!(
        review(ProjectStatus::Submitted, &wrong_list, &l).map_err(|e| e.code),
        Err("review_category")
    );
    let rejected = review(ProjectStatus::Submitted, &reject.unwrap(), &l).unwrap();
    assert_eq!(rejected.status, ProjectStatus::Rejected);
    assert_eq!(rejected.negative.map(|n| n.zh), Some("property中".to_string()));
    let back = Decision::Return { reason: "请补充预算明细".into() };
    for status in [ProjectStatus::Draft, ProjectStatus::Returned, ProjectStatus::Accepted] {
        assert_eq!(review(status, &back, &l).map_err(|e| e.code), Err("review_not_waiting"));
    }
    assert_eq!(
        review(ProjectStatus::Submitted, &back, &l).map(|r| r.event),
        Ok(EventKind::Returned)
    );
}

#[test]
fn the_threshold_support_sends_the_project_to_the_council_once() {
    let rules = ProjectRules { support_threshold: 3, ..ProjectRules::default() };
    assert_eq!(support(ProjectStatus::Accepted, 0, &rules), Supported::Counted);
    assert_eq!(support(ProjectStatus::Accepted, 1, &rules), Supported::Counted);
    assert_eq!(support(ProjectStatus::Accepted, 2, &rules), Supported::ToCouncil);
    assert_eq!(support(ProjectStatus::Council, 3, &rules), Supported::NotCollecting);
    assert_eq!(support(ProjectStatus::Submitted, 0, &rules), Supported::NotCollecting);
}

#[test]
fn statuses_say_who_sees_them_and_who_edits() {
    let public: Vec<_> = ProjectStatus::ALL.into_iter().filter(|s| s.is_public()).collect();
    use ProjectStatus::*;
    assert_eq!(public, [Accepted, Rejected, Council, Deferred, Ballot]);
    let agenda: Vec<_> = ProjectStatus::ALL.into_iter().filter(|s| s.on_agenda()).collect();
    assert_eq!(agenda, [Council, Deferred]);
    let editable: Vec<_> = ProjectStatus::ALL.into_iter().filter(|s| s.editable()).collect();
    assert_eq!(editable, [ProjectStatus::Draft, ProjectStatus::Returned]);
    for s in ProjectStatus::ALL {
        assert_eq!(ProjectStatus::parse(s.as_str()), Some(s));
    }
    for k in EventKind::ALL {
        assert_eq!(EventKind::parse(k.as_str()), Some(k));
    }
}

#[test]
fn list_entries_need_both_labels() {
    let e = |fields: &[(&str, &str)]| read_entry(&form(fields)).map_err(|e| e.code);
    assert_eq!(
        e(&[("list", "positive"), ("zh", "为老服务"), ("en", "Services for older residents")]),
        Ok((ListKind::Positive, "为老服务".into(), "Services for older residents".into()))
    );
    assert_eq!(e(&[("list", "positive"), ("zh", "为老服务")]), Err("list_label"));
    assert_eq!(e(&[("list", "other"), ("zh", "a"), ("en", "b")]), Err("list_label"));
}
