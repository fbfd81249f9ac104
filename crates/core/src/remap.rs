//! A segment's dictionary indexes turned into the archive's: a segment's
//! cards, facet data and translations count terms in its own dictionary
//! ([`crate::Segment::dictionary`]), the reader in the manifest's taxonomy.

use std::collections::HashMap;

use crate::{Entry, Facet, Taxonomy, Translation};

/// For each facet, a segment's term index → the archive's (`None`: the
/// archive has no such term, which only damaged data can say).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remap {
    maps: Vec<Vec<Option<u32>>>,
}

impl Remap {
    /// Matches `local`'s terms to `global`'s by key.
    pub fn new(local: &Taxonomy, global: &Taxonomy) -> Remap {
        let maps = Facet::ALL
            .iter()
            .map(|&facet| {
                let index: HashMap<&str, u32> = (0u32..)
                    .zip(global.terms(facet))
                    .map(|(i, t)| (t.key.as_str(), i))
                    .collect();
                local
                    .terms(facet)
                    .iter()
                    .map(|t| index.get(t.key.as_str()).copied())
                    .collect()
            })
            .collect();
        Remap { maps }
    }

    /// Terms of `facet` in the segment's dictionary.
    pub fn len(&self, facet: Facet) -> usize {
        self.map(facet).len()
    }

    fn map(&self, facet: Facet) -> &[Option<u32>] {
        let slot = Facet::ALL.iter().position(|&f| f == facet).unwrap_or(0);
        self.maps.get(slot).map_or(&[], Vec::as_slice)
    }

    /// The archive's index of the segment's term `local`.
    pub fn term(&self, facet: Facet, local: u32) -> Option<u32> {
        self.map(facet).get(local as usize).copied().flatten()
    }

    /// Rewrites `entry`'s term indexes; terms the archive lacks are dropped.
    pub fn entry(&self, entry: &mut Entry) {
        entry.map_terms(|facet, local| self.term(facet, local));
    }

    pub fn translation(&self, translation: &mut Translation) {
        translation.language = self
            .term(Facet::Language, translation.language)
            .unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{entry, taxonomy};

    #[test]
    fn a_segment_speaks_the_archive_dictionary_after_remapping() {
        let global = taxonomy();
        let mut local = global.clone();
        // The segment knows the archive's tags in another order, and one
        // the archive does not.
        local.tags = vec![global.tags[1].clone(), global.tags[0].clone()];
        local.tags.push(crate::Term {
            key: "stray".into(),
            label: "Stray".into(),
            count: 1,
        });
        let remap = Remap::new(&local, &global);
        assert_eq!(remap.len(Facet::Tag), 3);
        let mut e = entry("a", None, &[], &[0, 1, 2]);
        remap.entry(&mut e);
        assert_eq!(e.tags, [1, 0], "the unknown term is dropped");
        assert_eq!(remap.term(Facet::Tag, 9), None);
    }
}
