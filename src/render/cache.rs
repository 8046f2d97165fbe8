//! A cache of rendered images bounded in bytes, least recently used out.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

/// Images by key, at most `capacity_bytes` of pixels together.
#[derive(Debug)]
pub struct ByteLru<K> {
    capacity_bytes: usize,
    used_bytes: usize,
    clock: u64,
    entries: HashMap<K, (Arc<image::RgbaImage>, u64)>,
}

impl<K: Eq + Hash + Clone> ByteLru<K> {
    /// An empty cache holding at most `capacity_bytes`.
    pub fn new(capacity_bytes: usize) -> Self {
        Self {
            capacity_bytes,
            used_bytes: 0,
            clock: 0,
            entries: HashMap::new(),
        }
    }

    /// The bound, bytes.
    pub fn capacity_bytes(&self) -> usize {
        self.capacity_bytes
    }

    /// Bytes held now (never over [`ByteLru::capacity_bytes`]).
    pub fn used_bytes(&self) -> usize {
        self.used_bytes
    }

    /// Number of images held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The image under `key`, marked as just used.
    pub fn get(&mut self, key: &K) -> Option<Arc<image::RgbaImage>> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.get_mut(key).map(|(image, used)| {
            *used = clock;
            Arc::clone(image)
        })
    }

    /// Whether `key` is held (without marking it used).
    pub fn contains(&self, key: &K) -> bool {
        self.entries.contains_key(key)
    }

    /// Stores `image` under `key`, evicting the least recently used images
    /// until it fits. Returns `false` (and stores nothing) when the image
    /// alone is larger than the capacity.
    pub fn insert(&mut self, key: K, image: Arc<image::RgbaImage>) -> bool {
        let size = image.as_raw().len();
        if size > self.capacity_bytes {
            return false;
        }
        self.remove(&key);
        while self.used_bytes + size > self.capacity_bytes {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.remove(&oldest);
        }
        self.clock += 1;
        self.used_bytes += size;
        self.entries.insert(key, (image, self.clock));
        true
    }

    /// Forgets `key`.
    pub fn remove(&mut self, key: &K) {
        if let Some((image, _)) = self.entries.remove(key) {
            self.used_bytes -= image.as_raw().len();
        }
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.used_bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn image(side: u32) -> Arc<image::RgbaImage> {
        Arc::new(image::RgbaImage::new(side, side))
    }

    #[test]
    fn evicts_the_least_recently_used_to_stay_within_its_bytes() {
        // 10x10 RGBA is 400 bytes; room for two.
        let mut lru = ByteLru::new(900);
        assert!(lru.insert("a", image(10)));
        assert!(lru.insert("b", image(10)));
        assert!(lru.get(&"a").is_some()); // a is now newer than b
        assert!(lru.insert("c", image(10)));
        assert!(lru.contains(&"a") && lru.contains(&"c") && !lru.contains(&"b"));
        assert_eq!(lru.used_bytes(), 800);
        // Too big for the whole cache: refused, nothing evicted.
        assert!(!lru.insert("huge", image(20)));
        assert_eq!(lru.len(), 2);
    }
}
