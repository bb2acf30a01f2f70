//! Staff sign-in: lock-out with every attempt audited, the per-address limit, and
//! deactivation taking effect at once.
use super::*;
use crate::helpers::spawn;
use app::core::access::Role;

#[tokio::test]
async fn wrong_passwords_lock_an_account_and_every_attempt_is_audited() {
    let app = spawn(true).await;
    app.add_staff("wang", Role::CityAdmin, "449900").await;
    let b = app.browser();
    for _ in 0..4 {
        let res = b
            .post_form("/staff/signin", &[("username", "wang"), ("password", "nope-nope-nope")])
            .await;
        assert!(
            location(&res).starts_with("/staff/signin?error=staff_refused"),
            "{}",
            location(&res)
        );
    }
    let res =
        b.post_form("/staff/signin", &[("username", "wang"), ("password", "nope-nope-nope")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=staff_locked"));
    let res =
        b.post_form("/staff/signin", &[("username", "wang"), ("password", "wang-password")]).await;
    assert!(
        location(&res).starts_with("/staff/signin?error=staff_locked"),
        "locked even with the right password"
    );
    let res =
        b.post_form("/staff/signin", &[("username", "nobody"), ("password", "whatever-123")]).await;
    assert!(
        location(&res).starts_with("/staff/signin?error=staff_refused"),
        "unknown users get the same answer"
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM sessions").await, "0");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) || '' FROM audit_log WHERE action = 'staff.signin_failed'")
            .await,
        "6"
    );
}

#[tokio::test]
async fn staff_sign_in_is_rate_limited_per_client_address() {
    let app = crate::helpers::spawn_with(true, |s| s.auth.staff_signins_per_client_hour = 3).await;
    app.add_staff("wang", Role::CityAdmin, "449900").await;
    let b = app.browser();
    for _ in 0..3 {
        b.post_form("/staff/signin", &[("username", "li"), ("password", "x")]).await;
    }
    let res =
        b.post_form("/staff/signin", &[("username", "wang"), ("password", "wang-password")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=client_limit"), "{}", location(&res));
    assert_eq!(scalar(&app, "SELECT COUNT(*) || '' FROM sessions").await, "0");
}

#[tokio::test]
async fn a_deactivated_member_loses_access_at_once() {
    let app = spawn(true).await;
    let a = areas(&app).await;
    app.add_staff("admin", Role::CityAdmin, &a.city).await;
    app.add_staff("jw", Role::Committee, &a.c1).await;
    let admin = app.staff("admin").await;
    let jw = app.staff("jw").await;
    assert_eq!(jw.get(&format!("/staff/residents?community={}", a.c1)).await.status(), 200);
    let id = scalar(&app, "SELECT id FROM staff WHERE username = 'jw'").await;
    let res = admin.post_form("/staff/accounts/active", &[("id", &id), ("active", "0")]).await;
    assert_eq!(location(&res), "/staff/accounts?notice=account_updated");
    assert_eq!(
        jw.get(&format!("/staff/residents?community={}", a.c1)).await.status(),
        403,
        "the open session is dead"
    );
    assert_eq!(jw.get("/staff").await.status(), 403);
    let again = app.browser();
    let res =
        again.post_form("/staff/signin", &[("username", "jw"), ("password", "jw-password")]).await;
    assert!(location(&res).starts_with("/staff/signin?error=staff_inactive"));
    // Reactivated, they can sign in again.
    admin.post_form("/staff/accounts/active", &[("id", &id), ("active", "1")]).await;
    app.staff("jw").await;
}
