//! The I/O floor for the benchmark: list a folder recursively and read
//! every file, with the same parallelism as feedpub (rayon, one thread per
//! core), and do nothing else: files are read in the order the listing
//! gives them, not sorted (sorting is work feedpub does, not reading).
//! `io_floor DIR` prints the bytes read.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "articles".to_owned());
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let total: usize = files
        .par_iter()
        .map(|p| fs::read(p).map_or(0, |b| b.len()))
        .sum();
    println!("{} files, {total} bytes", files.len());
}
