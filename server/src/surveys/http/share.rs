//! Share links: `GET /s/:code` leads to the survey with the community it was shared in;
//! `/s/:code/qr.svg` and `/s/:code/qr.png` are its QR code for posters.
use crate::surveys::error::SurveyError;
use crate::surveys::qr;
use crate::surveys::store::links;
use crate::web::reply::q;
use crate::web::AppState;
use app::core::ids::ShareCode;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn follow(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, SurveyError> {
    let code = ShareCode::parse(&code).map_err(|_| SurveyError::NotFound)?;
    let target = links::find(&state.db, code.as_str()).await?.ok_or(SurveyError::NotFound)?;
    let mut res = StatusCode::FOUND.into_response();
    let to = format!("/surveys/{}?via={}", target.survey, q(&target.community));
    if let Ok(v) = HeaderValue::from_str(&to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// The QR code of an existing link, pointing at its absolute URL.
async fn code_of(
    state: &AppState,
    headers: &HeaderMap,
    code: &str,
) -> Result<qrcode::QrCode, SurveyError> {
    let code = ShareCode::parse(code).map_err(|_| SurveyError::NotFound)?;
    links::find(&state.db, code.as_str()).await?.ok_or(SurveyError::NotFound)?;
    qr::code(&format!("{}/s/{code}", state.origin(headers))).ok_or(SurveyError::NotFound)
}

fn download(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
        .unwrap_or(HeaderValue::from_static("inline"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        body,
    )
        .into_response()
}

pub async fn svg(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, SurveyError> {
    let qr_code = code_of(&state, &headers, &code).await?;
    Ok(download("image/svg+xml", format!("tongxin-{code}.svg"), qr::svg(&qr_code).into_bytes()))
}

pub async fn png(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, SurveyError> {
    let qr_code = code_of(&state, &headers, &code).await?;
    let bytes = qr::png(&qr_code).ok_or(SurveyError::NotFound)?;
    Ok(download("image/png", format!("tongxin-{code}.png"), bytes))
}
