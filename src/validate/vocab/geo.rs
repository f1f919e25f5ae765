//! Places: GeoRSS Simple (`http://www.georss.org/georss`), whose
//! coordinates are "latitude longitude" pairs separated by white space,
//! and the W3C Basic Geo vocabulary
//! (`http://www.w3.org/2003/01/geo/wgs84_pos#`), one number per element,
//! as are the `latitude` and `longitude` of the older ICBM
//! (`http://postneo.com/icbm`) and GeoURL (`http://geourl.org/rss/module/`)
//! namespaces.
//! Latitudes lie in -90..90, longitudes in -180..180; a GeoRSS line has
//! at least two points, a polygon at least four and ends where it
//! starts, a box is two points (lower left, upper right).

use super::super::xml::{Node, Ns};
use super::{Level, Place, Term, decimal, no_children, term};
use crate::validate::{Class, Messages};

/// The GeoRSS namespace.
pub const GEORSS_NS: &str = "http://www.georss.org/georss";
/// The W3C Basic Geo namespace.
pub const GEO_NS: &str = "http://www.w3.org/2003/01/geo/wgs84_pos#";

/// GeoRSS Simple's elements, and `where`, which holds GML.
pub const GEORSS_TERMS: &[Term] = &[
    term("point", Place::Both, true),
    term("line", Place::Both, true),
    term("polygon", Place::Both, true),
    term("box", Place::Both, true),
    term("circle", Place::Both, true),
    term("where", Place::Both, true),
    term("elev", Place::Both, false),
    term("floor", Place::Both, false),
    term("radius", Place::Both, false),
    term("featuretypetag", Place::Both, true),
    term("relationshiptag", Place::Both, true),
    term("featurename", Place::Both, true),
];

/// The ICBM namespace, one of the two ways weblogs gave their place
/// before W3C Basic Geo.
pub const ICBM_NS: &str = "http://postneo.com/icbm";
/// The GeoURL namespace, the other.
pub const GEOURL_NS: &str = "http://geourl.org/rss/module/";

/// The elements ICBM and GeoURL share: one number each.
pub const NAMED_TERMS: &[Term] = &[
    term("latitude", Place::Both, false),
    term("longitude", Place::Both, false),
];

/// W3C Basic Geo's elements.
pub const GEO_TERMS: &[Term] = &[
    term("lat", Place::Both, false),
    term("long", Place::Both, false),
    term("alt", Place::Both, false),
    term("Point", Place::Both, true),
];

/// Checks a GeoRSS element.
pub fn georss(node: &Node, _level: Level, messages: &mut Messages) {
    if node.name == "where" {
        return;
    }
    no_children(node, messages);
    let value = node.value();
    let (least, most, what) = match node.name.as_ref() {
        "point" => (1, Some(1), "one `latitude longitude` pair"),
        "line" => (2, None, "two or more `latitude longitude` pairs"),
        "polygon" => (4, None, "four or more `latitude longitude` pairs"),
        "box" => (
            2,
            Some(2),
            "two `latitude longitude` pairs (lower left, upper right)",
        ),
        "circle" => {
            circle(node, messages);
            return;
        }
        "elev" | "floor" | "radius" if decimal(value).is_none() => {
            messages.push(
                Class::InvalidFloat,
                node.pos,
                format!("`<{}>` is `{value}`; expected a number", node.qname),
            );
            return;
        }
        _ => return,
    };
    let Some(points) = pairs(node, messages) else {
        return;
    };
    let count_ok = points.len() >= least && most.is_none_or(|m| points.len() <= m);
    let closed = node.name != "polygon" || points.first() == points.last();
    if !count_ok || !closed {
        let class = if most == Some(1) {
            Class::InvalidCoord
        } else {
            Class::InvalidCoordList
        };
        let why = if count_ok {
            "; a polygon ends at the point where it starts"
        } else {
            ""
        };
        messages.push(
            class,
            node.pos,
            format!("`<{}>` is `{value}`; expected {what}{why}", node.qname),
        );
    }
}

/// Reads the numbers of a GeoRSS element as pairs, reporting values that
/// are not numbers, an odd count and points out of range; `None` when
/// the pairs cannot be read.
fn pairs(node: &Node, messages: &mut Messages) -> Option<Vec<(f64, f64)>> {
    let value = node.value();
    let class = if node.name == "point" {
        Class::InvalidCoord
    } else {
        Class::InvalidCoordList
    };
    let invalid = |messages: &mut Messages, why: &str| {
        messages.push(
            class,
            node.pos,
            format!("`<{}>` is `{value}`; {why}", node.qname),
        );
    };
    if value.contains(',') {
        messages.push(
            Class::CoordComma,
            node.pos,
            format!(
                "`<{}>` is `{value}`; GeoRSS separates numbers with spaces, not commas",
                node.qname
            ),
        );
    }
    let mut numbers = Vec::new();
    for token in value.split(|c: char| c.is_whitespace() || c == ',') {
        if token.is_empty() {
            continue;
        }
        match decimal(token) {
            Some(n) => numbers.push(n),
            None => {
                invalid(
                    messages,
                    &format!(
                        "`{token}` is not a number; expected `latitude longitude` pairs such as `45.256 -71.92`"
                    ),
                );
                return None;
            }
        }
    }
    if numbers.len() % 2 != 0 {
        invalid(
            messages,
            "an odd count of numbers; each point is a `latitude longitude` pair",
        );
        return None;
    }
    let points: Vec<(f64, f64)> = numbers
        .chunks_exact(2)
        .filter_map(|p| match p {
            [lat, long] => Some((*lat, *long)),
            _ => None,
        })
        .collect();
    for &(lat, long) in &points {
        latitude(node, lat, messages);
        longitude(node, long, messages);
    }
    Some(points)
}

fn circle(node: &Node, messages: &mut Messages) {
    let value = node.value();
    let numbers: Option<Vec<f64>> = value.split_whitespace().map(decimal).collect();
    match numbers.as_deref() {
        Some([lat, long, radius]) if *radius >= 0.0 => {
            latitude(node, *lat, messages);
            longitude(node, *long, messages);
        }
        _ => messages.push(
            Class::InvalidCoord,
            node.pos,
            format!(
                "`<{}>` is `{value}`; expected `latitude longitude radius`",
                node.qname
            ),
        ),
    }
}

fn latitude(node: &Node, lat: f64, messages: &mut Messages) {
    if !(-90.0..=90.0).contains(&lat) {
        messages.push(
            Class::InvalidLatitude,
            node.pos,
            format!(
                "the latitude `{lat}` in `<{}>` is out of range; expected -90 to 90 (latitude comes first)",
                node.qname
            ),
        );
    }
}

fn longitude(node: &Node, long: f64, messages: &mut Messages) {
    if !(-180.0..=180.0).contains(&long) {
        messages.push(
            Class::InvalidLongitude,
            node.pos,
            format!(
                "the longitude `{long}` in `<{}>` is out of range; expected -180 to 180",
                node.qname
            ),
        );
    }
}

/// Checks a W3C Basic Geo element.
pub fn geo(node: &Node, _level: Level, messages: &mut Messages) {
    if node.name == "Point" {
        let geo = Ns::Other(GEO_NS.to_owned());
        for child in &node.children {
            if child.ns == geo && matches!(child.name.as_ref(), "lat" | "long" | "alt") {
                geo_value(child, messages);
            } else {
                messages.push(
                    Class::UndefinedElement,
                    child.pos,
                    format!(
                        "`<{}>` inside `<{}>`; it holds `geo:lat`, `geo:long` and `geo:alt`",
                        child.qname, node.qname
                    ),
                );
            }
        }
        return;
    }
    no_children(node, messages);
    geo_value(node, messages);
}

/// Checks an ICBM or GeoURL `latitude` or `longitude`, as `geo:lat` and
/// `geo:long`.
pub fn named(node: &Node, _level: Level, messages: &mut Messages) {
    no_children(node, messages);
    geo_value(node, messages);
}

fn geo_value(node: &Node, messages: &mut Messages) {
    let value = node.value();
    let Some(n) = decimal(value) else {
        let class = match node.name.as_ref() {
            "lat" | "latitude" => Class::InvalidLatitude,
            "long" | "longitude" => Class::InvalidLongitude,
            _ => Class::InvalidFloat,
        };
        messages.push(
            class,
            node.pos,
            format!("`<{}>` is `{value}`; expected a number", node.qname),
        );
        return;
    };
    match node.name.as_ref() {
        "lat" | "latitude" => latitude(node, n, messages),
        "long" | "longitude" => longitude(node, n, messages),
        _ => {}
    }
}
