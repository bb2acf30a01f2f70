//! `tongxin pb tally FILE --rule greedy|mes`: the site's tally engine over any
//! pabulib approval file.
use super::TallyRule;
use anyhow::Context;
use app::core::i18n::Lang;
use app::projects::rules::pabulib::PbFile;
use app::projects::rules::tally::{equal_shares, greedy};
use std::path::Path;
use std::process::ExitCode;

/// Prints the funded project ids, one per line, in the order the rule chose them; a
/// file that cannot be tallied is named on standard error, with exit code 1.
pub fn tally(file: &Path, rule: TallyRule, lang: Lang) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let election = match PbFile::parse(&text).and_then(|f| f.election()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{}: {}", file.display(), e.message(lang));
            return Ok(ExitCode::FAILURE);
        }
    };
    let funded = match rule {
        TallyRule::Greedy => greedy(&election).funded,
        TallyRule::Mes => equal_shares(&election).funded,
    };
    let mut out = String::new();
    for p in funded {
        out.push_str(&election.names[p]);
        out.push('\n');
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
