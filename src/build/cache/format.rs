//! The cache file's byte format, and the primitives every layer reads and
//! writes it with.
//!
//! Format: `FPCACHE3`, a fingerprint (u64), the run's start (i64 seconds,
//! u32 nanoseconds); the listing: a replayable
//! flag (u8), the articles folder as named, the number of folders (u32)
//! and each folder's path and stamp; then one entry per listed file in
//! listing (byte) order: its path and a tag, 0 for a draft, 1 for an
//! entry, 2 for a file not recorded (it had a problem); a draft or entry
//! has its stamp, an entry its updated and published instants (seconds,
//! offset), id, and groups (section, tags and authors in one string; see
//! `records::Groups`).
//! Last, a checksum (u64) of everything before it. Integers are
//! little-endian; strings and paths are a u32 length and their bytes; a
//! stamp is six u64s (size, mtime seconds and nanoseconds, ctime seconds
//! and nanoseconds, inode).

use std::path::Path;

use crate::build::source::FileStamp;

pub(super) const MAGIC: &[u8; 8] = b"FPCACHE4";

/// Bytes of a stamp: six u64s.
pub(super) const STAMP_LEN: usize = 48;
/// Bytes of an updated instant: i64 seconds, i32 offset.
pub(super) const INSTANT_LEN: usize = 12;

/// FNV-1a, 64-bit: stable across platforms and releases.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The cache's checksum: FNV-1a over little-endian 64-bit words (eight
/// times fewer steps than over bytes), the last partial word zero-padded,
/// then the length. It can be fed in pieces of any size.
#[derive(Debug)]
pub(super) struct Checksum {
    hash: u64,
    pending: [u8; 8],
    filled: usize,
    length: u64,
}

impl Checksum {
    pub(super) fn new() -> Self {
        Self {
            hash: 0xcbf2_9ce4_8422_2325,
            pending: [0; 8],
            filled: 0,
            length: 0,
        }
    }

    fn word(&mut self, word: [u8; 8]) {
        self.hash = (self.hash ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
    }

    pub(super) fn update(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0; 8];
            word.copy_from_slice(w);
            self.word(word);
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub(super) fn finish(mut self) -> u64 {
        if self.filled > 0 {
            self.pending[self.filled..].fill(0);
            self.word(self.pending);
        }
        self.word(self.length.to_le_bytes());
        self.hash
    }
}

/// FNV-1a over little-endian 64-bit words, as the checksum reads bytes:
/// fast, stable, but not mixed (see [`crate::build::rank::id_hash`]).
pub fn word_fnv(bytes: &[u8]) -> u64 {
    checksum(&[bytes])
}

pub(super) fn checksum(pieces: &[&[u8]]) -> u64 {
    let mut sum = Checksum::new();
    for piece in pieces {
        sum.update(piece);
    }
    sum.finish()
}

pub(super) fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A path from bytes [`path_bytes`] gave; `None` where that cannot be
/// trusted (outside Unix, bytes that are not UTF-8).
fn path_of(bytes: &[u8]) -> Option<&Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(Path::new(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes).ok().map(Path::new)
    }
}

pub(super) fn push_bytes(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&narrow(bytes.len()).to_le_bytes());
    buf.extend_from_slice(bytes);
}

pub(super) fn push_stamp(buf: &mut Vec<u8>, s: &FileStamp) {
    for v in [
        s.size,
        s.mtime.0 as u64,
        u64::from(s.mtime.1),
        s.ctime.0 as u64,
        u64::from(s.ctime.1),
        s.inode,
    ] {
        buf.extend_from_slice(&v.to_le_bytes());
    }
}

pub(super) fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The cache's head: magic, fingerprint, the run's start (bytes 16 to 28)
/// and the listing part.
pub(super) fn head(fingerprint: u64, started: (i64, u32), listing: &[u8]) -> Vec<u8> {
    let mut head = Vec::with_capacity(28 + listing.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&fingerprint.to_le_bytes());
    head.extend_from_slice(&(started.0 as u64).to_le_bytes());
    head.extend_from_slice(&started.1.to_le_bytes());
    head.extend_from_slice(listing);
    head
}

/// Reads the cache's fields from its bytes; each is `None` past the end.
pub(super) struct Cursor<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(super) fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A u32 length, then that many bytes.
    pub(super) fn bytes_field(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()?;
        self.take(usize::try_from(len).ok()?)
    }

    pub(super) fn string(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes_field()?).ok()
    }

    pub(super) fn path(&mut self) -> Option<&'a Path> {
        path_of(self.bytes_field()?)
    }

    pub(super) fn stamp(&mut self) -> Option<FileStamp> {
        let size = self.u64()?;
        let mtime = (self.u64()? as i64, u32::try_from(self.u64()?).ok()?);
        let ctime = (self.u64()? as i64, u32::try_from(self.u64()?).ok()?);
        let inode = self.u64()?;
        Some(FileStamp {
            size,
            mtime,
            ctime,
            inode,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checksum does not depend on how the bytes are split.
    #[test]
    fn checksum_ignores_piece_boundaries() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let whole = checksum(&[&bytes]);
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(checksum(&[a, b]), whole, "cut at {cut}");
        }
        assert_ne!(checksum(&[&bytes[..999]]), whole);
        // Zero padding cannot hide a trailing zero byte.
        assert_ne!(checksum(&[b"abc"]), checksum(&[b"abc\0"]));
    }
}
