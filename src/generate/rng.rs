//! A small deterministic random number generator (SplitMix64), so that a corpus depends on
//! nothing but its seed: no crate, no platform, no pointer values.

/// SplitMix64: fast, 64 bits of state, good enough to pick branches and shuffle.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one unit of work: the run's seed mixed with names that identify the
    /// unit (operator, operation, variant), so adding an operation does not change the others.
    pub fn for_unit(seed: u64, parts: &[&str]) -> Rng {
        // FNV-1a over the parts, separated so that ("ab", "c") and ("a", "bc") differ.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in parts {
            for byte in part.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        Rng(seed ^ hash)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// An index into `weights`, each picked in proportion to its weight; `None` when all are 0.
    pub fn weighted(&mut self, weights: &[u32]) -> Option<usize> {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return None;
        }
        let mut pick = self.next_u64() % total;
        for (index, &weight) in weights.iter().enumerate() {
            if pick < u64::from(weight) {
                return Some(index);
            }
            pick -= u64::from(weight);
        }
        None
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn same_unit_same_numbers_other_unit_other_numbers() {
        let a: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::for_unit(7, &["site", "add"]);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::for_unit(7, &["site", "add"]);
                move |_| r.next_u64()
            })
            .collect();
        let mut other = Rng::for_unit(7, &["sit", "eadd"]);
        assert_eq!(a, b);
        assert_ne!(a[0], other.next_u64());
    }

    #[test]
    fn weighted_never_picks_a_zero_weight() {
        let mut rng = Rng::for_unit(1, &[]);
        for _ in 0..200 {
            assert_eq!(rng.weighted(&[0, 3, 0]), Some(1));
        }
        assert_eq!(rng.weighted(&[0, 0]), None);
    }
}
