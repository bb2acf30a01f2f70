//! The outcome codes that form handlers put in `?error=` and `?notice=` when they
//! send the resident back, and the message each one shows. Unknown codes show
//! nothing (a link cannot make the page say something false).
use crate::core::i18n::{Lang, Msg};
use leptos::prelude::*;

pub fn error(code: &str) -> Option<Msg> {
    Some(match code {
        "phone_invalid" => Msg::AuthErrPhoneInvalid,
        "cooldown" => Msg::AuthErrCooldown,
        "phone_limit" => Msg::AuthErrPhoneLimit,
        "client_limit" => Msg::AuthErrClientLimit,
        "sms_failed" => Msg::AuthErrSmsFailed,
        "code_format" => Msg::AuthErrCodeFormat,
        "code_wrong" => Msg::AuthErrCodeWrong,
        "code_used" => Msg::AuthErrCodeUsed,
        "code_exhausted" => Msg::AuthErrCodeExhausted,
        "code_expired" => Msg::AuthErrCodeExpired,
        "wechat_state" => Msg::AuthErrWechatState,
        "wechat_denied" => Msg::AuthErrWechatDenied,
        "wechat_retry" => Msg::AuthErrWechatRetry,
        "wechat_snapshot" => Msg::AuthErrWechatSnapshot,
        "wechat_unavailable" => Msg::AuthErrWechatUnavailable,
        "consent_required" => Msg::ConsentRequired,
        "community_unknown" => Msg::MeErrCommunityUnknown,
        "community_first" => Msg::MeErrCommunityFirst,
        "claim_name" => Msg::MeErrClaimName,
        "claim_address" => Msg::MeErrClaimAddress,
        "delete_confirm" => Msg::MeErrDeleteConfirm,
        "phone_already" => Msg::MeErrPhoneAlready,
        "wechat_already" => Msg::MeErrWechatAlready,
        "link_conflict" => Msg::MeErrLinkConflict,
        "signin_required" => Msg::MeErrSigninRequired,
        "staff_refused" => Msg::StaffErrRefused,
        "staff_locked" => Msg::StaffErrLocked,
        "staff_inactive" => Msg::StaffErrInactive,
        "setup_required" => Msg::StaffErrSetupRequired,
        "password_wrong" => Msg::StaffErrPasswordWrong,
        "password_mismatch" => Msg::StaffErrPasswordMismatch,
        "password_same" => Msg::StaffErrPasswordSame,
        "totp_wrong" => Msg::StaffErrTotpWrong,
        "totp_required" => Msg::StaffErrTotpRequired,
        "role_invalid" => Msg::StaffErrRoleInvalid,
        "username_invalid" => Msg::StaffErrUsernameInvalid,
        "display_name_invalid" => Msg::StaffErrDisplayNameInvalid,
        "password_short" => Msg::StaffErrPasswordShort,
        "area_role_mismatch" => Msg::StaffErrAreaRoleMismatch,
        "username_taken" => Msg::StaffErrUsernameTaken,
        "self_deactivate" => Msg::StaffErrSelfDeactivate,
        "survey_title" => Msg::StaffSurveyErrTitle,
        "survey_intro" => Msg::StaffSurveyErrIntro,
        "survey_times" => Msg::StaffSurveyErrTimes,
        "survey_not_ready" => Msg::StaffSurveyErrNotReady,
        "publish_unconfirmed" => Msg::StaffSurveyErrPublishUnconfirmed,
        "survey_month" => Msg::StaffSurveyErrMonth,
        "survey_month_taken" => Msg::StaffSurveyErrMonthTaken,
        "survey_area" => Msg::StaffSurveyErrArea,
        "close_confirm" => Msg::StaffSurveyErrCloseConfirm,
        "export_small" => Msg::StaffSurveyErrExportSmall,
        "export_after_close" => Msg::StaffSurveyErrExportAfterClose,
        "survey_closed" => Msg::SurveyNoticeClosed,
        "rate_limit" => Msg::SurveyNoticeRateLimit,
        "community_needed" => Msg::SurveyNoticeCommunityNeeded,
        "answers_lost" => Msg::SurveyNoticeAnswersLost,
        "photo_large" => Msg::ProjectErrPhotoLarge,
        "photo_type" => Msg::ProjectErrPhotoType,
        "photo_pixels" => Msg::ProjectErrPhotoPixels,
        "photo_unreadable" => Msg::ProjectErrPhotoUnreadable,
        "photo_count" => Msg::ProjectErrPhotoCount,
        "photo_missing" => Msg::ProjectErrPhotoMissing,
        "support_closed" => Msg::ProjectErrSupportClosed,
        "support_outside" => Msg::ProjectErrSupportOutside,
        "support_verified" => Msg::ProjectErrSupportVerified,
        "support_author" => Msg::ProjectErrSupportAuthor,
        "ballot_not_open" => Msg::ProjectErrBallotNotOpen,
        "ballot_outside" => Msg::ProjectErrBallotOutside,
        "ballot_verified" => Msg::ProjectErrBallotVerified,
        code => return crate::projects::rules::proposal::fault_msg(code),
    })
}

pub fn notice(code: &str) -> Option<Msg> {
    Some(match code {
        "signed_out" => Msg::AuthSignedOut,
        "signed_out_all" => Msg::AuthSignedOutAll,
        "account_deleted" => Msg::MeDeleted,
        "consent_withdrawn" => Msg::MeConsentWithdrawn,
        "community_set" => Msg::MeCommunitySet,
        "community_verified" => Msg::MeCommunityVerified,
        "verification_sent" => Msg::MeVerificationSent,
        "phone_linked" => Msg::MePhoneLinked,
        "wechat_linked" => Msg::MeWechatLinked,
        "decided" => Msg::StaffDecided,
        "account_created" => Msg::StaffAccountCreated,
        "account_updated" => Msg::StaffAccountUpdated,
        "password_changed" => Msg::StaffPasswordChanged,
        "totp_enabled" => Msg::StaffTotpEnabled,
        "totp_disabled" => Msg::StaffTotpDisabled,
        "survey_created" => Msg::StaffSurveyNoticeCreated,
        "survey_saved" => Msg::StaffSurveyNoticeSaved,
        "survey_published" => Msg::StaffSurveyNoticePublished,
        "survey_closed_ok" => Msg::StaffSurveyNoticeClosed,
        "survey_deleted" => Msg::StaffSurveyNoticeDeleted,
        "project_saved" => Msg::ProjectNoticeSaved,
        "project_submitted" => Msg::ProjectNoticeSubmitted,
        "photo_added" => Msg::ProjectNoticePhotoAdded,
        "photo_removed" => Msg::ProjectNoticePhotoRemoved,
        "supported" => Msg::ProjectNoticeSupported,
        "already_supported" => Msg::ProjectNoticeAlreadySupported,
        "to_council" => Msg::ProjectNoticeToCouncil,
        "reviewed" => Msg::ProjectNoticeReviewed,
        "list_saved" => Msg::ProjectNoticeListSaved,
        "comment_added" => Msg::ProjectNoticeCommentAdded,
        "comment_reported" => Msg::ProjectNoticeCommentReported,
        "comment_hidden" => Msg::ProjectNoticeCommentHidden,
        "council_saved" => Msg::ProjectNoticeCouncilSaved,
        "ballot_cast" => Msg::ProjectNoticeBallotCast,
        "ballot_changed" => Msg::ProjectNoticeBallotChanged,
        "round_created" => Msg::ProjectNoticeRoundCreated,
        _ => return None,
    })
}

/// The query parameter `name` of the page being rendered.
pub fn query(name: &str) -> Option<String> {
    let q = leptos_router::hooks::use_query_map();
    q.with_untracked(|m| m.get(name)).filter(|v| !v.is_empty())
}

/// The page's error or notice banner, from its query string. Errors are announced
/// at once to screen readers (`role="alert"`), notices politely.
#[component]
pub fn Banner(lang: Lang) -> impl IntoView {
    let args: Vec<(&str, String)> = ["left", "wait", "to"]
        .into_iter()
        .filter_map(|k| {
            query(k)
                .filter(|v| v.len() <= 8 && v.bytes().all(|b| b.is_ascii_digit()))
                .map(|v| (k, v))
        })
        .collect();
    let fill = move |msg: Msg| {
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        lang.fmt(msg, &pairs)
    };
    let err = query("error").and_then(|c| error(&c)).map(fill);
    let note = query("notice").and_then(|c| notice(&c)).map(|m| lang.t(m).to_string());
    view! {
        {err.map(|text| view! { <p class="alert alert-error" role="alert">{text}</p> })}
        {note.map(|text| view! { <p class="alert alert-ok" role="status">{text}</p> })}
    }
}
