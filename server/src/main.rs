//! `tongxin`: the portal's server and its operations commands.
use anyhow::Context;
use app::i18n::{Lang, Msg};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tongxin::config::Settings;
use tongxin::startup::{open_db, seed_demo, yesterday_in_china, Application};
use tongxin::storage::areas::ImportOutcome;
use tongxin::storage::observations::Progress;

#[derive(Parser)]
#[command(name = "tongxin", version, about = "同心 Tongxin: citizen engagement portal for city-level social governance")]
struct Cli {
    /// Configuration file (TOML). Default: ./tongxin.toml if present. TONGXIN_* variables override it.
    #[arg(long, global = true, env = "TONGXIN_CONFIG")]
    config: Option<PathBuf>,
    /// Language of command output: zh-CN or en.
    #[arg(long, global = true, default_value = "zh-CN", env = "TONGXIN_LANG")]
    lang: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default when no command is given).
    Serve,
    /// Create the database if needed and apply all migrations.
    Migrate,
    /// Load the fictional demo city 同心市 with index history (refused if it conflicts with stored areas).
    SeedDemo {
        /// Months of history before the last day's month.
        #[arg(long)]
        months: Option<u32>,
        /// Last day of history (YYYY-MM-DD); default yesterday in China.
        #[arg(long, value_parser = parse_day)]
        until: Option<chrono::NaiveDate>,
    },
    /// Import data from a CSV file; the whole file is checked first and applied all-or-nothing.
    #[command(subcommand)]
    Import(Import),
    /// Staff accounts (the first city administrator is created here).
    #[command(subcommand)]
    Staff(StaffCmd),
    /// Write a consistent copy of the database to FILE.
    Backup {
        /// Where to write the copy (must not exist).
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum Import {
    /// Areas: columns code,parent_code,level,name_zh,name_en,population (UTF-8).
    Areas {
        /// The CSV file.
        file: PathBuf,
    },
    /// Index observations: columns period,area_code,indicator,value (UTF-8). Periods are
    /// YYYY-MM-DD for daily indicators and YYYY-MM for monthly ones; areas are streets;
    /// daily values are counts. Rows replace stored ones; affected scores are recomputed.
    Observations {
        /// The CSV file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum StaffCmd {
    /// Create a staff account bound to an area. The password is read from
    /// TONGXIN_STAFF_PASSWORD, else asked for on the terminal.
    Add {
        /// Sign-in name: 3–32 letters, digits, '.', '_' or '-'.
        #[arg(long)]
        username: String,
        /// Name shown to colleagues, e.g. 王主任.
        #[arg(long)]
        name: String,
        /// city_admin, district_officer, street_officer or committee.
        #[arg(long)]
        role: String,
        /// Code of the area the role covers (its level must match the role).
        #[arg(long)]
        area: String,
    },
    /// List staff accounts.
    List,
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("not a date (YYYY-MM-DD): {s}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_tag(&cli.lang).unwrap_or_default();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::from(2);
        }
    };
    tongxin::telemetry::init(&settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), settings, lang)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings, lang: Lang) -> anyhow::Result<ExitCode> {
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
            let outcome = seed_demo(&db, months, until.unwrap_or_else(yesterday_in_china)).await?;
            db.close().await;
            return Ok(report(outcome, lang, Msg::ImportSummaryOk));
        }
        Command::Import(Import::Areas { file }) => {
            let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let db = open_db(&settings).await?;
            let outcome = db.import_areas_csv(&bytes).await?;
            db.close().await;
            return Ok(report(outcome, lang, Msg::ImportSummaryOk));
        }
        Command::Import(Import::Observations { file }) => {
            let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let db = open_db(&settings).await?;
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
            let outcome = db.import_observations_csv(&bytes, &progress).await?;
            bar.finish_and_clear();
            db.close().await;
            return Ok(report(outcome, lang, Msg::ImportObsSummary));
        }
        Command::Staff(StaffCmd::Add { username, name, role, area }) => {
            return staff_add(&settings, &username, &name, &role, &area).await;
        }
        Command::Staff(StaffCmd::List) => {
            let db = open_db(&settings).await?;
            for s in db.staff_list().await? {
                let state = if s.active { "active" } else { "inactive" };
                println!("{}\t{}\t{}\t{}\t{state}", s.username, s.display_name, s.role.as_str(), s.area_code);
            }
            db.close().await;
        }
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

async fn staff_add(settings: &Settings, username: &str, name: &str, role: &str, area: &str) -> anyhow::Result<ExitCode> {
    use tongxin::http::staff::{valid_username, MIN_PASSWORD};
    let role = app::auth::Role::parse(role)
        .ok_or_else(|| anyhow::anyhow!("role must be city_admin, district_officer, street_officer or committee"))?;
    anyhow::ensure!(valid_username(username), "username: 3–32 letters, digits, '.', '_' or '-'");
    anyhow::ensure!(!name.trim().is_empty() && name.chars().count() <= 40, "name: 1–40 characters");
    let db = open_db(settings).await?;
    let tree = app::areas::AreaTree::new(db.areas().await?);
    match tree.get(area) {
        Some(a) if a.level == role.level() => {}
        Some(a) => anyhow::bail!("{area} is a {}; a {} needs a {}", a.level.as_str(), role.as_str(), role.level().as_str()),
        None => anyhow::bail!("no area {area}"),
    }
    let password = match std::env::var("TONGXIN_STAFF_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password("password: ")?,
    };
    anyhow::ensure!(password.chars().count() >= MIN_PASSWORD, "password: at least {MIN_PASSWORD} characters");
    let phc = tongxin::auth::crypto::hash_password(&password)?;
    let new = tongxin::storage::accounts::NewStaff {
        username,
        display_name: name.trim(),
        password_hash: &phc,
        role,
        area_code: area,
        created_by: None,
    };
    let created = db.staff_add(new, "cli").await?;
    db.close().await;
    match created {
        Some(_) => {
            println!("created {username} ({}, {area})", role.as_str());
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("username {username} is taken");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn report(outcome: ImportOutcome, lang: Lang, summary: Msg) -> ExitCode {
    match outcome {
        ImportOutcome::Applied { inserted, updated } => {
            let count = (inserted + updated).to_string();
            println!(
                "{}",
                lang.fmt(
                    summary,
                    &[("count", &count), ("inserted", &inserted.to_string()), ("updated", &updated.to_string())]
                )
            );
            ExitCode::SUCCESS
        }
        ImportOutcome::Rejected(problems) => {
            for p in &problems {
                eprintln!("{}", p.message(lang));
            }
            eprintln!("{}", lang.fmt(Msg::ImportSummaryFailed, &[("count", &problems.len().to_string())]));
            ExitCode::FAILURE
        }
    }
}
