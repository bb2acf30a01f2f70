//! Share links: `GET /s/:code` leads to the survey with the community it was shared in;
//! `/s/:code/qr.svg` and `/s/:code/qr.png` are its QR code for posters.
use crate::qr;
use crate::surveys::error::SurveyError;
use crate::surveys::service::share;
use crate::web::reply::{file, q, Disposition};
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn follow(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, SurveyError> {
    let target = share::follow(&state.db, &code).await?;
    let mut res = StatusCode::FOUND.into_response();
    let to = format!("/surveys/{}?via={}", target.survey, q(&target.code));
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
    share::follow(&state.db, code).await?;
    qr::code(&format!("{}/s/{code}", state.origin(headers))).ok_or(SurveyError::NotFound)
}

pub async fn svg(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, SurveyError> {
    let qr_code = code_of(&state, &headers, &code).await?;
    let svg = qr::svg(&qr_code).into_bytes();
    Ok(file("image/svg+xml", &format!("tongxin-{code}.svg"), svg, Disposition::Inline))
}

pub async fn png(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, SurveyError> {
    let qr_code = code_of(&state, &headers, &code).await?;
    let bytes = qr::png(&qr_code).ok_or(SurveyError::NotFound)?;
    Ok(file("image/png", &format!("tongxin-{code}.png"), bytes, Disposition::Inline))
}
