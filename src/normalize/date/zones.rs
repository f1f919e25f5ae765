//! Zone abbreviations: the ones read, with their offsets, and the ones
//! refused as ambiguous.

/// Zone abbreviations that news sites print, with the offset each stands for.
/// Where an abbreviation has several meanings in use, it is rejected instead
/// (see [`AMBIGUOUS_ZONES`]); `CST` is US Central, `GST` Gulf Standard Time and
/// `BST` British Summer Time.
pub const ZONES: &[(&str, i32)] = &[
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("gst", 240),
    ("pkt", 300),
    ("sgt", 480),
    ("hkt", 480),
    ("awst", 480),
    ("jst", 540),
    ("kst", 540),
    ("acst", 570),
    ("acdt", 630),
    ("aest", 600),
    ("aedt", 660),
    ("nzst", 720),
    ("nzdt", 780),
    ("nst", -210),
    ("ndt", -150),
    ("adt", -180),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("akst", -540),
    ("akdt", -480),
    ("hst", -600),
];

/// Abbreviations with several meanings in common use: India, Ireland and
/// Israel share `IST`; Atlantic and Arabia share `AST`.
pub const AMBIGUOUS_ZONES: &[&str] = &["ist", "ast", "sst", "cat"];
