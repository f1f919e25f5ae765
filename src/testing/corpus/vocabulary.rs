//! The words, names, places, sections and tags of the real-shaped corpus.

/// The ten section folders.
pub(super) const SECTIONS: &[&str] = &[
    "world",
    "business",
    "sport",
    "culture",
    "science",
    "opinion",
    "uae",
    "technology",
    "health",
    "travel",
];

/// People in Latin script, most with accents, as English-language news
/// prints them.
pub(super) const LATIN_NAMES: &[&str] = &[
    "José Martínez",
    "Zoë Müller",
    "François Lefèvre",
    "Søren Kjærgaard",
    "Łukasz Wójcik",
    "Ángela Núñez",
    "Dağhan Öztürk",
    "Nguyễn Văn An",
    "Björn Ström",
    "Chloé Dubois",
    "Renée Côté",
    "İlkay Şahin",
    "Miloš Dvořák",
    "João Gonçalves",
    "Ana Lúcia Ribeiro",
    "Sarah Al Amiri",
    "Mohammed bin Rashid",
    "Fatima Al Hashemi",
    "Rahul Sharma",
    "Emma Thompson",
    "Daniel O’Connor",
    "Ahmed Al Mansoori",
    "Priya Nair",
    "Tomás Ó Briain",
];

/// Places in Latin script.
pub(super) const LATIN_PLACES: &[&str] = &[
    "Dubai",
    "Abu Dhabi",
    "Sharjah",
    "São Paulo",
    "Zürich",
    "Kraków",
    "Reykjavík",
    "Bogotá",
    "Malmö",
    "Düsseldorf",
    "Montréal",
    "Curaçao",
    "Hà Nội",
    "Córdoba",
    "Besançon",
    "Al Ain",
    "Ras Al Khaimah",
    "London",
    "Mumbai",
    "Cairo",
];

/// Names and places in Arabic, Chinese, Japanese and Cyrillic script, as
/// they stand now and then in English copy.
pub(super) const OTHER_NAMES: &[&str] = &[
    "محمد بن راشد",
    "دبي",
    "أبوظبي",
    "الشارقة",
    "王伟",
    "李娜",
    "東京都",
    "大阪",
    "香港",
    "Москва",
    "Санкт-Петербург",
    "Ольга Петрова",
    "Алексей Иванов",
];

/// Arabic words for paragraphs, titles and deks in Arabic.
pub(super) const ARABIC: &[&str] = &[
    "أعلنت",
    "حكومة",
    "دبي",
    "اليوم",
    "عن",
    "مشروع",
    "جديد",
    "لتطوير",
    "شبكة",
    "النقل",
    "العام",
    "في",
    "الإمارة",
    "وقال",
    "المسؤولون",
    "إن",
    "العمل",
    "سيبدأ",
    "خلال",
    "العام",
    "المقبل",
    "بتكلفة",
    "مليار",
    "درهم",
    "مع",
    "محطات",
    "المترو",
    "والحافلات",
    "السكان",
    "الطاقة",
    "الشمسية",
    "المدارس",
];

/// Chinese and Japanese phrases; sentences are run together with no
/// spaces, as those scripts are written.
pub(super) const CJK: &[&str] = &[
    "東京都は",
    "新しい",
    "地下鉄の",
    "路線を",
    "発表した",
    "市政府",
    "今天宣布",
    "新的",
    "交通计划",
    "港口",
    "经济",
    "增长",
    "市民",
    "学校",
    "医院",
    "能源",
    "太阳能",
    "去年",
    "明年",
    "工事は",
];

/// Russian words for paragraphs in Cyrillic script.
pub(super) const CYRILLIC: &[&str] = &[
    "власти",
    "Москвы",
    "объявили",
    "о",
    "новом",
    "проекте",
    "строительства",
    "метро",
    "в",
    "городе",
    "жители",
    "школы",
    "больницы",
    "энергия",
    "порт",
    "рынок",
    "в",
    "этом",
    "году",
    "и",
    "на",
    "следующей",
    "неделе",
];

/// The most used tags, most common first.
const TOP_TAGS: &[&str] = &[
    "UAE",
    "Economy",
    "Politics",
    "Dubai",
    "Climate",
    "Football",
    "Technology",
    "Health",
    "Économie",
    "Education",
    "Transport",
    "الإمارات",
    "Energy",
    "Culture",
    "Café culture",
    "Space",
    "Housing",
    "Tourism",
    "Москва",
    "Elections",
    "Films & TV",
    "Science",
    "東京",
    "Trade",
    "Aviation",
    "Weather",
    "Cricket",
    "Art",
    "Music",
    "Food & drink",
    "Business",
    "Jobs",
    "Crime",
    "Courts",
    "Migration",
    "Expo City",
    "Fintech",
    "Startups",
    "Ramadan",
    "Sports",
];

/// Places that, with [`TAG_TOPICS`], make the rarer tags.
const TAG_PLACES: &[&str] = &[
    "Abu Dhabi",
    "Sharjah",
    "São Paulo",
    "Zürich",
    "Kraków",
    "Reykjavík",
    "Bogotá",
    "Malmö",
    "Düsseldorf",
    "Montréal",
    "Москва",
    "東京",
    "دبي",
    "القاهرة",
    "Hà Nội",
    "Al Ain",
];

const TAG_TOPICS: &[&str] = &[
    "transport",
    "housing",
    "schools",
    "markets",
    "weather",
    "elections",
    "football",
    "arts",
    "health",
    "energy",
];

/// How many tags there are.
pub(super) const TAGS: usize = 200;

/// Tag `rank` (0 is the most common): the top tags, then place-topic
/// pairs.
pub(super) fn tag(rank: usize) -> String {
    match TOP_TAGS.get(rank) {
        Some(tag) => (*tag).to_owned(),
        None => {
            let rest = rank - TOP_TAGS.len();
            let place = TAG_PLACES[(rest / TAG_TOPICS.len()) % TAG_PLACES.len()];
            let topic = TAG_TOPICS[rest % TAG_TOPICS.len()];
            format!("{place} {topic}")
        }
    }
}

/// Cumulative Zipf weights (s = 1, integer so that every machine draws
/// the same tags): tag `k` weighs 1,000,000 / (k + 1).
pub(super) const TAG_WEIGHTS: [u64; TAGS] = {
    let mut table = [0; TAGS];
    let mut total = 0;
    let mut k = 0;
    while k < TAGS {
        total += 1_000_000 / (k as u64 + 1);
        table[k] = total;
        k += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_distinct_and_the_table_covers_them() {
        let tags: std::collections::BTreeSet<String> = (0..TAGS).map(tag).collect();
        assert_eq!(tags.len(), TAGS);
        assert_eq!(TOP_TAGS.len() + TAG_PLACES.len() * TAG_TOPICS.len(), TAGS);
        assert!(tags.iter().all(|t| !t.contains(',')));
    }
}
