//! "我的": community, verification request, export and deletion, signing out
//! everywhere; no phone number in clear text; the audit log cannot be changed.
use super::*;
use crate::helpers::spawn;
use serde_json::Value;

#[tokio::test]
async fn residents_choose_a_community_ask_for_verification_export_and_delete() {
    let app = spawn(true).await;
    let community: String = sqlx::query_scalar(
        "SELECT code FROM areas WHERE level = 'community' ORDER BY code LIMIT 1",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    let b = app.resident(PHONE).await;
    let res = b.post_form("/me/community", &[("community", "nowhere")]).await;
    assert!(location(&res).starts_with("/me?error=community_unknown"));
    let res = b.post_form("/me/community", &[("community", &community)]).await;
    assert!(location(&res).starts_with("/me?notice=community_set"));
    let long = "长".repeat(41);
    let res = b.post_form("/me/verification", &[("name", &long), ("address", "3栋201")]).await;
    assert!(location(&res).starts_with("/me?error=claim_name"));
    let res =
        b.post_form("/me/verification", &[("name", "李小梅"), ("address", "3栋2单元201")]).await;
    assert!(location(&res).starts_with("/me?notice=verification_sent"));

    let res = b.get("/me/export").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let text = res.text().await.unwrap();
    assert!(
        !text.contains(PHONE) && !text.contains("phone_hash"),
        "the export holds no number and no hash"
    );
    let data: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["account"]["phone_tail"], "8000");
    assert_eq!(data["account"]["community_code"], community.as_str());
    assert_eq!(data["account"]["verification"], "pending");
    assert_eq!(data["account"]["claim_name"], "李小梅");
    assert_eq!(data["account"]["consent_version"], app::core::access::CONSENT_VERSION);
    assert_eq!(data["account"]["sessions"].as_array().unwrap().len(), 1);
    assert!(!data["community"]["name_zh"].as_str().unwrap().is_empty());

    // Deleting needs the confirmation, then removes everything about them.
    let res = b.post_form("/me/delete", &[]).await;
    assert!(location(&res).starts_with("/me?error=delete_confirm"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM residents").await,
        1,
        "an unconfirmed delete changes nothing"
    );
    let res = b.post_form("/me/delete", &[("confirm", "yes")]).await;
    assert_eq!(location(&res), "/me?notice=account_deleted");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM residents").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM otp_challenges").await,
        1,
        "the number's codes stay until they expire: they carry its sign-in limits"
    );
    assert_eq!(b.get("/me/export").await.status(), 403, "the old session is gone");
    // Signing in again with the same number makes a new, empty account.
    let again = app.resident(PHONE).await;
    let data: Value = again.get("/me/export").await.json().await.unwrap();
    assert!(data["account"]["community_code"].is_null());
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = spawn(true).await;
    let a = app.resident(PHONE).await;
    let b = app.browser();
    b.sign_in_phone(&app, PHONE).await;
    assert_eq!(b.get("/me/export").await.status(), 200);
    let res = a.post_form("/auth/signout-all", &[]).await;
    assert_eq!(location(&res), "/me?notice=signed_out_all");
    assert_eq!(a.get("/me/export").await.status(), 403);
    assert_eq!(b.get("/me/export").await.status(), 403, "the other device is signed out too");
}

#[tokio::test]
async fn no_phone_number_is_stored_in_clear_text_anywhere_in_the_database() {
    let app = spawn(true).await;
    let phones = ["13800138000", "13912345678", "18666668888"];
    for p in phones {
        app.resident(p).await;
    }
    // A committee's roll holds numbers too.
    let community: String = sqlx::query_scalar(
        "SELECT code FROM areas WHERE level = 'community' ORDER BY code LIMIT 1",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    app.add_staff("jw01", app::core::access::Role::Committee, &community).await;
    let staff = app.staff("jw01").await;
    let roll = "phone,label\n13800138000,1栋101\n15011112222,2栋202\n";
    let res =
        staff.upload("/staff/roll", &[("community", &community)], "roll.csv", roll, true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let dump = app.dir.path().join("dump.db");
    app.db.backup(&dump).await.unwrap();
    let mut bytes = std::fs::read(&dump).unwrap();
    for extra in ["tongxin.db", "tongxin.db-wal"] {
        if let Ok(b) = std::fs::read(app.dir.path().join(extra)) {
            bytes.extend(b);
        }
    }
    let haystack = String::from_utf8_lossy(&bytes);
    for p in phones.iter().chain(["15011112222"].iter()) {
        assert!(!haystack.contains(p), "{p} found in the database");
        let spaced = format!("{} {} {}", &p[..3], &p[3..7], &p[7..]);
        assert!(!haystack.contains(&spaced));
        let utf16: Vec<u8> = p.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(!bytes.windows(utf16.len()).any(|w| w == utf16.as_slice()), "{p} as UTF-16");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM resident_roll").await, 2);
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed() {
    let app = spawn(true).await;
    app.add_staff("admin", app::core::access::Role::CityAdmin, "449900").await;
    let writer = leak_writer(&app).await;
    let lines = count(&app, "SELECT COUNT(*) FROM audit_log").await;
    assert!(lines >= 1);
    // Refused by the append-only triggers, for that reason, and nothing changed.
    for sql in ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"] {
        let err = sqlx::query(sql).execute(&writer).await.unwrap_err();
        assert!(err.to_string().contains("audit_log is append-only"), "{sql}: {err}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log").await, lines);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE actor = 'x'").await, 0);
}

#[tokio::test]
async fn consent_is_withdrawn_without_deleting_the_account_and_asked_for_again() {
    let app = crate::helpers::spawn(true).await;
    let survey = crate::surveys::published(&app.db, false, false).await;
    let me = crate::surveys::neighbour(&app, "13800138041").await;
    let res = me.post_form("/me/consent/withdraw", &[]).await;
    assert_eq!(location(&res), "/me?notice=consent_withdrawn#data");
    let consent: Option<String> = sqlx::query_scalar("SELECT consent_version FROM residents")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(consent, None);
    let page = me.get("/me?notice=consent_withdrawn").await.text().await.unwrap();
    assert!(page.contains("已撤回同意。"), "the account is still there, saying so");
    assert!(page.contains("/me/consent?next=/me"), "and offering the notice again");
    // Taking part asks for consent again, and nothing is stored meanwhile.
    let res = me.post_form(&format!("/surveys/{survey}/answer"), &[("safe", "4")]).await;
    assert!(location(&res).starts_with("/me/consent?next="), "{}", location(&res));
    assert!(tongxin::surveys::store::responses::all(&app.db, &survey).await.unwrap().is_empty());
}
