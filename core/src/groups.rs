//! Grouping many invoices by a few thousand keys (customer, currency), in key order.
//!
//! A `BTreeMap` keyed by strings compares names about a dozen times per invoice as it inserts;
//! at 100,000 invoices those compares were a tenth of the playbook, and the B-trees of the
//! charge totals and the credit stage took about 3 % of an as-of change each (perf, issue 14).
//! A hash map finds each group with one hash and one compare, and sorting the groups once after
//! gives the B-tree's order, so callers see no difference.

use std::collections::HashMap;
use std::hash::Hash;

use foldhash::fast::RandomState;

/// Groups by key; turn into key order with [`sorted`].
pub(crate) type Groups<K, V> = HashMap<K, V, RandomState>;

/// A map's entries in key order: what a `BTreeMap` of the same entries iterates.
pub(crate) fn sorted<K: Ord + Hash, V>(groups: Groups<K, V>) -> Vec<(K, V)> {
    let mut entries: Vec<(K, V)> = groups.into_iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn sorted_groups_come_in_the_order_a_btree_gives() {
        let words = [
            "客户B", "Acme", "acme", "客户A", "Zeta", "Acme", "", "客户B",
        ];
        let mut groups: Groups<&str, usize> = Groups::default();
        let mut tree: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, w) in words.iter().enumerate() {
            *groups.entry(w).or_default() += i;
            *tree.entry(w).or_default() += i;
        }
        assert_eq!(sorted(groups), tree.into_iter().collect::<Vec<_>>());
    }
}
