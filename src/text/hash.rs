//! A fast hasher for the analysis's own maps and sets (words, names, byte
//! offsets of one document). The std default (SipHash) resists collision
//! attacks, which these maps do not need; its cost showed in profiles of
//! the 1 MiB analysis. This is the multiply-rotate scheme of the Firefox
//! and rustc "Fx" hash, written here: a word at a time, no finalizer.
//!
//! Iteration order differs from the std maps', which is randomised anyway:
//! no output may depend on it.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// `HashSet` with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_find_what_they_hold() {
        let words = ["a", "ab", "abcdefgh", "abcdefghi", "Ünal", "", "said"];
        let set: FastSet<&str> = words.iter().copied().collect();
        for w in words {
            assert!(set.contains(w));
        }
        assert!(!set.contains("abcdefg"));
        let mut m: FastMap<usize, usize> = FastMap::default();
        for i in 0..1000 {
            m.insert(i * 7, i);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m.get(&700), Some(&100));
        assert_eq!(m.get(&701), None);
    }
}
