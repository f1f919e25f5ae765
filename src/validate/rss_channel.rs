//! The RSS 2.0 channel elements that hold more than text: `image`,
//! `cloud`, `textInput`, `skipHours` and `skipDays`, and `rating`. Each is
//! checked as the RSS 2.0 specification describes it, with the classes the
//! W3C Feed Validation Service gives its findings.

use super::html::{self, report};
use super::values;
use super::xml::{Node, Ns};
use super::{Class, Messages};

/// The widest image RSS allows, in pixels.
const MAX_WIDTH: u32 = 144;
/// The tallest image RSS allows, in pixels.
const MAX_HEIGHT: u32 = 400;

/// The weekdays `skipDays` may name, spelt as RSS spells them.
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The protocols a `cloud` may name.
const CLOUD_PROTOCOLS: [&str; 3] = ["xml-rpc", "soap", "http-post"];

/// Checks an `image`: its required children, its size, and that it links
/// where the channel does.
pub fn image(image: &Node, channel_link: Option<&str>, messages: &mut Messages) {
    known_children(
        image,
        &["url", "title", "link", "width", "height", "description"],
        messages,
    );
    html::require(image, &Ns::None, &["url", "title", "link"], messages);
    if let Some(url) = image.child(&Ns::None, "url") {
        report(
            messages,
            url,
            values::absolute_url(url.value(), None, "image url"),
        );
        if !has_image_extension(url.value()) {
            messages.push(
                Class::ImageUrlFormat,
                url.pos,
                format!(
                    "the image `{}` is not a `.jpg`, `.gif` or `.png` file; readers show only those",
                    url.value()
                ),
            );
        }
    }
    if let Some(link) = image.child(&Ns::None, "link") {
        report(
            messages,
            link,
            values::absolute_url(link.value(), None, "image link"),
        );
        if let Some(channel_link) = channel_link
            && link.value() != channel_link
        {
            messages.push(
                Class::ImageLinkDoesntMatch,
                link.pos,
                format!(
                    "the image links to `{}`, the channel to `{channel_link}`; readers expect the image to link to the site",
                    link.value()
                ),
            );
        }
    }
    if let Some(title) = image.child(&Ns::None, "title") {
        html::check_plain_text(title, messages);
    }
    dimension(image, "width", MAX_WIDTH, Class::InvalidWidth, messages);
    dimension(image, "height", MAX_HEIGHT, Class::InvalidHeight, messages);
}

/// Whether an image URL's last path segment ends in an extension readers
/// show, or has none to judge by (a query, a bare path).
fn has_image_extension(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    match last.rsplit_once('.') {
        Some((_, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            ["jpg", "jpeg", "gif", "png"]
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        }
        _ => true,
    }
}

fn dimension(image: &Node, name: &str, max: u32, class: Class, messages: &mut Messages) {
    let Some(node) = image.child(&Ns::None, name) else {
        return;
    };
    let value = node.value();
    let fits =
        values::is_integer(value) && value.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    if !fits {
        messages.push(
            class,
            node.pos,
            format!(
                "the image `<{name}>` is `{value}`; expected a number of pixels from 1 to {max}"
            ),
        );
    }
}

/// Checks a `cloud`: five attributes, a port number and a protocol RSS
/// names.
pub fn cloud(cloud: &Node, messages: &mut Messages) {
    for name in ["domain", "port", "path", "registerProcedure", "protocol"] {
        if cloud.attr(name).is_none() {
            messages.push(
                Class::MissingAttribute,
                cloud.pos,
                format!("`<cloud>` has no `{name}`"),
            );
        }
    }
    if let Some(port) = cloud.attr("port")
        && !(values::is_integer(port) && port.parse::<u16>().is_ok_and(|p| p > 0))
    {
        messages.push(
            Class::InvalidInteger,
            cloud.pos,
            format!("`<cloud port=\"{port}\">`; expected a port number from 1 to 65535"),
        );
    }
    if let Some(protocol) = cloud.attr("protocol")
        && !CLOUD_PROTOCOLS.contains(&protocol)
    {
        messages.push(
            Class::InvalidValue,
            cloud.pos,
            format!("`<cloud protocol=\"{protocol}\">`; expected `xml-rpc`, `soap` or `http-post`"),
        );
    }
}

/// Checks a `textInput`: four required children and an absolute link.
pub fn text_input(input: &Node, messages: &mut Messages) {
    let names = ["title", "description", "name", "link"];
    known_children(input, &names, messages);
    html::require(input, &Ns::None, &names, messages);
    if let Some(link) = input.child(&Ns::None, "link") {
        report(
            messages,
            link,
            values::absolute_url(link.value(), None, "textInput link"),
        );
    }
}

/// Checks a `skipHours`: from one to 24 hours, each 0 to 23 (24 warns,
/// as midnight), none twice.
pub fn skip_hours(skip: &Node, messages: &mut Messages) {
    known_children(skip, &["hour"], messages);
    let mut seen = 0u32;
    let mut count = 0;
    for hour in skip.children_named(&Ns::None, "hour") {
        count += 1;
        let value = hour.value();
        let number = values::is_integer(value)
            .then(|| value.parse::<u32>().ok())
            .flatten();
        if number == Some(24) {
            // RSS 0.91 counted 1 to 24; since 2002 midnight is 0, and the
            // W3C validator only warns.
            messages.push(
                Class::UseZeroForMidnight,
                hour.pos,
                "the hour `24` is midnight, which RSS writes `0`",
            );
        }
        match number.filter(|h| *h <= 24).map(|h| h % 24) {
            Some(h) if seen & (1 << h) != 0 => messages.push(
                Class::DuplicateValue,
                hour.pos,
                format!("the hour `{value}` is already skipped"),
            ),
            Some(h) => seen |= 1 << h,
            None => messages.push(
                Class::InvalidHour,
                hour.pos,
                format!(
                    "the hour `{value}` is not one; expected a whole number from 0 (midnight) to 23"
                ),
            ),
        }
    }
    if count == 0 {
        messages.push(
            Class::MissingElement,
            skip.pos,
            "`<skipHours>` has no `<hour>`",
        );
    } else if count > 24 {
        messages.push(
            Class::NotEnoughHoursInTheDay,
            skip.pos,
            format!("`<skipHours>` has {count} hours; a day has 24"),
        );
    }
}

/// Checks a `skipDays`: from one to seven weekdays, none twice.
pub fn skip_days(skip: &Node, messages: &mut Messages) {
    known_children(skip, &["day"], messages);
    let mut seen = 0u32;
    let mut count = 0;
    for day in skip.children_named(&Ns::None, "day") {
        count += 1;
        let value = day.value();
        match DAYS.iter().position(|d| *d == value) {
            Some(i) if seen & (1 << i) != 0 => messages.push(
                Class::DuplicateValue,
                day.pos,
                format!("the day `{value}` is already skipped"),
            ),
            Some(i) => seen |= 1 << i,
            None => messages.push(
                Class::InvalidDay,
                day.pos,
                format!("the day `{value}` is not one; expected `Monday`, `Tuesday` ... `Sunday`"),
            ),
        }
    }
    if count == 0 {
        messages.push(
            Class::MissingElement,
            skip.pos,
            "`<skipDays>` has no `<day>`",
        );
    } else if count > DAYS.len() {
        messages.push(
            Class::EightDaysAWeek,
            skip.pos,
            format!("`<skipDays>` has {count} days; a week has 7"),
        );
    }
}

/// Checks a `rating`: a PICS label, which cannot be blank.
pub fn rating(rating: &Node, messages: &mut Messages) {
    if rating.value().is_empty() {
        messages.push(
            Class::NotBlank,
            rating.pos,
            "the `<rating>` is empty; expected a PICS label, or no `<rating>`",
        );
    }
}

/// Reports the children in no namespace that `node` does not define
/// (children in a namespace are extensions), elements inside the ones it
/// defines (which all hold text), and text between them.
fn known_children(node: &Node, names: &[&str], messages: &mut Messages) {
    for child in node.children.iter().filter(|c| c.ns == Ns::None) {
        if names.contains(&child.name.as_ref()) {
            // Every child these containers define holds text: raw HTML in
            // an image `description` is as undefined as in an item's.
            super::rss_shape::text_only(child, messages);
        } else {
            messages.push(
                Class::UndefinedElement,
                child.pos,
                format!(
                    "`<{}>` is not an RSS 2.0 element of `<{}>`; it holds {}",
                    child.name,
                    node.name,
                    list(names)
                ),
            );
        }
    }
    super::rss_shape::elements_only(node, messages);
}

/// `a`, `b` and `c`, each in backticks.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`<{n}>`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_extensions() {
        let cases: &[(&str, bool)] = &[
            // The usual formats, in either case.
            ("https://example.com/logo.png", true),
            ("https://example.com/logo.JPEG", true),
            // A format few readers show.
            ("https://example.com/logo.tiff", false),
            // No extension to judge by.
            ("https://example.com/logo", true),
            // The query is not the extension.
            ("https://example.com/logo.gif?v=2.3", true),
            // A dot in a folder name, none in the file's.
            ("https://example.com/v1.2/logo", true),
        ];
        for (url, ok) in cases {
            assert_eq!(has_image_extension(url), *ok, "{url}");
        }
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["hour"]), "`<hour>`");
        assert_eq!(list(&["a", "b", "c"]), "`<a>`, `<b>` and `<c>`");
    }
}
