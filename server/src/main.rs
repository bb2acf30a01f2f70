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
