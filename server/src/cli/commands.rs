//! What each command does.
use super::{Command, Import, PbCmd, StaffCmd};
use crate::accounts::service::{self as accounts, Created, StaffDraft};
use crate::clock::yesterday_in_china;
use crate::config::Settings;
use crate::csv_import::ImportOutcome;
use crate::db::Db;
use crate::index::service::{self as index, Progress};
use crate::startup::{open_db, Application};
use anyhow::Context;
use app::core::areas::AreaTree;
use app::core::i18n::{Lang, Msg};
use std::process::ExitCode;

pub async fn run(command: Command, settings: Settings, lang: Lang) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve => {
            let app = Application::build(settings).await?;
            let url = format!("http://127.0.0.1:{}", app.port());
            tracing::info!(%url, "listening");
            println!("同心 Tongxin is running at {url}");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            let db = open_db(&settings).await?;
            println!("migrated {}", settings.database_url());
            db.close().await;
        }
        Command::SeedDemo { months, until } => {
            let db = open_db(&settings).await?;
            let months = months.unwrap_or(settings.demo_months);
            let outcome =
                crate::demo::seed(&db, months, until.unwrap_or_else(yesterday_in_china)).await?;
            db.close().await;
            return Ok(report(outcome, lang, Msg::ImportSummaryOk));
        }
        Command::Import(Import::Areas { file }) => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let db = open_db(&settings).await?;
            let outcome = crate::areas::service::import_csv(&db, &bytes).await?;
            db.close().await;
            return Ok(report(outcome, lang, Msg::ImportSummaryOk));
        }
        Command::Import(Import::Observations { file }) => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let db = open_db(&settings).await?;
            let outcome = import_observations(&db, &bytes).await?;
            db.close().await;
            return Ok(report(outcome, lang, Msg::ImportObsSummary));
        }
        Command::Staff(StaffCmd::Add { username, name, role, area }) => {
            return staff_add(&settings, &username, &name, &role, &area).await;
        }
        Command::Staff(StaffCmd::List) => {
            let db = open_db(&settings).await?;
            for s in crate::accounts::store::staff::list(&db).await? {
                let state = if s.active { "active" } else { "inactive" };
                println!(
                    "{}\t{}\t{}\t{}\t{state}",
                    s.username,
                    s.display_name,
                    s.role.as_str(),
                    s.area_code
                );
            }
            db.close().await;
        }
        Command::Pb(PbCmd::Tally { file, rule }) => return super::pb::tally(&file, rule, lang),
        Command::Backup { file } => {
            anyhow::ensure!(!file.exists(), "{} already exists", file.display());
            let db = open_db(&settings).await?;
            db.backup(&file).await?;
            db.close().await;
            println!("{}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The observations import with a progress bar in the terminal.
async fn import_observations(db: &Db, bytes: &[u8]) -> anyhow::Result<ImportOutcome> {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let progress = {
        let bar = bar.clone();
        move |p: Progress| match p {
            Progress::Validated { rows } => {
                bar.set_message("write");
                bar.set_length(rows);
            }
            Progress::Written { done, .. } => bar.set_position(done),
            Progress::Recomputed { done, total } => {
                if done == 1 {
                    bar.set_message("recompute");
                    bar.set_length(total);
                }
                bar.set_position(done);
            }
        }
    };
    let outcome = index::import_csv(db, bytes, None, &progress).await?;
    bar.finish_and_clear();
    Ok(outcome)
}

async fn staff_add(
    settings: &Settings,
    username: &str,
    name: &str,
    role: &str,
    area: &str,
) -> anyhow::Result<ExitCode> {
    let db = open_db(settings).await?;
    let tree = AreaTree::new(crate::areas::store::all(&db).await?);
    let fields = StaffDraft { username, display_name: name, password: "", role, area };
    if let Err(fault) = fields.check_all_but_password(&tree) {
        eprintln!("{}", fault_text(fault, area));
        return Ok(ExitCode::FAILURE);
    }
    let password = match std::env::var("TONGXIN_STAFF_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password("password: ")?,
    };
    let draft = StaffDraft { password: &password, ..fields };
    let created = accounts::create_staff(&db, &tree, None, draft)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    db.close().await;
    match created {
        Created::Yes => {
            println!("created {username} ({role}, {area})");
            Ok(ExitCode::SUCCESS)
        }
        Created::Invalid(fault) => {
            eprintln!("{}", fault_text(fault, area));
            Ok(ExitCode::FAILURE)
        }
        Created::UsernameTaken => {
            eprintln!("username {username} is taken");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn fault_text(fault: accounts::DraftFault, area: &str) -> String {
    use accounts::DraftFault::*;
    match fault {
        Role => "role must be city_admin, district_officer, street_officer or committee".into(),
        Username => "username: 3–32 letters, digits, '.', '_' or '-'".into(),
        DisplayName => "name: 1–40 characters".into(),
        PasswordShort => format!("password: at least {} characters", accounts::MIN_PASSWORD),
        AreaRole => format!("{area}: no such area, or its level does not fit the role"),
    }
}

fn report(outcome: ImportOutcome, lang: Lang, summary: Msg) -> ExitCode {
    match outcome {
        ImportOutcome::Applied { inserted, updated } => {
            let count = (inserted + updated).to_string();
            let args = [
                ("count", count.as_str()),
                ("inserted", &inserted.to_string()),
                ("updated", &updated.to_string()),
            ];
            println!("{}", lang.fmt(summary, &args));
            ExitCode::SUCCESS
        }
        ImportOutcome::Rejected(problems) => {
            for p in &problems {
                eprintln!("{}", p.message(lang));
            }
            eprintln!(
                "{}",
                lang.fmt(Msg::ImportSummaryFailed, &[("count", &problems.len().to_string())])
            );
            ExitCode::FAILURE
        }
    }
}
