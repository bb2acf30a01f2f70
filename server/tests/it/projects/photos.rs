//! Photos on a proposal, through the upload form: cleaned of EXIF and GPS, served
//! with a year's cache; anything else refused with nothing stored.
use super::*;
use crate::helpers::spawn;
use tongxin::photos::samples::{exif, exif_of, jpeg, with_exif};

async fn upload(b: &Browser, id: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("IMG_0001.jpg");
    let form = reqwest::multipart::Form::new().part("photo", part);
    b.client
        .post(b.url(&format!("/projects/{id}/photos")))
        .header("origin", &b.base)
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .expect("request")
}

async fn photos(app: &TestApp, id: &str) -> Vec<serde_json::Value> {
    let json: String = sqlx::query_scalar("SELECT photos FROM projects WHERE id = ?")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

fn files(app: &TestApp) -> usize {
    std::fs::read_dir(app.dir.path().join("photos")).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn a_photo_with_a_gps_position_comes_back_without_it() {
    let app = spawn(true).await;
    let author = resident_of(&app, "13700000001", HOME).await;
    let id = id_in(&save(&author, "", &form("小广场"), "save").await);
    let sent = with_exif(&jpeg(640, 480), &exif(None));
    assert!(
        exif_of(&sent).is_some_and(|e| e.windows(2).any(|w| w == [0x25, 0x88])),
        "sent with GPS"
    );
    let res = upload(&author, &id, sent).await;
    assert_eq!(location(&res), format!("/projects/{id}/edit?notice=photo_added#photos"));
    let list = photos(&app, &id).await;
    assert_eq!(list.len(), 1);
    let name = list[0]["name"].as_str().unwrap();
    assert_eq!((list[0]["width"].as_u64(), list[0]["height"].as_u64()), (Some(640), Some(480)));
    for file in [format!("{name}.jpg"), format!("{name}-s.jpg")] {
        let res = app.get(&format!("/photos/{file}")).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/jpeg");
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
        let body = res.bytes().await.unwrap();
        assert_eq!(exif_of(&body), None, "{file} keeps no EXIF");
        assert!(!body.windows(4).any(|w| w == b"Exif"), "{file}");
    }
    assert_eq!(app.get("/photos/..%2Ftongxin.db").await.status(), 404);
    assert_eq!(app.get(&format!("/photos/{name}.png")).await.status(), 404);
    // Removing takes it off the proposal.
    let res = author.post_form(&format!("/projects/{id}/photos/remove"), &[("photo", name)]).await;
    assert_eq!(location(&res), format!("/projects/{id}/edit?notice=photo_removed#photos"));
    assert!(photos(&app, &id).await.is_empty());
}

#[tokio::test]
async fn not_an_image_too_large_or_too_many_is_refused_with_nothing_stored() {
    let app = spawn(true).await;
    let author = resident_of(&app, "13700000002", HOME).await;
    let id = id_in(&save(&author, "", &form("小广场"), "save").await);
    let refused = |code: &str| format!("/projects/{id}/edit?error={code}#photos");

    let res = upload(&author, &id, b"%PDF-1.7 not a photo".to_vec()).await;
    assert_eq!(location(&res), refused("photo_type"));
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    assert_eq!(location(&upload(&author, &id, svg.to_vec()).await), refused("photo_type"));
    // A photo just over 8 MB reaches the checks and is refused there.
    let mut big = jpeg(16, 16);
    big.resize(tongxin::photos::MAX_BYTES + 1, 0);
    assert_eq!(location(&upload(&author, &id, big).await), refused("photo_large"));
    // A far bigger body is refused by the request limit before it is read.
    let huge = vec![0u8; tongxin::photos::MAX_BYTES * 2];
    assert_eq!(upload(&author, &id, huge).await.status(), 413);
    assert_eq!(files(&app), 0);
    assert!(photos(&app, &id).await.is_empty());

    // Four photos at most.
    for i in 0..4 {
        let res = upload(&author, &id, jpeg(32 + i, 32)).await;
        assert!(location(&res).contains("notice=photo_added"));
    }
    let before = files(&app);
    assert_eq!(location(&upload(&author, &id, jpeg(99, 32)).await), refused("photo_count"));
    assert_eq!((files(&app), photos(&app, &id).await.len()), (before, 4));

    // Someone else's proposal is not theirs to add to.
    let other = resident_of(&app, "13700000003", HOME).await;
    assert_eq!(upload(&other, &id, jpeg(40, 40)).await.status(), 403);
}
