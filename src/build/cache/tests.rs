//! Tests of loading and saving whole caches; [`stamp`] and [`STARTED`]
//! serve the layers' tests too.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::DateTime;

use super::*;
use crate::build::source::Listing;

/// A stamp told apart by `n`.
pub(super) fn stamp(n: u64) -> FileStamp {
    FileStamp {
        size: n,
        mtime: (1_700_000_000, 5),
        ctime: (1_700_000_001, 6),
        inode: n + 100,
    }
}

/// A start time after every [`stamp`]'s.
pub(super) const STARTED: (i64, u32) = (1_800_000_000, 0);

#[test]
fn round_trip_and_rejections() {
    let dir = tempfile::tempdir().expect("temp dir");
    let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
    let records = [
        Record {
            path: Path::new("articles/a.txt"),
            stamp: stamp(1),
            kind: Kind::Draft,
            raw: None,
        },
        Record {
            path: Path::new("articles/b.txt"),
            stamp: stamp(2),
            kind: Kind::Entry {
                updated,
                id: "tag:x,2023:/b",
                published: Kept::of(&updated),
                groups: Groups::of("world\u{1e}Caf\u{e9}\u{1f}port\u{1e}Ana Ruiz"),
            },
            raw: None,
        },
    ];
    let mut encoder = Encoder::default();
    encoder.push(0, &records[0]);
    encoder.push(1, &records[1]);
    encoder.unrecorded(2, Path::new("articles/c.txt"));
    let listing = listing_bytes(Path::new("articles"), &Listing::default());
    save(
        dir.path(),
        ".feedpub-test-",
        42,
        STARTED,
        &listing,
        &encoder,
        None,
    )
    .expect("writes");
    let cache = Cache::load(dir.path(), 42).expect("loads");
    let files: Vec<PathBuf> = [
        "articles/0.txt",
        "articles/b.txt",
        "articles/c.txt",
        "articles/d.txt",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let matched = cache.match_files(&files);
    assert_eq!(matched[0], None, "not listed before");
    assert_eq!(matched[3], None, "not listed before");
    // Loaded records also carry the bytes they were read from.
    let b = cache.record(matched[1].expect("listed")).expect("recorded");
    assert_eq!(
        (b.path, b.stamp, &b.kind),
        (records[1].path, records[1].stamp, &records[1].kind)
    );
    assert!(b.raw.is_some());
    // Listed, but not recorded.
    assert_eq!(cache.record(matched[2].expect("listed")), None);
    // Kept as read, they write the same cache.
    let a_at = cache.match_files(
        &files[..1]
            .iter()
            .map(|_| PathBuf::from("articles/a.txt"))
            .collect::<Vec<_>>(),
    )[0]
    .expect("listed");
    let mut kept = Encoder::default();
    kept.keep(0, &cache.record(a_at).expect("recorded"));
    kept.keep(1, &b);
    kept.unrecorded(2, Path::new("articles/c.txt"));
    assert!(cache.holds(42, &listing, &kept));
    assert!(!cache.holds(43, &listing, &kept), "another fingerprint");
    let mut fewer = Encoder::default();
    fewer.keep(0, &cache.record(a_at).expect("recorded"));
    assert!(!cache.holds(42, &listing, &fewer), "a record fewer");
    assert!(cache.is_clean(&stamp(1), &stamp(1)));
    assert!(
        !cache.is_clean(&stamp(1), &stamp(3)),
        "another stamp is dirty"
    );
    // Another configuration or version: ignored.
    assert!(Cache::load(dir.path(), 43).is_none());
    // A flipped byte: ignored.
    let path = dir.path().join(CACHE_FILE);
    let mut bytes = fs::read(&path).expect("readable");
    bytes[20] ^= 1;
    fs::write(&path, &bytes).expect("writable");
    assert!(Cache::load(dir.path(), 42).is_none());
    // Truncated: ignored.
    fs::write(&path, &bytes[..10]).expect("writable");
    assert!(Cache::load(dir.path(), 42).is_none());
}

/// A cache whose files are not in byte order cannot be matched in one
/// sweep: ignored.
#[test]
fn unordered_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let listing = listing_bytes(Path::new("articles"), &Listing::default());
    for paths in [
        ["articles/b.txt", "articles/a.txt"],
        ["articles/a.txt", "articles/a.txt"],
    ] {
        let mut encoder = Encoder::default();
        for (i, path) in paths.iter().enumerate() {
            encoder.unrecorded(i as u32, Path::new(path));
        }
        save(
            dir.path(),
            ".feedpub-test-",
            1,
            STARTED,
            &listing,
            &encoder,
            None,
        )
        .expect("writes");
        assert!(Cache::load(dir.path(), 1).is_none(), "{paths:?}");
    }
}

/// A cache saved over an old one has the bytes a cache written anew
/// has, whether it was left alone, patched in place or rewritten; a
/// half-patched cache is refused.
#[test]
fn saving_over_a_cache_gives_the_bytes_of_a_new_one() {
    let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
    let paths: Vec<PathBuf> = (0..200)
        .map(|i| PathBuf::from(format!("articles/{i:04}.txt")))
        .collect();
    let long_id = "tag:x,2023:/a-much-longer-id";
    let encode = |sizes: &dyn Fn(usize) -> u64, id_of: &dyn Fn(usize) -> &'static str| {
        let mut encoder = Encoder::default();
        for (i, path) in paths.iter().enumerate() {
            encoder.push(
                i as u32,
                &Record {
                    path,
                    stamp: stamp(sizes(i)),
                    kind: Kind::Entry {
                        updated,
                        id: id_of(i),
                        published: Kept::of(&updated),
                        groups: Groups::of(""),
                    },
                    raw: None,
                },
            );
        }
        encoder
    };
    let short = |_: usize| "tag:x,2023:/id";
    let listing = listing_bytes(Path::new("articles"), &Listing::default());
    let dir = tempfile::tempdir().expect("temp dir");
    let fresh = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(CACHE_FILE);
    let saved = |encoder: &Encoder<'_>, started| {
        let old = Cache::load(dir.path(), 9);
        let how = save(
            dir.path(),
            ".feedpub-test-",
            9,
            started,
            &listing,
            encoder,
            old.as_ref(),
        )
        .expect("saves");
        save(
            fresh.path(),
            ".feedpub-test-",
            9,
            started,
            &listing,
            encoder,
            None,
        )
        .expect("saves");
        let bytes = fs::read(&file).expect("cache");
        if how != Saved::Unchanged {
            assert_eq!(
                bytes,
                fs::read(fresh.path().join(CACHE_FILE)).expect("cache")
            );
        }
        assert!(Cache::load(dir.path(), 9).is_some());
        (how, bytes)
    };
    let plain = encode(&|i| i as u64, &short);
    assert_eq!(saved(&plain, STARTED).0, Saved::Written, "no cache yet");
    let (how, before) = saved(&plain, (STARTED.0 + 1, 0));
    assert_eq!(how, Saved::Unchanged);
    assert_eq!(
        before,
        fs::read(&file).expect("cache"),
        "an unchanged cache keeps its start time"
    );
    let edited = encode(&|i| if i == 7 { 999 } else { i as u64 }, &short);
    assert_eq!(saved(&edited, (STARTED.0 + 2, 0)).0, Saved::Patched);
    let many = encode(&|i| if i % 3 == 0 { 999 } else { i as u64 }, &short);
    assert_eq!(
        saved(&many, (STARTED.0 + 3, 0)).0,
        Saved::Written,
        "a third changed"
    );
    let longer = encode(&|i| i as u64, &|i| {
        if i == 7 { long_id } else { "tag:x,2023:/id" }
    });
    assert_eq!(
        saved(&longer, (STARTED.0 + 4, 0)).0,
        Saved::Written,
        "a record grew"
    );
    let fewer = {
        let mut encoder = Encoder::default();
        encoder.unrecorded(0, &paths[0]);
        encoder
    };
    assert_eq!(
        saved(&fewer, (STARTED.0 + 5, 0)).0,
        Saved::Written,
        "files removed"
    );
    // A racily clean stamp seen: the cache is saved with the new start.
    assert_eq!(saved(&plain, (STARTED.0 + 6, 0)).0, Saved::Written);
    let old = Cache::load(dir.path(), 9).expect("loads");
    old.racy.store(true, std::sync::atomic::Ordering::Relaxed);
    let how = save(
        dir.path(),
        ".feedpub-test-",
        9,
        (STARTED.0 + 7, 0),
        &listing,
        &plain,
        Some(&old),
    );
    assert_eq!(how.expect("saves"), Saved::Patched);
    assert_eq!(
        Cache::load(dir.path(), 9).expect("loads").started,
        (STARTED.0 + 7, 0)
    );
    // Another cache of the same size took its place since it was read:
    // written anew, not patched.
    let old = Cache::load(dir.path(), 9).expect("loads");
    let bytes = fs::read(&file).expect("cache");
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::remove_file(&file).expect("rm");
    fs::write(&file, &bytes).expect("writable");
    let how = save(
        dir.path(),
        ".feedpub-test-",
        9,
        (STARTED.0 + 8, 0),
        &listing,
        &edited,
        Some(&old),
    );
    assert_eq!(how.expect("saves"), Saved::Written);
    // Killed after patching a record, before the checksum: refused.
    let old = Cache::load(dir.path(), 9).expect("loads");
    let record = plain.ordered()[7].to_vec();
    let at = old.starts[7];
    old.patch(
        dir.path(),
        &old.bytes[16..28],
        &[(at, &record)],
        &old.bytes[old.bytes.len() - 8..],
    )
    .expect("patches");
    assert!(Cache::load(dir.path(), 9).is_none(), "half-patched");
}
