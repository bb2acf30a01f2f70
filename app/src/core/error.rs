//! The one error of server functions (Leptos 0.8 `FromServerFnError`): what a page
//! needs to know to answer the visitor — sign in, not yours, not there, or try later.
//! Details of failures are logged on the server, never sent.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nobody is signed in (as staff, for staff pages).
    #[error("sign in first")]
    SignIn,
    /// Signed in, but outside the account's rights.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Storage or the framework failed; the visitor may try again later.
    #[error("unavailable")]
    Unavailable,
}

/// Sets the response status while rendering on the server (pages and server-function
/// responses alike); a no-op in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        res.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

impl AppError {
    /// This error, with the response's status set to match.
    pub fn refused(self) -> Self {
        set_status(self.status());
        self
    }

    /// The HTTP status a page or server-function response gets for this error.
    pub const fn status(self) -> u16 {
        match self {
            AppError::SignIn | AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Unavailable => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(e: ServerFnErrorErr) -> Self {
        leptos::logging::error!("server function failed: {e}");
        AppError::Unavailable
    }
}

/// What server functions return.
pub type AppResult<T> = Result<T, AppError>;
