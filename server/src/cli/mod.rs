//! The command line: `tongxin serve` (the default), `migrate`, `seed-demo`, `import`,
//! `staff`, `backup` and `pb tally`. Output is in Chinese, or English with `--lang en`.
mod commands;
mod pb;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use commands::run;

#[derive(Parser)]
#[command(
    name = "tongxin",
    version,
    about = "同心 Tongxin: citizen engagement portal for city-level social governance"
)]
pub struct Cli {
    /// Configuration file (TOML). Default: ./tongxin.toml if present. TONGXIN_* variables override it.
    #[arg(long, global = true, env = "TONGXIN_CONFIG")]
    pub config: Option<PathBuf>,
    /// Language of command output: zh-CN or en.
    #[arg(long, global = true, default_value = "zh-CN", env = "TONGXIN_LANG")]
    pub lang: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Participatory-budgeting files in the pabulib format (pabulib.org).
    #[command(subcommand)]
    Pb(PbCmd),
}

#[derive(Subcommand)]
pub enum PbCmd {
    /// Tally an approval file with the engine the site's budget rounds use, and print
    /// the funded project ids, one per line, in the file's spelling and the order the
    /// rule chose them.
    Tally {
        /// The .pb file.
        file: PathBuf,
        /// greedy (by votes, skipping what no longer fits) or mes (the Method of Equal
        /// Shares with add-one completion).
        #[arg(long, value_enum)]
        rule: TallyRule,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TallyRule {
    Greedy,
    Mes,
}

#[derive(Subcommand)]
pub enum Import {
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
pub enum StaffCmd {
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
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("not a date (YYYY-MM-DD): {s}"))
}
