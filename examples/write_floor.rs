//! The writer floor for the benchmark: the least work any build must do
//! with its output once the articles are read, measured on the files a
//! build wrote. For each FILE given (W2's `rss.xml`, `atom.xml` and
//! `feed.json`), on every core:
//!
//! 1. reads it into memory, a stand-in for making its bytes (far cheaper
//!    than rendering them);
//! 2. writes it to a temporary file in OUT, flushes it to disk and
//!    renames it into place, as publishing does;
//! 3. parses it once, as the least any validation must: every XML event,
//!    with end names checked and every text unescaped (quick-xml), or the
//!    whole JSON document (serde_json), checking no rule at all.
//!
//! A build of every article cannot take less than the reader floor (it
//! must read every article before it knows the newest) plus this, so the
//! two added are the lowest W2 could reach. Not a target: it shows how
//! much of W2 is the output's own size.
//!
//! `write_floor OUT FILE...` prints the bytes and XML events it went
//! through.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use rayon::prelude::*;

/// Bytes written and XML events parsed.
fn one(out: &Path, file: &Path) -> std::io::Result<(usize, usize)> {
    let bytes = fs::read(file)?;
    let name = file.file_name().unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(".floor-")
        .tempfile_in(out)?;
    temp.write_all(&bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(out.join(name)).map_err(|e| e.error)?;
    let events = if file.extension().is_some_and(|e| e == "json") {
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).map_err(std::io::Error::other)?;
        0
    } else {
        let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
        reader.config_mut().check_end_names = true;
        let mut buf = Vec::new();
        let mut events = 0;
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) => break,
                Ok(Event::Text(text)) => {
                    text.decode().map_err(std::io::Error::other)?;
                }
                Ok(Event::GeneralRef(reference)) => {
                    let known = reference.is_char_ref()
                        || quick_xml::escape::resolve_xml_entity(
                            &reference.decode().map_err(std::io::Error::other)?,
                        )
                        .is_some();
                    if !known {
                        return Err(std::io::Error::other("unknown entity"));
                    }
                    reference
                        .resolve_char_ref()
                        .map_err(std::io::Error::other)?;
                }
                Ok(Event::Start(start) | Event::Empty(start)) => {
                    for attribute in start.attributes() {
                        let attribute = attribute.map_err(std::io::Error::other)?;
                        attribute
                            .decoded_and_normalized_value(
                                quick_xml::XmlVersion::Implicit1_0,
                                reader.decoder(),
                            )
                            .map_err(std::io::Error::other)?;
                    }
                }
                Ok(_) => {}
                Err(e) => return Err(std::io::Error::other(e)),
            }
            events += 1;
            buf.clear();
        }
        events
    };
    Ok((bytes.len(), events))
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let Some((out, files)) = args.split_first() else {
        eprintln!("usage: write_floor OUT FILE...");
        std::process::exit(2);
    };
    if let Err(e) = fs::create_dir_all(out) {
        eprintln!("write_floor: {}: {e}", out.display());
        std::process::exit(2);
    }
    let done: Result<Vec<(usize, usize)>, String> = files
        .par_iter()
        .map(|file| one(out, file).map_err(|e| format!("{}: {e}", file.display())))
        .collect();
    match done {
        Ok(done) => {
            let bytes: usize = done.iter().map(|d| d.0).sum();
            let events: usize = done.iter().map(|d| d.1).sum();
            println!("{} files, {bytes} bytes, {events} XML events", files.len());
        }
        Err(e) => {
            eprintln!("write_floor: {e}");
            std::process::exit(1);
        }
    }
}
