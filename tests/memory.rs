//! Peak memory does not grow with the archive: a counting allocator
//! measures the heap of in-process builds of a small and a ten times
//! larger corpus.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use feedpub::article::Format;
use feedpub::build::{self, BuildMode};
use feedpub::config::{Config, Overrides};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: defers to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes above the starting level during one build.
fn peak_of_build(dir: &Path, mode: BuildMode) -> usize {
    let config = Config::load(Overrides {
        config: Some(dir.join("feedpub.toml")),
        ..Overrides::default()
    })
    .expect("valid config");
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let (report, result) = build::build(&config, mode);
    result.expect("builds");
    assert_eq!(report.published, 50);
    PEAK.load(Ordering::Relaxed) - base
}

fn corpus(count: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("feedpub.toml"),
        "base_url = \"https://news.example.com/\"\n",
    )
    .expect("config");
    feedpub::testing::corpus::write(&dir.path().join("articles"), count, Format::News)
        .expect("corpus");
    dir
}

#[test]
fn peak_memory_does_not_scale_with_the_archive() {
    let small = corpus(400);
    let large = corpus(4000);
    let cold = BuildMode {
        no_cache: true,
        ..BuildMode::default()
    };
    let small_peak = peak_of_build(small.path(), cold);
    let large_peak = peak_of_build(large.path(), cold);
    // Holding every article would take ~3,600 x 5 KB = 18 MB more; the
    // per-file bookkeeping (paths, id hashes, cache records) is ~200 bytes.
    let growth = large_peak.saturating_sub(small_peak);
    eprintln!("peak heap: {small_peak} bytes for 400 articles, {large_peak} for 4,000");
    assert!(
        growth < 3 * 1024 * 1024,
        "peak heap grew by {growth} bytes from 400 to 4,000 articles ({small_peak} -> {large_peak})"
    );
}
