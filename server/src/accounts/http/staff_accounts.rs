//! The city administrator's staff accounts: `POST /staff/accounts` (create) and
//! `POST /staff/accounts/active` (deactivate or reactivate; takes effect at once).
use crate::accounts::error::AccountError;
use crate::accounts::service::{self, Created, StaffDraft};
use crate::web::extract::Staff;
use crate::web::reply::{field, see_other, FormMap};
use crate::web::AppState;
use app::core::access::Duty;
use axum::extract::State;
use axum::response::Response;

pub async fn create(
    State(state): State<AppState>,
    Staff(me): Staff,
    form: FormMap,
) -> Result<Response, AccountError> {
    crate::access::require(&me, Duty::StaffAccounts)?;
    let draft = StaffDraft {
        username: field(&form, "username"),
        display_name: field(&form, "display_name"),
        password: form.get("password").map(String::as_str).unwrap_or(""),
        role: field(&form, "role"),
        area: field(&form, "area"),
    };
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    let back = |error: &str| see_other(&format!("/staff/accounts?error={error}#new"), vec![]);
    Ok(match service::create_staff(&state.db, tree, Some(&me), draft).await? {
        Created::Yes => see_other("/staff/accounts?notice=account_created", vec![]),
        Created::Invalid(fault) => back(fault.code()),
        Created::UsernameTaken => back("username_taken"),
    })
}

/// Form `id`, `active=0|1`.
pub async fn set_active(
    State(state): State<AppState>,
    Staff(me): Staff,
    form: FormMap,
) -> Result<Response, AccountError> {
    crate::access::require(&me, Duty::StaffAccounts)?;
    let id = field(&form, "id");
    let active = match field(&form, "active") {
        "1" => true,
        "0" => false,
        _ => return Err(AccountError::BadRequest),
    };
    if id == me.id && !active {
        return Ok(see_other("/staff/accounts?error=self_deactivate", vec![]));
    }
    let site = state.site.snapshot().await?;
    let tree = &site.tree;
    service::set_active(&state.db, tree, &me, id, active).await?;
    Ok(see_other("/staff/accounts?notice=account_updated", vec![]))
}
