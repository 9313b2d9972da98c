//! Turns the built-in knowledge base (data/kb/generated.tsv.z and
//! data/kb/countries-odbl.tsv) into the binary image that src/kb/builtin.rs
//! embeds and reads in place: see src/kb/image.rs, shared with the library.

use std::path::PathBuf;

#[allow(dead_code)] // the reading half serves the library
#[path = "src/kb/image.rs"]
mod image;

const GENERATED: &str = "data/kb/generated.tsv.z";
const COUNTRIES_ODBL: &str = "data/kb/countries-odbl.tsv";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn main() {
    for f in [GENERATED, COUNTRIES_ODBL, "src/kb/image.rs", "build.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let tsv = miniz_oxide::inflate::decompress_to_vec_zlib(&read(GENERATED))
        .unwrap_or_else(|e| panic!("{GENERATED} is not zlib data: {e:?}"));
    let tsv = String::from_utf8(tsv).unwrap_or_else(|e| panic!("{GENERATED}: not UTF-8: {e}"));
    let odbl = String::from_utf8(read(COUNTRIES_ODBL))
        .unwrap_or_else(|e| panic!("{COUNTRIES_ODBL}: not UTF-8: {e}"));
    let mut records = image::parse_tsv(&tsv);
    assert!(
        records.len() > 1000,
        "{GENERATED}: only {} actors parsed",
        records.len()
    );
    image::merge_odbl(&mut records, &odbl);
    let bytes = image::write(&records);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("kb.bin");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
