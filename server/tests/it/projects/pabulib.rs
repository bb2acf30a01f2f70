//! `tongxin pb tally` over real rounds from pabulib.org (see
//! `tests/fixtures/pabulib/ORIGIN.md`): each file's own selection, by the rule its
//! META names.
use crate::cli::{text, tongxin};
use app::projects::rules::pabulib::PbFile;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pabulib")
}

#[test]
fn pb_tally_gives_each_real_round_its_published_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut rules = BTreeSet::new();
    let mut countries = BTreeSet::new();
    let mut checked = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pb"))
        .collect();
    paths.sort();
    for path in paths {
        let file = PbFile::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let rule = match file.meta("rule") {
            Some("greedy") => "greedy",
            Some("equalshares/add1") => "mes",
            other => panic!("{}: rule {other:?}", path.display()),
        };
        let out = tongxin(dir.path(), &["pb", "tally", path.to_str().unwrap(), "--rule", rule]);
        assert!(out.status.success(), "{}: {}", path.display(), text(&out.stderr));
        let got: BTreeSet<String> = text(&out.stdout).lines().map(str::to_string).collect();
        let want: BTreeSet<String> = file.selected().unwrap().into_iter().collect();
        assert_eq!(got, want, "{} by {rule}", path.display());
        rules.insert(rule);
        countries.insert(file.meta("country").unwrap().to_string());
        checked += 1;
    }
    assert!(checked >= 6, "{checked} rounds");
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["greedy", "mes"]);
    assert!(countries.len() >= 2, "{countries:?}");
}

#[test]
fn a_file_that_cannot_be_tallied_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.pb");
    std::fs::write(
        &path,
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;50\n\
         VOTES\nvoter_id;vote\nv1;1,2\n",
    )
    .unwrap();
    let out = tongxin(dir.path(), &["pb", "tally", path.to_str().unwrap(), "--rule", "mes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("第 10 行：投票中的项目“2”不在项目列表中。"),
        "{}",
        text(&out.stderr)
    );
}
