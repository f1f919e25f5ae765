//! The validator's message classes: stable names, severities and what
//! each means.

use serde::{Serialize, Serializer};

use crate::diagnostic::Severity;

macro_rules! classes {
    ($($(#[$doc:meta])* $name:ident: $severity:ident, $explanation:literal;)*) => {
        /// A kind of finding, named as the W3C Feed Validation Service
        /// names it where it has one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Class {
            $($(#[$doc])* $name,)*
        }

        impl Class {
            /// Every class, in declaration order.
            pub const ALL: &'static [Class] = &[$(Class::$name),*];

            /// The stable name.
            pub fn name(self) -> &'static str {
                match self {
                    $(Class::$name => stringify!($name),)*
                }
            }

            /// Whether it is an error or a warning.
            pub fn severity(self) -> Severity {
                match self {
                    $(Class::$name => Severity::$severity,)*
                }
            }

            /// What it means, in a sentence.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Class::$name => $explanation,)*
                }
            }

            /// The class of a name.
            pub fn from_name(name: &str) -> Option<Class> {
                Class::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

classes! {
    /// Bytes that are not UTF-8 in a document read as UTF-8.
    NotUTF8: Error, "A document with no other encoding declared (or a JSON Feed, always UTF-8) holds bytes that are not UTF-8.";
    /// Bytes, or a byte order mark, that contradict the declared encoding.
    EncodingMismatch: Error, "The bytes do not match the encoding the document declares: a byte the encoding does not have, a byte order mark of another encoding, or UTF-16 without its byte order mark.";
    /// An encoding the validator does not read.
    UnknownEncoding: Error, "The document declares (or starts in) an encoding the validator does not know, such as UTF-32 or a misspelt label; UTF-8 is read everywhere.";
    /// A `tag:` URI that RFC 4151's syntax refuses.
    InvalidTAG: Error, "A `tag:` URI lacks its authority and date (`tag:example.com,2023:story-1`), or its date is not a real one.";
    /// A `urn:uuid:` URN that holds no UUID.
    InvalidUUID: Error, "A `urn:uuid:` URN does not hold a UUID of 32 hexadecimal digits in groups of 8-4-4-4-12.";
    /// A parse error.
    NotWellFormed: Error, "The document is not well-formed XML, so no reader can be trusted to read it.";
    /// An XML declaration of another version than 1.0.
    BadXmlVersion: Error, "The XML declaration names a version other than 1.0 (XML 1.1 allows characters 1.0 refuses, and few parsers read it); feeds are XML 1.0.";
    /// A character outside XML 1.0's `Char` production.
    InvalidCharacter: Error, "A control character (or U+FFFE, U+FFFF) that XML 1.0 does not allow, raw or as a reference.";
    /// `&nbsp;` and other HTML entities.
    UndefinedEntity: Error, "An entity that XML does not define, such as `&nbsp;`; use the character or `&#160;`.";
    /// A DOCTYPE with entity declarations.
    EntityNotAllowed: Error, "The DOCTYPE declares entities; they are never expanded or fetched, so the feed is rejected.";
    /// Nesting past the limit.
    TooDeep: Error, "Elements nest deeper than the validator reads.";
    /// A file past the size limit.
    TooLarge: Error, "The file is larger than the validator reads, or one element declares more namespaces (256) than it reads.";
    /// A root that is neither `rss` nor Atom's `feed`.
    UnknownRoot: Error, "The root element is neither RSS 2.0 `<rss>`, RSS 1.0 `<rdf:RDF>` (with a channel in the RSS 1.0 namespace), Atom 1.0 `<feed>` (or `<entry>`, an Atom Entry Document) nor OPML `<opml>`.";
    /// A feed element in the wrong namespace.
    InvalidNamespace: Error, "An element is in the wrong namespace for its format.";
    /// `<rss>` without a version RSS 2.0 reads.
    InvalidVersion: Error, "The `<rss>` element's `version` is not 2.0 (or 0.91, 0.92).";
    /// A required element is absent.
    MissingElement: Error, "An element the format requires is missing.";
    /// An element that may appear once appears again.
    DuplicateElement: Error, "An element that may appear only once appears again.";
    /// A second RSS enclosure in one item.
    DuplicateEnclosure: Warning, "An RSS item has more than one `enclosure`: the spec does not say it may, and many readers take only the first.";
    /// An element the format does not define in its own namespace.
    UndefinedElement: Error, "An element the format (or a known extension vocabulary: iTunes, Media RSS, Dublin Core...) does not define, or one out of its place.";
    /// A required attribute is absent.
    MissingAttribute: Error, "An attribute the format requires is missing.";
    /// An RSS date that is not RFC 822.
    InvalidRFC822Date: Error, "An RSS date is not an RFC 822 date-time such as `Tue, 08 Aug 2023 22:37:00 +0400`.";
    /// An RSS date whose weekday is wrong.
    IncorrectDOW: Error, "The weekday of an RSS date does not match the date.";
    /// An Atom date that is not RFC 3339.
    InvalidRFC3339Date: Error, "An Atom date is not an RFC 3339 date-time such as `2023-08-08T22:37:00+04:00`.";
    /// A relative reference with nothing to resolve it against.
    RelativeReference: Warning, "An Atom reference that may be relative (`href`, `src`, `icon`, `logo`, `uri`) is, with no `xml:base` and no document URL (`--url`) to resolve it; readers resolve it against where they fetched the feed. An error in feedpub's own output.";
    /// A link, id or guid that is relative.
    RelativeURI: Error, "A link, id or guid is a relative reference with no `xml:base` to resolve it; readers need absolute URIs.";
    /// A URI that is not a URI at all.
    InvalidURI: Error, "A value that must be a URI is not one (blanks, or characters that must be escaped).";
    /// A guid that claims to be a permalink and is not a URL.
    InvalidPermalink: Error, "A `guid` is a permalink (`isPermaLink` missing or `true`) but is not a URL (a scheme and `//`, such as `https://`); any other string needs `isPermaLink=\"false\"`.";
    /// `isPermaLink` that is neither `true` nor `false`.
    InvalidBooleanAttribute: Error, "An attribute that must be `true` or `false` is neither.";
    /// Two entries with one id.
    DuplicateEntryId: Error, "Two entries share an id (or guid); readers will merge or drop them.";
    /// An Atom entry with no author anywhere.
    MissingAuthor: Error, "An Atom entry has no author, and neither does the feed.";
    /// An Atom entry with neither content nor an alternate link.
    MissingAlternateLink: Error, "An Atom entry without content must have a `rel=\"alternate\"` link.";
    /// A text construct whose `type` is unknown.
    InvalidTextType: Error, "A `type` attribute of an Atom text construct is not `text`, `html` or `xhtml`.";
    /// `type="xhtml"` without its `div`.
    MissingXhtmlDiv: Error, "An Atom `type=\"xhtml\"` construct must hold exactly one XHTML `div`.";
    /// Escaped HTML that is broken.
    NotHtml: Warning, "Escaped HTML content is not well-formed: a tag is unclosed or closes the wrong element. Neither RSS nor Atom requires well-formed HTML, so it is a warning, as the W3C validator has it.";
    /// An RSS person without an email address.
    InvalidContact: Error, "An RSS `author`, or `webMaster` must be an email address, alone, followed by a name in parentheses, or in angle brackets after a name.";
    /// An Atom email that is not an address.
    InvalidEmail: Error, "An Atom `email` is not an email address.";
    /// A value that must be a whole number.
    InvalidInteger: Error, "A value that must be a non-negative whole number is not one.";
    /// A malformed MIME type.
    InvalidMIMEType: Error, "A `type` that must be a MIME type such as `audio/mpeg` is not one.";
    /// A malformed language tag.
    InvalidLanguage: Error, "A language is not a language tag such as `en` or `en-GB`.";
    /// An RSS item with neither title nor description.
    ItemMustContainTitleOrDescription: Error, "An RSS item must have a title or a description.";
    /// A Media RSS `medium` the specification does not name.
    InvalidMediaMedium: Error, "A Media RSS `medium` is not `image`, `audio`, `video`, `document` or `executable`.";
    /// Two Atom alternate links with the same type and language.
    DuplicateAlternate: Error, "Two `rel=\"alternate\"` links share a `type` and `hreflang`.";
    /// An Atom enclosure link without a type.
    MissingEnclosureType: Warning, "An Atom `rel=\"enclosure\"` link has no `type`; readers cannot tell a podcast episode from a document without fetching it.";
    /// No `rel="self"` link.
    MissingSelfLink: Warning, "The feed has no `rel=\"self\"` link saying where it is published.";
    /// The self link names another place.
    SelfDoesntMatchLocation: Warning, "The `rel=\"self\"` link does not name the URL the feed is published at.";
    /// An `fh:archive` or `fh:complete` with content.
    HistoryMarkerNotEmpty: Error, "An RFC 5005 `fh:archive` or `fh:complete` marker holds text or elements; it must be empty.";
    /// Both `fh:archive` and `fh:complete`.
    CompleteAndArchive: Error, "A document is marked both `fh:archive` and `fh:complete` (RFC 5005): a complete feed has no archive documents.";
    /// An archive document without a `current` link.
    ArchiveWithoutCurrent: Warning, "An RFC 5005 archive document has no `rel=\"current\"` link to its subscription document.";
    /// Two `current`, `prev-archive` or `next-archive` links.
    DuplicateHistoryLink: Warning, "A document has two `current`, `prev-archive` or `next-archive` links (RFC 5005); readers follow one.";
    /// `next-archive` outside an archive document.
    NextArchiveOutsideArchive: Warning, "A `next-archive` link in a document not marked `fh:archive`; a subscription document links only to its newest archive.";
    /// A relative `current`, `prev-archive` or `next-archive` link.
    RelativeHistoryLink: Error, "An RFC 5005 `current`, `prev-archive` or `next-archive` link is not an absolute URI.";
    /// A `prev-archive` or `next-archive` link to the document itself.
    HistoryLinkToItself: Warning, "A `prev-archive` or `next-archive` link names the document itself, so a reader walking the archive goes round in a circle.";
    /// `fh:archive` or `fh:complete` inside an entry or item.
    MisplacedHistoryMarker: Error, "An RFC 5005 `fh:archive` or `fh:complete` marker inside an entry or item; it marks a whole feed document.";
    /// An RSS date that only some readers read.
    ProblematicalRFC822Date: Warning, "An RSS date is valid RFC 822 but has a two-digit year or a named zone other than GMT/UT, which some readers misread.";
    /// A date before 1970 or more than a day after the validation.
    ImplausibleDate: Warning, "A date is before 1970 or more than a day after now (a typo in the year, or an article dated ahead); readers sort it above newer items or drop it.";
    /// An Atom date with fractional seconds.
    FractionalSeconds: Warning, "An Atom date has fractional seconds; some readers then drop its offset.";
    /// Markup in plain text.
    ContainsUndeclaredHTML: Warning, "Plain text (an RSS title, or Atom `type=\"text\"`) holds an end tag (in RSS, of an HTML element), as the W3C validator looks for one; readers will show the tags, or take the text for HTML.";
    /// `&amp;amp;`-style double escaping.
    DoubleEscapedEntity: Warning, "Text contains an entity such as `&amp;` after unescaping; some readers decode it a second time.";
    /// Relative links in HTML content.
    ContainsRelativeURI: Warning, "HTML content holds a relative link or image; many readers ignore `xml:base` and break it.";
    /// Scripts and the like in HTML content.
    SecurityRisk: Warning, "HTML content holds a script, frame, plug-in or event handler; readers strip or refuse it.";
    /// An RSS item without a guid.
    MissingGuid: Warning, "An RSS item has no `guid`; readers invent ids and may show an update as a new item.";
    /// An RSS or JSON Feed item without a date.
    MissingItemDate: Warning, "An RSS item has no `pubDate` (a JSON Feed item no `date_published`); some readers show it as new at every fetch.";
    /// An element in the Media RSS namespace without its slash.
    MediaRssNamespace: Error, "An element is in `http://search.yahoo.com/mrss`, the Media RSS namespace without its trailing slash: another namespace, which some readers do not recognise as Media RSS; it is checked as Media RSS all the same.";
    /// A value that must be `true` or `false`.
    InvalidTrueFalse: Error, "An `itunes:explicit` is not `true` or `false` (nor the older `yes`, `no` or `clean`), or has white space around its value.";
    /// A value that must be `Yes` or `No`.
    InvalidYesNo: Error, "An iTunes element that takes `Yes` (`itunes:block`, `itunes:complete`, `itunes:isClosedCaptioned`) holds something else.";
    /// A malformed `itunes:duration`.
    InvalidDuration: Error, "An `itunes:duration` is neither seconds (`1830`) nor `H:MM:SS` / `MM:SS`.";
    /// A value that must be a whole number from 1.
    InvalidPositiveInteger: Error, "A value that must be a whole number from 1 (`itunes:episode`, `itunes:season`) is not one.";
    /// An `itunes:episodeType` Apple does not name.
    InvalidItunesEpisodeType: Error, "An `itunes:episodeType` is not `full`, `trailer` or `bonus`.";
    /// An `itunes:type` Apple does not name.
    InvalidItunesChannelType: Error, "An `itunes:type` is not `episodic` or `serial`.";
    /// An `itunes:category` Apple does not list.
    InvalidItunesCategory: Error, "An `itunes:category` is not on Apple's list, or a subcategory is not one of its category's.";
    /// An `itunes:category` only on Apple's earlier list.
    ObsoleteItunesCategory: Warning, "An `itunes:category` is from one of Apple's lists before 2019 (2012 or 2005); Apple maps it to a current one, which the feed should name.";
    /// Podcast artwork that is not JPEG or PNG.
    ImageUrlFormat: Warning, "An `itunes:image` does not name a `.jpg` or `.png` file; Apple takes only JPEG or PNG artwork.";
    /// Text in an element that takes only attributes.
    UnexpectedText: Error, "An element that takes only attributes (such as `itunes:image`) or only elements (an RSS `channel`, `item` or `image`) holds text, or an Atom `content` with `src` is not empty.";
    /// A podcast channel without an element Apple requires.
    MissingItunesElement: Warning, "A channel using iTunes tags lacks `itunes:category`, `itunes:explicit` or `itunes:image`, which Apple requires of a podcast.";
    /// A Dublin Core date that is not W3CDTF.
    InvalidW3CDTFDate: Error, "A `dc:date` is not a W3C date-time such as `2023-08-08T22:37:00+04:00` (or a date such as `2023-08-08`).";
    /// `wfw:commentRSS`, misspelt.
    CommentRSS: Warning, "`wfw:commentRSS` is a misspelling of `wfw:commentRss`; readers look for the latter.";
    /// A value that must be a number.
    InvalidFloat: Error, "A value that must be a number (a Media RSS rate or duration, a GeoRSS elevation or radius, a `geo:alt`) is not one.";
    /// A malformed GeoRSS point.
    InvalidCoord: Error, "A `georss:point` (or `circle`) is not a `latitude longitude` pair of numbers.";
    /// A malformed GeoRSS line, polygon or box.
    InvalidCoordList: Error, "A `georss:line`, `polygon` or `box` is not a list of `latitude longitude` pairs of the right length (a polygon closed, a box two points).";
    /// Commas in GeoRSS coordinates.
    CoordComma: Warning, "GeoRSS coordinates are separated by commas; GeoRSS Simple separates numbers with white space.";
    /// A latitude out of range.
    InvalidLatitude: Error, "A latitude (GeoRSS or `geo:lat`) is not a number from -90 to 90.";
    /// A longitude out of range.
    InvalidLongitude: Error, "A longitude (GeoRSS or `geo:long`) is not a number from -180 to 180.";
    /// An OpenSearch `Query` role the specification does not define.
    InvalidLocalRole: Error, "An `opensearch:Query` role is not `request`, `example`, `related`, `correction`, `subset` or `superset`, nor a prefixed extension role.";
    /// A Media RSS `expression` the specification does not name.
    InvalidMediaExpression: Error, "A `media:content` `expression` is not `sample`, `full` or `nonstop`.";
    /// A Media RSS text `type` that is neither plain nor html.
    InvalidMediaTextType: Error, "A `type` of `media:text`, `media:title` or `media:description` is not `plain` or `html`.";
    /// A Media RSS rating outside its scheme.
    InvalidMediaRating: Error, "A `media:rating` is not a value of its scheme (`adult`/`nonadult` for `urn:simple`, MPAA or V-chip ratings).";
    /// A text longer than its vocabulary allows.
    /// A Media RSS hash that is not the digest its algorithm makes.
    InvalidMediaHash: Error, "A `media:hash` `algo` is not `md5` or `sha-1`, or its value is not that digest in hexadecimal (32 digits for md5, 40 for sha-1).";
    /// A Media RSS restriction list that does not fit its type.
    InvalidMediaRestriction: Error, "A `media:restriction` lists something its `type` does not hold: two-letter country codes for `country`, URIs for `uri`, and without a `type` only `all` or `none`.";
    /// A Media RSS restriction relationship other than allow or deny.
    InvalidMediaRestrictionRel: Error, "A `media:restriction` `relationship` is not `allow` or `deny`.";
    /// A Media RSS restriction type the specification does not name.
    InvalidMediaRestrictionType: Error, "A `media:restriction` `type` is not `country`, `uri` or `sharing`.";
    /// A Media RSS time that is not a Normal Play Time.
    InvalidNPTTime: Error, "A `media:thumbnail` `time` is not a Normal Play Time (RFC 2326): seconds such as `12.5`, `h:mm:ss` such as `0:01:30`, or `now`.";
    /// A Media RSS credit role that is not an EBU role.
    InvalidCreditRole: Error, "A `media:credit` role of the EBU scheme (the default) is not a lowercase role such as `producer`.";
    /// An attribute an element does not have.
    UnexpectedAttribute: Error, "An attribute the element does not define, such as `filesize` on `media:content` (the spelling is `fileSize`).";
    /// An RSS image wider than 144 pixels.
    InvalidWidth: Error, "An RSS `image` `width` is not a whole number from 1 to 144.";
    /// An RSS image taller than 400 pixels.
    InvalidHeight: Error, "An RSS `image` `height` is not a whole number from 1 to 400.";
    /// An RSS image that links elsewhere than its channel.
    ImageLinkDoesntMatch: Warning, "An RSS `image` `link` is not the channel's `link`; readers expect the image to link to the site.";
    /// A `skipHours` hour out of range.
    InvalidHour: Error, "A `skipHours` `hour` is not a whole number from 0 to 23.";
    /// A `skipHours` hour of 24 for midnight.
    UseZeroForMidnight: Warning, "A `skipHours` `hour` is `24`; since 2002 RSS counts hours from 0 to 23, and midnight is `0`.";
    /// A `skipDays` day that is not a weekday.
    InvalidDay: Error, "A `skipDays` `day` is not `Monday`, `Tuesday`, `Wednesday`, `Thursday`, `Friday`, `Saturday` or `Sunday`.";
    /// A `skipHours` hour or `skipDays` day given twice.
    DuplicateValue: Error, "A `skipHours` `hour` or `skipDays` `day` appears twice, or two RSS 1.0 items share an `rdf:about`.";
    /// More than 24 hours to skip.
    NotEnoughHoursInTheDay: Error, "A `skipHours` holds more than 24 `hour` elements.";
    /// More than 7 days to skip.
    EightDaysAWeek: Error, "A `skipDays` holds more than 7 `day` elements.";
    /// A value outside the ones the specification lists.
    InvalidValue: Error, "A value is not one the specification allows, such as a `cloud` `protocol` other than `xml-rpc`, `soap` or `http-post`.";
    /// An element that should not be blank.
    NotBlank: Warning, "An element that should hold a value (an RSS `rating`) is empty.";
    /// Out-of-line Atom content without a type.
    MissingTypeAttr: Warning, "An Atom `content` with `src` has no `type`; readers cannot tell what it is without fetching it.";
    /// Binary Atom content that is not base64.
    NotBase64: Error, "An Atom `content` whose type is neither text nor XML is not base64, as RFC 4287 requires.";
    /// An Atom entry whose content needs a summary beside it.
    MissingSummary: Error, "An Atom entry whose `content` has `src` or is base64 has no `summary`, which RFC 4287 then requires.";
    /// An Atom source without the feed's id, title or updated.
    MissingSourceElement: Warning, "An Atom `source` lacks the `id`, `title` or `updated` of the feed the entry came from, which RFC 4287 says it should keep.";
    /// White space around a value that allows none.
    UnexpectedWhitespace: Error, "An Atom `id`, date or URI (`updated`, `published`, `icon`, `logo`, `uri`) has white space around its value.";
    /// Atom entries sharing an id: versions of one entry.
    DuplicateEntries: Warning, "Two Atom entries share an id: RFC 4287 reads them as versions of one entry (their `updated` should differ), and readers show only one.";
    /// Atom feed metadata after the entries.
    MisplacedMetadata: Error, "An element of the Atom feed itself (`title`, `id`, `link`...) comes after its first `entry`; RFC 4287's schema puts the feed's own elements first.";
    /// An Atom link relation that is neither a name nor an IRI.
    InvalidAtomLinkRel: Error, "An Atom `link` `rel` is neither a relation name (letters, digits and `-._~`, as `alternate` or `prev-archive`) nor an absolute IRI.";
    /// An Atom link relation name outside the registry.
    UnregisteredAtomLinkRel: Warning, "An Atom `link` `rel` is a name that is not a registered link relation (such as `standout` or `service.post`); readers do not know what it means. An IRI names a relation of one's own.";
    /// A text longer than its element allows.
    TooLong: Error, "An iTunes text is longer than Apple's podcast specification allows: `itunes:author`, `itunes:keywords`, `itunes:subtitle` and an owner's `itunes:name` 255 characters, `itunes:summary` 4,000.";
    /// A syndication-module period that is not one of its five.
    InvalidUpdatePeriod: Error, "A `sy:updatePeriod` is not `hourly`, `daily`, `weekly`, `monthly` or `yearly`.";
    /// An RSS contact with an address and a name, not as `email (Name)`.
    EmailFormat: Warning, "An RSS `managingEditor`, `webMaster` or `author` holds an address and more, but not in the RSS Best Practices form `email (Name)` (such as `Name <email>`); some readers show it raw.";
    /// An RSS contact that is an address alone.
    MissingRealName: Warning, "An RSS `managingEditor`, `webMaster` or `author` is an email address without a name; the RSS Best Practices form is `email (Name)`.";
    /// The threading attribute drafts of RFC 4685 named `thr:when`.
    NoThrWhen: Error, "An Atom `link` carries `thr:when`, the name drafts of RFC 4685 gave `thr:updated`; the RFC has only `thr:updated`, which readers look for.";
    /// An iTunes podcast without an owner's email address.
    MissingItunesEmail: Warning, "A channel using iTunes tags has no `itunes:owner` with an `itunes:email`; Apple then writes to the account that submitted the podcast.";
    /// A `media:group` that groups nothing.
    MediaGroupWithoutAlternatives: Error, "A `media:group` holds fewer than two `media:content`; it exists only to group representations of one thing.";
    /// A channel with a core element and its extension twin.
    DuplicateSemantics: Warning, "A channel has both an RSS element and an extension element that mean the same (`language` and `dc:language`, `copyright` and `dc:rights`, `webMaster` and `dc:publisher`, `managingEditor` and `dc:creator`, `pubDate` and `dc:date`, `lastBuildDate` and `dcterms:modified`, `generator` and `admin:generatorAgent`); readers do not agree which wins.";
    /// An item with a core element and its extension twin.
    DuplicateItemSemantics: Warning, "An item has both an RSS element and an extension element that mean the same (`author` and `dc:creator`, `pubDate` and `dc:date`, `source` and `dc:source`, `guid` and `atom:id`); readers do not agree which wins.";
    /// A JSON document that is not well-formed.
    InvalidJson: Error, "The document is not well-formed JSON (RFC 8259), so no reader can be trusted to read it.";
    /// A JSON document that starts with a byte order mark.
    JsonByteOrderMark: Error, "A JSON Feed starts with a UTF-8 byte order mark, which JSON forbids; some readers reject the whole feed.";
    /// A JSON Feed member the spec requires is absent.
    MissingMember: Error, "A member JSON Feed requires (`version`, `title`, `items`, an item's `id`, an attachment's `url`...) is missing or blank.";
    /// A JSON Feed member holding the wrong kind of value.
    WrongType: Error, "A JSON Feed member holds the wrong kind of JSON value, such as a number where a string is required.";
    /// A JSON Feed `version` that is not a JSON Feed version URL.
    InvalidJsonFeedVersion: Error, "The `version` is neither `https://jsonfeed.org/version/1.1` nor `https://jsonfeed.org/version/1`.";
    /// A JSON Feed URL that is relative.
    NotAbsoluteUrl: Error, "A JSON Feed URL is relative; JSON Feed has no base to resolve it against, and readers drop it.";
    /// A JSON Feed item without content.
    MissingItemContent: Error, "A JSON Feed item has neither `content_html` nor `content_text`; the spec requires one of them.";
    /// A JSON Feed author with nothing in it.
    InvalidAuthor: Error, "A JSON Feed author is not an object with at least one of `name`, `url` and `avatar`.";
    /// A JSON object with a member name twice.
    DuplicateMember: Warning, "A JSON object has two members of one name; readers keep one or the other.";
    /// A JSON Feed without `feed_url`.
    MissingFeedUrl: Warning, "The JSON Feed has no `feed_url` saying where it is published; the spec strongly recommends one.";
    /// A JSON Feed item id that is a number.
    NumericItemId: Warning, "A JSON Feed item `id` is a number, as some JSON Feed 1.0 feeds wrote it; ids are strings, and some readers reject the whole feed.";
    /// A member JSON Feed 1.1 deprecates.
    DeprecatedMember: Warning, "A JSON Feed 1.1 feed uses `author`, which 1.1 deprecates for `authors`.";
    /// A member JSON Feed does not define.
    UnknownMember: Warning, "A member JSON Feed (of the feed's version) does not define, whose name does not start with `_`, the mark of an extension.";
    /// `<opml>` with a version OPML does not have.
    InvalidOPMLVersion: Error, "The `<opml>` element's `version` is not `2.0`, `1.1` or `1.0`.";
    /// An OPML `expansionState` that is not a list of numbers.
    InvalidExpansionState: Error, "An OPML `expansionState` is not a comma-separated list of line numbers.";
    /// An OPML 1.0 outline without `text`.
    MissingOutlineText: Warning, "An OPML 1.0 outline has no `text`, so readers show a blank line; OPML 2.0 requires it.";
    /// A head element OPML does not define.
    UnknownHeadElement: Warning, "An OPML `<head>` holds an element the specification does not define, outside any namespace; readers ignore it.";
    /// An HTML page the HTML parser reports an error in.
    HtmlParseError: Error, "An HTML page does not parse without error; browsers repair it, each in its own way.";
    /// An HTML page without `<!DOCTYPE html>`.
    MissingDoctype: Error, "An HTML page does not start with `<!DOCTYPE html>`, so browsers render it in quirks mode.";
    /// An HTML page whose `<html>` has no `lang`.
    MissingLang: Error, "An HTML page's `<html>` has no `lang`, so screen readers cannot tell which language to speak.";
    /// An HTML page without `<meta charset="utf-8">`.
    MissingCharset: Error, "An HTML page has no `<meta charset=\"utf-8\">`, so browsers may read it in another encoding.";
    /// An HTML page without a title.
    MissingTitle: Error, "An HTML page has no `<title>`, or an empty one.";
    /// An HTML page with no `<h1>`, or several.
    WrongH1Count: Error, "An HTML page has no `<h1>`, or more than one.";
    /// A heading more than one level below the one before it.
    SkippedHeadingLevel: Error, "An HTML heading is more than one level below the heading before it, such as an `<h4>` after an `<h2>`.";
    /// A link in a page that is not an absolute http(s) URL or fragment.
    NotAbsoluteLink: Error, "An HTML `<a href>` or `<link href>` is neither an absolute http(s) URL nor a fragment such as `#top`.";
    /// A picture without a text alternative.
    MissingAlt: Error, "An HTML `<img>` has no `alt`.";
    /// Two elements of a page with one id.
    DuplicateId: Error, "Two elements of an HTML page share an `id`.";
    /// A form field nothing labels.
    UnlabelledInput: Error, "An HTML `<input>` has no label: no `<label for>` naming it, no enclosing `<label>`, no `aria-label`.";
}

impl Serialize for Class {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
