//! Client address spoofing behind a reverse proxy: the per-address limits on sign-in
//! codes and staff passwords must hold whatever `X-Forwarded-For` a client sends.
use crate::helpers::{location, spawn_with, TestApp};
use app::core::access::Role;

/// A post as our one proxy forwards it: the client's own `X-Forwarded-For` (`claimed`)
/// with the address the proxy saw appended.
async fn via_proxy(app: &TestApp, path: &str, claimed: &str, form: &[(&str, &str)]) -> String {
    let res = app
        .client
        .post(app.url(path))
        .header("origin", &app.base)
        .header("x-forwarded-for", format!("{claimed}, 203.0.113.9"))
        .form(form)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 303);
    location(&res)
}

#[tokio::test]
async fn pump_sms_codes_from_one_address_with_a_new_forwarded_address_each_time() {
    let app = spawn_with(true, |s| {
        s.proxy_hops = 1;
        s.auth.codes_per_client_hour = 3;
    })
    .await;
    let mut sent = 0;
    for i in 0..6 {
        let phone = format!("1380013{i:04}");
        let claimed = format!("198.51.100.{i}");
        let to = via_proxy(&app, "/auth/phone/send", &claimed, &[("phone", &phone)]).await;
        if to.starts_with("/signin?step=code") {
            sent += 1;
        } else {
            assert!(to.contains("error=client_limit"), "{to}");
        }
    }
    assert_eq!(sent, 3, "the limit counts the address our proxy saw");
    // Another client behind the same proxy is its own address.
    let res = app
        .client
        .post(app.url("/auth/phone/send"))
        .header("origin", &app.base)
        .header("x-forwarded-for", "203.0.113.10")
        .form(&[("phone", "13800139999")])
        .send()
        .await
        .unwrap();
    assert!(location(&res).starts_with("/signin?step=code"), "{}", location(&res));
}

#[tokio::test]
async fn spray_staff_passwords_behind_forged_forwarded_addresses() {
    let app = spawn_with(true, |s| {
        s.proxy_hops = 1;
        s.auth.staff_signins_per_client_hour = 3;
    })
    .await;
    app.add_staff("wang", Role::CityAdmin, "449900").await;
    for i in 0..3 {
        let claimed = format!("198.51.100.{i}");
        let to = via_proxy(
            &app,
            "/staff/signin",
            &claimed,
            &[("username", "wang"), ("password", "guess")],
        )
        .await;
        assert!(to.starts_with("/staff/signin?error=staff_refused"), "{to}");
    }
    let to = via_proxy(
        &app,
        "/staff/signin",
        "198.51.100.77",
        &[("username", "wang"), ("password", "wang-password")],
    )
    .await;
    assert!(to.starts_with("/staff/signin?error=client_limit"), "{to}");
}
