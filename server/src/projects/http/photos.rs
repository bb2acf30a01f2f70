//! A proposal's photos: `POST /projects/:id/photos` (multipart, one photo),
//! `POST /projects/:id/photos/remove`, and `GET /photos/:file`, served with a year's
//! cache (a name is the hash of its content).
use crate::photos::PhotoError;
use crate::projects::error::ProjectError;
use crate::projects::service::propose::{self, PhotoAdded};
use crate::web::error::Refusal;
use crate::web::extract::Resident;
use crate::web::reply::{first, see_other, Pairs};
use crate::web::AppState;
use app::core::i18n::Msg;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;

/// The largest photo post: one photo of [`crate::photos::MAX_BYTES`] and the form's
/// few fields. A bigger file is refused by the body limit (413) before it is read.
pub const MAX_PHOTO_POST: usize = crate::photos::MAX_BYTES + 64 * 1024;

/// Is this a photo upload (which gets [`MAX_PHOTO_POST`] instead of the forms' limit)?
pub fn is_photo_post(path: &str) -> bool {
    path.strip_prefix("/projects/")
        .and_then(|rest| rest.strip_suffix("/photos"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

fn page(id: &str, code: &str) -> Response {
    see_other(&format!("/projects/{id}/edit?{code}#photos"), vec![])
}

pub async fn add(
    State(state): State<AppState>,
    Resident(me): Resident,
    Path(id): Path<String>,
    mut mp: Multipart,
) -> Result<Response, ProjectError> {
    let id = app::core::ids::RecordId::parse(&id).map_err(|_| ProjectError::NotFound)?;
    let id = id.as_str();
    let mut bytes = None;
    while let Ok(Some(field)) = mp.next_field().await {
        if field.name() == Some("photo") {
            match field.bytes().await {
                Ok(b) if !b.is_empty() => bytes = Some(b.to_vec()),
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e.body_text(), "unreadable photo upload");
                    return Ok(Refusal::bad_request(Msg::UploadUnreadable).into_response());
                }
            }
        }
    }
    let Some(bytes) = bytes else { return Ok(page(id, "error=photo_missing")) };
    let code = match propose::add_photo(&state.db, &state.photos, &me, id, bytes).await? {
        PhotoAdded::Added => "notice=photo_added",
        PhotoAdded::Full => "error=photo_count",
        PhotoAdded::NotEditable => "error=project_not_editable",
        PhotoAdded::Refused(PhotoError::TooLarge) => "error=photo_large",
        PhotoAdded::Refused(PhotoError::NotAnImage) => "error=photo_type",
        PhotoAdded::Refused(PhotoError::TooManyPixels) => "error=photo_pixels",
        PhotoAdded::Refused(_) => "error=photo_unreadable",
    };
    Ok(page(id, code))
}

pub async fn remove(
    State(state): State<AppState>,
    Resident(me): Resident,
    Path(id): Path<String>,
    Form(pairs): Pairs,
) -> Result<Response, ProjectError> {
    let id = app::core::ids::RecordId::parse(&id).map_err(|_| ProjectError::NotFound)?;
    let id = id.as_str();
    let code = if propose::remove_photo(&state.db, &me, id, first(&pairs, "photo")).await? {
        "notice=photo_removed"
    } else {
        "error=project_not_editable"
    };
    Ok(page(id, code))
}

pub async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(path) = state.photos.file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(&path).await {
        Ok(body) => {
            let mut res = body.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            res
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
