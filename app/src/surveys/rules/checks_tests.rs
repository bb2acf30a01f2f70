//! Tests that need both the answer checks and the definition checks.
use crate::surveys::model::{Answer, Answers, Condition, Question, QuestionKind};
use crate::surveys::rules::answers::check_answers;
use crate::surveys::rules::conditions::visible;
use crate::surveys::rules::definition::{check_definition, DefinitionFault};
use crate::surveys::rules::fixtures::*;

#[test]
fn conditions_chain_and_look_only_back() {
    let mut qs = sample();
    // q8 depends on q7, which depends on q1.
    let mut q8 = q("q8", false, QuestionKind::Rating10);
    q8.show_if = Some(Condition { question: "q3".into(), any_of: vec!["1".into(), "2".into()] });
    qs.push(q8);
    let a = check_answers(&qs, &form(&[("q1", "yes"), ("q3", "1"), ("q8", "3")])).unwrap();
    assert_eq!(a.get("q8"), Some(&Answer::Number(3.0)));
    assert!(visible(&qs, &a).contains("q8"));
    let a = check_answers(&qs, &form(&[("q1", "yes"), ("q3", "5"), ("q8", "3")])).unwrap();
    assert!(!a.contains_key("q8"));

    let mut bad = sample();
    bad[0].show_if = Some(Condition { question: "q7".into(), any_of: vec!["x".into()] });
    bad[3].show_if = Some(Condition { question: "q1".into(), any_of: vec!["perhaps".into()] });
    bad[4].show_if = Some(Condition { question: "q6".into(), any_of: vec!["x".into()] });
    let got: Vec<_> =
        check_definition(&bad).unwrap_err().into_iter().map(|p| (p.question, p.fault)).collect();
    assert_eq!(
        got,
        vec![
            (Some(1), DefinitionFault::BadConditionQuestion),
            (Some(4), DefinitionFault::BadConditionValue),
            (Some(5), DefinitionFault::BadConditionQuestion),
        ]
    );
}

#[test]
fn definitions_round_trip_through_json() {
    let qs = sample();
    let json = serde_json::to_string(&qs).unwrap();
    assert!(json.contains(r#""type":"scale5""#) && json.contains(r#""feeds":"resident_rating""#));
    let back: Vec<Question> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, qs);
    let a = check_answers(&qs, &form(&[("q1", "yes"), ("q2", "b"), ("q3", "3"), ("q6", "好")]))
        .unwrap();
    let back: Answers = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
}
