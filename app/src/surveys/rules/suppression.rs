//! Which areas' figures are withheld, so that no small group's answers can be read.
//!
//! Primary suppression withholds an area with 1 to [`MIN_SHOWN`]` - 1` responses.
//! That alone is not enough: a street's total minus its shown communities would give
//! a withheld community's figure. So, as official statistics do, whenever the withheld
//! children of an area are a single one, or fewer than [`MIN_SHOWN`] responses
//! together, the smallest shown sibling is withheld with them (secondary, or
//! complementary, suppression). A selection is withheld when it, or any area between
//! it and the top of what the viewer may see, is.
use super::results::{Row, MIN_SHOWN};
use crate::core::areas::AreaTree;
use std::collections::{HashMap, HashSet};

/// Responses per area: each counts for its community (when kept), its street and every
/// area above them.
pub fn counts(tree: &AreaTree, rows: &[Row<'_>]) -> HashMap<String, u32> {
    let mut out: HashMap<String, u32> = HashMap::new();
    for r in rows {
        let Some(base) = r.community.or(r.street) else { continue };
        if tree.get(base).is_none() {
            continue;
        }
        *out.entry(base.to_string()).or_default() += 1;
        for a in tree.ancestors(base) {
            *out.entry(a.code.clone()).or_default() += 1;
        }
    }
    out
}

/// The areas below `top` whose figures are withheld (primary and secondary).
pub fn withheld(tree: &AreaTree, counts: &HashMap<String, u32>, top: &str) -> HashSet<String> {
    let n = |code: &str| counts.get(code).copied().unwrap_or(0);
    let mut out = HashSet::new();
    let mut stack = vec![top.to_string()];
    while let Some(parent) = stack.pop() {
        let kids = tree.children(&parent);
        let mut hidden: Vec<&str> = kids
            .iter()
            .map(|k| k.code.as_str())
            .filter(|k| (1..MIN_SHOWN).contains(&n(k)))
            .collect();
        let sum: u32 = hidden.iter().map(|k| n(k)).sum();
        if !hidden.is_empty() && (hidden.len() == 1 || sum < MIN_SHOWN) {
            let complement = kids
                .iter()
                .map(|k| k.code.as_str())
                .filter(|k| n(k) >= MIN_SHOWN)
                .min_by(|a, b| n(a).cmp(&n(b)).then(a.cmp(b)));
            hidden.extend(complement);
        }
        out.extend(hidden.into_iter().map(str::to_string));
        stack.extend(kids.iter().map(|k| k.code.clone()));
    }
    out
}

/// Is the selection `area` (inside `top`) withheld?
pub fn is_withheld(tree: &AreaTree, hidden: &HashSet<String>, area: &str, top: &str) -> bool {
    if area == top {
        return false;
    }
    hidden.contains(area)
        || tree
            .ancestors(area)
            .iter()
            .take_while(|a| a.code != top)
            .any(|a| hidden.contains(&a.code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::areas::Level;
    use crate::core::fixtures::area;
    use crate::surveys::model::Answers;

    fn tree() -> AreaTree {
        AreaTree::new(vec![
            area("C", None, Level::City),
            area("D", Some("C"), Level::District),
            area("S1", Some("D"), Level::Street),
            area("S2", Some("D"), Level::Street),
            area("K1", Some("S1"), Level::Community),
            area("K2", Some("S1"), Level::Community),
            area("K3", Some("S1"), Level::Community),
            area("K4", Some("S1"), Level::Community),
            area("K5", Some("S2"), Level::Community),
        ])
    }

    fn rows<'a>(tree: &'a AreaTree, a: &'a Answers, per: &[(&str, usize)]) -> Vec<Row<'a>> {
        let mut out = Vec::new();
        for (code, n) in per {
            let k = tree.get(code).unwrap();
            for _ in 0..*n {
                out.push(Row {
                    community: Some(k.code.as_str()),
                    street: k.parent_code.as_deref(),
                    answers: a,
                });
            }
        }
        out
    }

    #[test]
    fn one_withheld_cell_takes_the_smallest_shown_sibling_with_it() {
        let t = tree();
        let a = Answers::new();
        let r = rows(&t, &a, &[("K1", 6), ("K2", 7), ("K3", 2), ("K5", 9)]);
        let c = counts(&t, &r);
        assert_eq!((c["S1"], c["D"], c["C"]), (15, 24, 24));
        let h = withheld(&t, &c, "C");
        assert!(h.contains("K3"), "primary");
        assert!(h.contains("K1"), "secondary: S1 − K2 − K4 would give K1 + K3 only");
        assert!(!h.contains("K2") && !h.contains("K4") && !h.contains("S1"));
        assert!(is_withheld(&t, &h, "K1", "C"));
        assert!(!is_withheld(&t, &h, "K2", "C"));
        // No withheld figure is the difference of shown ones: what is withheld under
        // S1 adds up to at least MIN_SHOWN over at least two areas.
        let hidden_sum: u32 = ["K1", "K2", "K3", "K4"]
            .iter()
            .filter(|k| h.contains(**k))
            .map(|k| c.get(*k).copied().unwrap_or(0))
            .sum();
        assert!(hidden_sum >= MIN_SHOWN);
    }

    #[test]
    fn two_small_cells_that_add_up_to_five_need_no_complement() {
        let t = tree();
        let a = Answers::new();
        let r = rows(&t, &a, &[("K1", 6), ("K2", 3), ("K3", 2)]);
        let h = withheld(&t, &counts(&t, &r), "S1");
        assert_eq!(h, ["K2", "K3"].iter().map(|s| s.to_string()).collect());
    }

    #[test]
    fn two_small_cells_under_five_together_take_a_complement() {
        let t = tree();
        let a = Answers::new();
        let r = rows(&t, &a, &[("K1", 8), ("K2", 1), ("K3", 2), ("K4", 6)]);
        let h = withheld(&t, &counts(&t, &r), "S1");
        assert_eq!(h, ["K2", "K3", "K4"].iter().map(|s| s.to_string()).collect());
    }

    #[test]
    fn a_withheld_street_withholds_its_communities_and_empty_areas_are_shown() {
        let t = tree();
        let a = Answers::new();
        let r = rows(&t, &a, &[("K1", 3), ("K5", 9)]);
        let c = counts(&t, &r);
        let h = withheld(&t, &c, "D");
        assert!(h.contains("S1"), "3 responses");
        assert!(h.contains("S2"), "its complement, the only other street");
        assert!(is_withheld(&t, &h, "K1", "D"), "inside a withheld street");
        assert!(!is_withheld(&t, &h, "D", "D"), "the top is never withheld by this rule");
        assert!(!h.contains("K2"), "no responses: nothing to protect");
    }
}
