//! Staff upload observations for their own streets only.
use crate::accounts::{areas, scalar, state};
use crate::helpers::spawn;
use app::core::access::Role;

#[tokio::test]
async fn staff_upload_observations_for_their_streets_only() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("jd", Role::StreetOfficer, &a.s1).await;
    let jd = app.staff("jd").await;
    let day = scalar(&app, "SELECT MAX(period) FROM observations WHERE length(period) = 10").await;
    let ok = format!("period,area_code,indicator,value\n{day},{},crime_reports,7\n", a.s1);
    let res = jd.upload("/staff/observations", &[], "obs.csv", &ok, true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let stored = scalar(&app, &format!("SELECT value || '' FROM observations WHERE period = '{day}' AND area_code = '{}' AND indicator = 'crime_reports'", a.s1)).await;
    assert_eq!(stored, "7.0");
    assert!(scalar(&app, "SELECT detail FROM audit_log WHERE action = 'observations.import'")
        .await
        .contains("updated=1"));

    let before = state(&app).await;
    let mixed = format!("period,area_code,indicator,value\n{day},{},crime_reports,1\n{day},{},crime_reports,2\n{day},{},X99,-1\n", a.s1, a.s2, a.s1);
    let res = jd.upload("/staff/observations", &[], "obs.csv", &mixed, true).await;
    assert_eq!(res.status(), 403, "a row outside the area refuses the whole file");
    let report: serde_json::Value = res.json().await.unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(
        problems.len(),
        3,
        "{problems:?}: the outside row and both faults of the bad row, each named"
    );
    assert!(
        problems[0].as_str().unwrap().starts_with("第 3 行")
            && problems[0].as_str().unwrap().contains("不在您负责的区域")
    );
    assert!(problems[1..].iter().all(|p| p.as_str().unwrap().starts_with("第 4 行")));
    assert_eq!(state(&app).await, before, "nothing changed");
}
