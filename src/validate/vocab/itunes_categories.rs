//! Apple Podcasts' categories: the list Apple publishes today (since
//! 2019), and the list before it, whose names some podcasts still use and
//! Apple maps to the new ones.

/// What a category name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// On Apple's list today.
    Current,
    /// Only on Apple's earlier list.
    Obsolete,
    /// On neither.
    Unknown,
}

/// Each category with its subcategories, as Apple lists them today.
const CURRENT: &[(&str, &[&str])] = &[
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
];

/// Apple's list before 2019.
const EARLIER: &[(&str, &[&str])] = &[
    (
        "Arts",
        &[
            "Design",
            "Fashion & Beauty",
            "Food",
            "Literature",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Business News",
            "Careers",
            "Investing",
            "Management & Marketing",
            "Shopping",
        ],
    ),
    ("Comedy", &[]),
    (
        "Education",
        &[
            "Educational Technology",
            "Higher Education",
            "K-12",
            "Language Courses",
            "Training",
        ],
    ),
    (
        "Games & Hobbies",
        &[
            "Automotive",
            "Aviation",
            "Hobbies",
            "Other Games",
            "Video Games",
        ],
    ),
    (
        "Government & Organizations",
        &["Local", "National", "Non-Profit", "Regional"],
    ),
    (
        "Health",
        &[
            "Alternative Health",
            "Fitness & Nutrition",
            "Self-Help",
            "Sexuality",
        ],
    ),
    ("Kids & Family", &[]),
    ("Music", &[]),
    ("News & Politics", &[]),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Other",
            "Spirituality",
        ],
    ),
    (
        "Science & Medicine",
        &["Medicine", "Natural Sciences", "Social Sciences"],
    ),
    (
        "Society & Culture",
        &[
            "History",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
        ],
    ),
    (
        "Sports & Recreation",
        &[
            "Amateur",
            "College & High School",
            "Outdoor",
            "Professional",
        ],
    ),
    (
        "Technology",
        &["Gadgets", "Podcasting", "Software How-To", "Tech News"],
    ),
    ("TV & Film", &[]),
];

/// Whether `name` is in `list`: a top-level category when `parent` is
/// `None`, else a subcategory of `parent`.
fn listed(list: &[(&str, &[&str])], parent: Option<&str>, name: &str) -> bool {
    match parent {
        None => list.iter().any(|(top, _)| *top == name),
        Some(parent) => list
            .iter()
            .any(|(top, subs)| *top == parent && subs.contains(&name)),
    }
}

/// What a category (`parent` `None`) or subcategory of `parent` is.
pub fn status(parent: Option<&str>, name: &str) -> Status {
    if listed(CURRENT, parent, name) {
        Status::Current
    } else if listed(EARLIER, parent, name) {
        Status::Obsolete
    } else {
        Status::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        let cases: &[(Option<&str>, &str, Status)] = &[
            (None, "Technology", Status::Current), // a top-level category
            (Some("News"), "Tech News", Status::Current), // a subcategory in its place
            (Some("Technology"), "Tech News", Status::Obsolete), // where it was before 2019
            (None, "Games & Hobbies", Status::Obsolete), // a category Apple retired
            (Some("Arts"), "Politics", Status::Unknown), // a subcategory of another
            (None, "technology", Status::Unknown), // names are case-sensitive
            (None, "Tech News", Status::Unknown),  // a subcategory on its own
        ];
        for (parent, name, want) in cases {
            assert_eq!(status(*parent, name), *want, "{parent:?} {name}");
        }
    }
}
