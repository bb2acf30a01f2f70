//! The `tongxin` binary: help for every command, and `import areas` reporting every bad
//! line and changing nothing when a file is rejected.
use crate::helpers::{areas, open};
use std::path::Path;
use std::process::{Command, Output};

pub(crate) fn tongxin(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tongxin"))
        .args(args)
        .env("TONGXIN_DATA_DIR", dir)
        .env("RUST_LOG", "error")
        .env_remove("TONGXIN_CONFIG")
        .env_remove("TONGXIN_LANG")
        .current_dir(dir)
        .output()
        .expect("tongxin runs")
}

pub(crate) fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

const HEADER: &str = "code,parent_code,level,name_zh,name_en,population\n";
const GOOD: &str = "C,,city,同心市,Tongxin City,300\nD,C,district,东湖区,Donghu District,300\n\
                    S,D,street,湖滨街道,Hubin Subdistrict,300\nK,S,community,金园社区,Jinyuan Community,300\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let out = tongxin(dir.path(), &["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for cmd in ["serve", "migrate", "seed-demo", "import", "backup"] {
        assert!(help.contains(cmd), "{cmd} missing from:\n{help}");
    }
    for args in [
        &["serve", "--help"][..],
        &["migrate", "--help"],
        &["seed-demo", "--help"],
        &["import", "--help"],
        &["import", "areas", "--help"],
        &["import", "observations", "--help"],
        &["backup", "--help"],
    ] {
        let out = tongxin(dir.path(), args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: tongxin"), "{args:?}");
    }
}

#[tokio::test]
async fn import_applies_a_valid_file_and_reports_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "areas.csv", format!("{HEADER}{GOOD}").as_bytes());
    let out = tongxin(dir.path(), &["import", "areas", &file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("已导入 4 个地区（新增 4 个，更新 0 个）"),
        "{}",
        text(&out.stdout)
    );
    let out = tongxin(dir.path(), &["--lang", "en", "import", "areas", &file]);
    assert!(
        text(&out.stdout).contains("Imported 4 areas (0 new, 4 updated)"),
        "{}",
        text(&out.stdout)
    );
    let db = open(dir.path()).await;
    assert_eq!(areas(&db).await.len(), 4);
}

/// Each malformed file is refused with every bad line named, and the database keeps
/// exactly what it had.
#[tokio::test]
async fn malformed_files_change_nothing_and_report_every_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.csv", format!("{HEADER}{GOOD}").as_bytes());
    assert!(tongxin(dir.path(), &["import", "areas", &good]).status.success());
    let db = open(dir.path()).await;
    let before = areas(&db).await;
    let revision = tongxin::db::meta::revision(&db).await.unwrap();

    let mut gbk = format!("{HEADER}K2,S,community,ok,ok,1\n").into_bytes();
    gbk.extend_from_slice(b"K3,S,community,\xBD\xF0\xD4\xB0\xC9\xE7\xC7\xF8,Jinyuan,1\n"); // 金园社区 in GBK
    gbk.extend_from_slice(b"K4,S,community,\xD2\xF8,Yin,1\n");
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "duplicate code",
            format!("{HEADER}K5,S,community,甲社区,Jia,1\nK6,S,community,乙社区,Yi,1\nK5,S,community,丙社区,Bing,1\n").into_bytes(),
            vec!["第 4 行：编码“K5”与第 2 行重复"],
        ),
        (
            "unknown parent",
            format!("{HEADER}K7,S9,community,丁社区,Ding,1\nS8,D9,street,戊街道,Wu,1\n").into_bytes(),
            vec!["第 2 行：上级编码“S9”在文件和数据库中都不存在", "第 3 行：上级编码“D9”在文件和数据库中都不存在"],
        ),
        (
            "bad level",
            format!("{HEADER}K8,S,village,己村,Ji,1\nK9,S,Community,庚社区,Geng,1\n").into_bytes(),
            vec!["第 2 行：层级“village”无效", "第 3 行：层级“Community”无效"],
        ),
        (
            "negative population",
            format!("{HEADER}K10,S,community,辛社区,Xin,-3\nK11,S,community,壬社区,Ren,12.5\nK12,S,community,癸社区,Gui,\n").into_bytes(),
            vec!["第 2 行：人口“-3”不是非负整数", "第 3 行：人口“12.5”不是非负整数", "第 4 行：人口“”不是非负整数"],
        ),
        ("bad encoding", gbk, vec!["第 3 行：不是有效的 UTF-8 文本", "第 4 行：不是有效的 UTF-8 文本"]),
        (
            "missing column",
            "code,parent_code,level,name_zh,name_en\nK13,S,community,子社区,Zi\n".as_bytes().to_vec(),
            vec!["第 1 行：缺少列 population"],
        ),
        (
            "many problems at once",
            format!("{HEADER}K14,S,community,丑社区,Chou,1\nK14,S,community,寅社区,Yin,1\nK15,K14,street,卯街道,Mao,1\nK16,S,town,辰社区,Chen,x\nK17,S,community,巳社区\n").into_bytes(),
            vec!["第 3 行", "第 4 行", "第 5 行：层级“town”无效", "第 5 行：人口“x”", "第 6 行：应有 6 列，实有 4 列"],
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = write(dir.path(), "bad.csv", &bytes);
        let out = tongxin(dir.path(), &["import", "areas", &file]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        for line in &expected {
            assert!(stderr.contains(line), "{name}: expected {line:?} in:\n{stderr}");
        }
        assert!(stderr.contains("数据库没有任何改动"), "{name}: {stderr}");
        assert_eq!(areas(&db).await, before, "{name} changed the areas");
        assert_eq!(
            tongxin::db::meta::revision(&db).await.unwrap(),
            revision,
            "{name} bumped the revision"
        );
    }

    // The same report in English.
    let file = write(dir.path(), "bad.csv", format!("{HEADER}K8,S,village,己村,Ji,1\n").as_bytes());
    let out = tongxin(dir.path(), &["--lang", "en", "import", "areas", &file]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Line 2: the level \"village\" is invalid"), "{stderr}");
    assert!(stderr.contains("nothing in the database was changed"), "{stderr}");
}

#[tokio::test]
async fn seed_demo_migrate_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    assert!(tongxin(dir.path(), &["migrate"]).status.success());
    let out = tongxin(dir.path(), &["seed-demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let db = open(dir.path()).await;
    let seeded = areas(&db).await;
    assert!(seeded.len() > 250);
    // Seeding again updates the same codes to the same values: deterministic.
    let out = tongxin(dir.path(), &["seed-demo"]);
    assert!(
        text(&out.stdout).contains(&format!("更新 {} 个", seeded.len())),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(areas(&db).await, seeded);

    let copy = dir.path().join("copy.db");
    let out = tongxin(dir.path(), &["backup", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let backup = tongxin::db::Db::connect(&format!("sqlite://{}", copy.display())).await.unwrap();
    assert_eq!(areas(&backup).await, seeded);
    // Refuses to overwrite.
    assert!(!tongxin(dir.path(), &["backup", copy.to_str().unwrap()]).status.success());
}

#[tokio::test]
async fn import_observations_reports_every_bad_line_and_applies_good_files() {
    let dir = tempfile::tempdir().unwrap();
    let areas = write(dir.path(), "areas.csv", format!("{HEADER}{GOOD}").as_bytes());
    assert!(tongxin(dir.path(), &["import", "areas", &areas]).status.success());
    let bad = write(
        dir.path(),
        "obs.csv",
        "period,area_code,indicator,value\n2026-11-20,S,crime_reports,2\n2026-11-20,K,crime_reports,1\n2026-11,S,crime_reports,1\n2026-11-20,S,telecom_fraud,-1\n".as_bytes(),
    );
    let out = tongxin(dir.path(), &["import", "observations", &bad]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for line in [
        "第 3 行：“K”是社区（村），观测数据只能录入到街道（镇）",
        "第 4 行：指标“crime_reports”每日更新",
        "第 5 行：数值“-1”不是非负整数",
    ] {
        assert!(stderr.contains(line), "{line} in {stderr}");
    }
    let db = open(dir.path()).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(n, 0);
    let good = write(
        dir.path(),
        "obs.csv",
        "period,area_code,indicator,value\n2026-11-20,S,crime_reports,2\n".as_bytes(),
    );
    let out = tongxin(dir.path(), &["import", "observations", &good]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("已导入 1 条观测数据（新增 1 条，替换 0 条）"),
        "{}",
        text(&out.stdout)
    );
}
