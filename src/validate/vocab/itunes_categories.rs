//! Apple Podcasts' categories: the list Apple publishes today (since
//! 2019), and the two lists before it (2012 to 2019, and the first one,
//! of 2005), whose names some podcasts still use and Apple maps to the
//! new ones.

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

/// Apple's list from 2012 to 2019.
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

/// Apple's first list (2005), which the 2012 list replaced.
const FIRST: &[(&str, &[&str])] = &[
    (
        "Arts & Entertainment",
        &[
            "Architecture",
            "Books",
            "Design",
            "Entertainment",
            "Games",
            "Performing Arts",
            "Photography",
            "Poetry",
            "Science Fiction",
        ],
    ),
    ("Audio Blogs", &[]),
    (
        "Business",
        &["Careers", "Finance", "Investing", "Management", "Marketing"],
    ),
    ("Comedy", &[]),
    ("Education", &["Higher Education", "K-12"]),
    ("Family", &[]),
    ("Food", &[]),
    (
        "Health",
        &[
            "Diet & Nutrition",
            "Fitness",
            "Relationships",
            "Self-Help",
            "Sexuality",
        ],
    ),
    (
        "International",
        &[
            "Australian",
            "Belgian",
            "Brazilian",
            "Canadian",
            "Chinese",
            "Dutch",
            "French",
            "German",
            "Hebrew",
            "Italian",
            "Japanese",
            "Norwegian",
            "Polish",
            "Portuguese",
            "Spanish",
            "Swedish",
        ],
    ),
    ("Movies & Television", &[]),
    ("Music", &[]),
    ("News", &[]),
    ("Politics", &[]),
    ("Public Radio", &[]),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Islam",
            "Judaism",
            "New Age",
            "Philosophy",
            "Spirituality",
        ],
    ),
    ("Science", &[]),
    ("Sports", &[]),
    ("Talk Radio", &[]),
    (
        "Technology",
        &[
            "Computers",
            "Developers",
            "Gadgets",
            "Information Technology",
            "News",
            "Operating Systems",
            "Podcasting",
            "Smart Phones",
            "Text/Speech",
        ],
    ),
    (
        "Transportation",
        &["Automotive", "Aviation", "Bicycles", "Commuting"],
    ),
    ("Travel", &[]),
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
    } else if listed(EARLIER, parent, name) || listed(FIRST, parent, name) {
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
            (None, "Movies & Television", Status::Obsolete), // on the first list, of 2005
            (Some("Technology"), "Computers", Status::Obsolete), // a 2005 subcategory
            (Some("Arts"), "Politics", Status::Unknown), // a subcategory of another
            (None, "technology", Status::Unknown), // names are case-sensitive
            (None, "Tech News", Status::Unknown),  // a subcategory on its own
        ];
        for (parent, name, want) in cases {
            assert_eq!(status(*parent, name), *want, "{parent:?} {name}");
        }
    }
}
