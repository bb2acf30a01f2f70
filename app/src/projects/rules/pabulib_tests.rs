use super::*;
use crate::projects::rules::tally::{equal_shares, greedy};

const SAMPLE: &str = "\u{feff}META\r\nkey;value\r\ndescription;\"Budżet; obywatelski\"\r\n\
country;Poland\r\nbudget;100\r\nvote_type;approval\r\nrule;greedy\r\n\
PROJECTS\r\nproject_id;cost;name;selected\r\n7;60;\"Plac \"\"zabaw\"\"\";1\r\n\
12;50;Ławki;0\r\n3;40;\"Drzewa\nprzy szkole\";1\r\n\
VOTES\r\nvoter_id;vote;age\r\nv1;7,12;30\r\nv2;7,12,12;41\r\nv3; 7 ,3;25\r\n";

#[test]
fn a_file_is_read_with_its_quotes_line_breaks_and_line_numbers() {
    let f = PbFile::parse(SAMPLE).unwrap();
    assert_eq!(f.meta("description"), Some("Budżet; obywatelski"));
    assert_eq!(f.meta("budget"), Some("100"));
    assert_eq!(f.project_ids().unwrap(), ["7", "12", "3"]);
    assert_eq!(f.projects[0][2], "Plac \"zabaw\"");
    assert_eq!(f.projects[2][2], "Drzewa\nprzy szkole");
    assert_eq!(f.selected(), Some(vec!["7".to_string(), "3".to_string()]));
    assert_eq!(f.lines.budget, 5);
    assert_eq!(f.lines.projects, [10, 11, 12]);
    assert_eq!(f.lines.votes, [16, 17, 18], "the quoted line break counts");
    let e = f.election().unwrap();
    assert_eq!(e.budget, 100.0);
    assert_eq!(e.costs, [60.0, 50.0, 40.0]);
    assert_eq!(e.ballots, [vec![0, 1], vec![0, 1], vec![0, 2]]);
    assert_eq!(greedy(&e).funded, [0, 2]);
    assert_eq!(equal_shares(&e).funded.len(), 1, "three voters, 33.33 each: only 7 is paid for");
}

#[test]
fn written_files_read_back_the_same() {
    let f = PbFile::parse(SAMPLE).unwrap();
    let again = PbFile::parse(&f.to_text()).unwrap();
    assert_eq!(again.meta, f.meta);
    assert_eq!(again.project_columns, f.project_columns);
    assert_eq!(again.projects, f.projects);
    assert_eq!(again.votes, f.votes);
    assert!(f.to_text().contains("\"Budżet; obywatelski\""));
}

#[test]
fn faults_are_named_with_their_line() {
    let unknown = SAMPLE.replace("v3; 7 ,3;25", "v3;7,99;25");
    let err = PbFile::parse(&unknown).unwrap().election().unwrap_err();
    assert_eq!(err, PbError { line: 18, fault: PbFault::Unknown("99".into()) });
    assert_eq!(err.message(Lang::Zh), "第 18 行：投票中的项目“99”不在项目列表中。");
    assert_eq!(err.message(Lang::En), "Line 18: the vote names project “99”, which is not listed.");
    let cost = SAMPLE.replace("12;50;", "12;fifty;");
    assert_eq!(
        PbFile::parse(&cost).unwrap().election().unwrap_err(),
        PbError { line: 11, fault: PbFault::Number("fifty".into()) }
    );
    let ordinal = SAMPLE.replace("vote_type;approval", "vote_type;ordinal");
    assert_eq!(
        PbFile::parse(&ordinal).unwrap().election().unwrap_err().fault,
        PbFault::NotApproval("ordinal".into())
    );
    let cut = SAMPLE.split("VOTES").next().unwrap();
    assert_eq!(PbFile::parse(cut).unwrap_err().fault, PbFault::Missing("VOTES"));
    let open = format!("{SAMPLE}v4;\"7;30\r\n");
    assert_eq!(PbFile::parse(&open).unwrap_err().fault, PbFault::Shape);
    assert_eq!(
        PbFile::parse("x;y\nMETA\n").unwrap_err(),
        PbError { line: 1, fault: PbFault::Shape }
    );
}
