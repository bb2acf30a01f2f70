//! One person, one answer: answering again by deleting the account, by a second
//! number, by signing in over someone else, by linking identities.
use super::{answer, responses};
use crate::accounts::wechat::start_wechat;
use crate::helpers::{location, spawn, spawn_wechat, spawn_with};
use crate::surveys::{neighbour, published};

const PHONE: &str = "13800138000";
const PHONE2: &str = "13900139000";

#[tokio::test]
async fn answer_delete_the_account_sign_in_again_and_answer_again() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    let me = neighbour(&app, PHONE).await;
    assert!(answer(&me, &survey).await.contains("notice=submitted"));
    let res = me.post_form("/me/delete", &[("confirm", "yes")]).await;
    assert_eq!(location(&res), "/me?notice=account_deleted");
    let again = neighbour(&app, PHONE).await;
    let to = answer(&again, &survey).await;
    assert!(to.contains("notice=already_answered"), "{to}");
    assert_eq!(responses(&app, &survey).await, 1);
}

#[tokio::test]
async fn delete_the_account_to_reset_the_sign_in_code_limits() {
    let app = spawn_with(true, |_| {}).await;
    let me = app.resident(PHONE).await;
    me.post_form("/me/delete", &[("confirm", "yes")]).await;
    let res =
        app.browser().post_form("/auth/phone/send", &[("phone", PHONE), ("next", "/me")]).await;
    assert!(location(&res).contains("error=cooldown"), "{}", location(&res));
}

#[tokio::test]
async fn sign_in_with_a_second_number_to_free_the_first_for_another_answer() {
    let app = spawn(true).await;
    let survey = published(&app.db, true, false).await;
    let me = neighbour(&app, PHONE).await;
    assert!(answer(&me, &survey).await.contains("notice=submitted"));
    // The same browser signs in with a second number: the first must stay taken.
    me.sign_in_phone(&app, PHONE2).await;
    let first_again = neighbour(&app, PHONE).await;
    let to = answer(&first_again, &survey).await;
    assert!(to.contains("notice=already_answered"), "{to}");
    assert_eq!(responses(&app, &survey).await, 1);
}

#[tokio::test]
async fn sign_in_on_a_device_where_someone_else_is_signed_in_to_take_over_their_account() {
    let app = spawn(true).await;
    let owner = neighbour(&app, PHONE).await;
    let owners_other_phone = app.resident(PHONE).await;
    // A second person signs in on the owner's device.
    owner.sign_in_phone(&app, PHONE2).await;
    owner.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
    let page = owner.get("/me").await.text().await.unwrap();
    assert!(page.contains("尾号 9000"), "the newcomer sees their own account");
    assert!(!page.contains("尾号 8000"), "and nothing of the owner's");
    let owners: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM residents WHERE phone_tail = '8000' AND community_code IS NOT NULL",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(owners, 1, "the owner keeps their number and community");
    let page = owners_other_phone.get("/me").await.text().await.unwrap();
    assert!(page.contains("尾号 8000"), "the owner's other device is still the owner's");
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM residents")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(accounts, 2);
}

#[tokio::test]
async fn sign_in_with_wechat_on_a_phone_signed_in_device_to_merge_two_people() {
    let app = spawn_wechat().await;
    let owner = app.resident(PHONE).await;
    let state = start_wechat(&owner).await;
    owner.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    let both: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM residents WHERE phone_hash IS NOT NULL AND openid_hash IS NOT NULL",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(both, 0, "a sign-in never joins two identities");
}

#[tokio::test]
async fn link_a_phone_number_to_an_account_without_its_code() {
    let app = spawn_wechat().await;
    let me = app.browser();
    let state = start_wechat(&me).await;
    me.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    me.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
    let res = me.post_form("/me/phone/send", &[("phone", PHONE2)]).await;
    assert!(location(&res).starts_with("/me?step=phone_code"), "{}", location(&res));
    let res = me.post_form("/me/phone/verify", &[("code", "000000")]).await;
    assert!(location(&res).contains("error=code_wrong"), "{}", location(&res));
    let linked =
        "SELECT COUNT(*) FROM residents WHERE phone_hash IS NOT NULL AND openid_hash IS NOT NULL";
    let n: i64 = sqlx::query_scalar(linked).fetch_one(app.db.reader()).await.unwrap();
    assert_eq!(n, 0, "a wrong code links nothing");
    let code = app.last_code(PHONE2);
    let res = me.post_form("/me/phone/verify", &[("code", &code)]).await;
    assert!(location(&res).starts_with("/me?notice=phone_linked"), "{}", location(&res));
    let n: i64 = sqlx::query_scalar(linked).fetch_one(app.db.reader()).await.unwrap();
    assert_eq!(n, 1, "the right code links the number");
}

#[tokio::test]
async fn answer_by_phone_link_wechat_delete_and_answer_again_by_wechat() {
    let app = spawn_wechat().await;
    let survey = published(&app.db, true, false).await;
    let me = neighbour(&app, PHONE).await;
    assert!(answer(&me, &survey).await.contains("notice=submitted"));
    let res = me.get("/auth/wechat?next=/me&link=1").await;
    let state =
        location(&res).split("state=").nth(1).unwrap().split('#').next().unwrap().to_string();
    let res = me.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    assert!(location(&res).starts_with("/me?notice=wechat_linked"), "{}", location(&res));
    me.post_form("/me/delete", &[("confirm", "yes")]).await;
    // Back by WeChat alone: a new account, but the same person.
    let w = app.browser();
    let state = start_wechat(&w).await;
    w.get(&format!("/auth/wechat/callback?code=good&state={state}")).await;
    w.post_form("/me/consent", &[("accept", "yes"), ("next", "/me")]).await;
    w.post_form("/me/community", &[("community", "449902002001")]).await;
    let to = answer(&w, &survey).await;
    assert!(to.contains("notice=already_answered"), "{to}");
    assert_eq!(responses(&app, &survey).await, 1);
}
