//! One page per file.
pub mod me;
pub mod my_data;
pub mod privacy;
pub mod signin;
pub mod staff_accounts;
pub mod staff_audit;
pub mod staff_home;
pub mod staff_residents;
pub mod staff_security;
pub mod staff_signin;

pub use me::MePage;
pub use my_data::MyDataPage;
pub use privacy::{ConsentPage, PrivacyPage};
pub use signin::SigninPage;
pub use staff_accounts::StaffAccountsPage;
pub use staff_audit::StaffAuditPage;
pub use staff_home::StaffHomePage;
pub use staff_residents::StaffResidentsPage;
pub use staff_security::StaffSecurityPage;
pub use staff_signin::StaffSigninPage;
