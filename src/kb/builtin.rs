//! The built-in layer: `data/kb/generated.tsv.z` (zlib-compressed TSV written
//! by `data/build_kb.py` from the open data in kb-sources and
//! `data/curated.toml`) plus `data/kb/countries-odbl.tsv` (demonyms, capitals
//! and other names from mledoze/countries, ODbL 1.0, kept as a separate data
//! file), turned by `build.rs` into a binary image (src/kb/image.rs) that is
//! embedded here and read in place: nothing is decoded at start-up, and an
//! actor is materialized the first time it is asked for.

use std::sync::Arc;

use super::Layer;

/// The image (read with `u32::from_le_bytes`, at any alignment).
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.bin"));

pub(super) fn layer() -> Arc<Layer> {
    // build.rs wrote this image with the same code that reads it; a bad one
    // would be a build bug, and gives an empty layer rather than a panic.
    Arc::new(Layer::from_image(IMAGE).unwrap_or_else(|| Layer::new(Vec::new())))
}
