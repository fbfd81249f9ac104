//! `broadsheet-dev synth`: writes a synthetic source archive (Markdown with front
//! matter) with the shape of a real one, for benchmarks and scale tests:
//! Zipf-distributed tags, regions, countries and authors; English, Urdu and
//! Hindi; bodies of varied length (`--profile short` or `long-form`) over a
//! long-tailed vocabulary; dates over twenty years, a few undated. The same seed always gives the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal, Zipf};

use crate::SynthArgs;

const SECTIONS: [&str; 6] = [
    "News",
    "Reports",
    "Analysis",
    "Statements",
    "Interviews",
    "Reviews",
];
const REGIONS: [&str; 12] = [
    "South Asia",
    "Kashmir",
    "East Asia",
    "Southeast Asia",
    "Middle East",
    "Europe",
    "Latin America",
    "Africa",
    "North America",
    "Central Asia",
    "Oceania",
    "Caribbean",
];
const COUNTRIES: [&str; 24] = [
    "Pakistan",
    "India",
    "Sri Lanka",
    "Bangladesh",
    "Hong Kong",
    "Myanmar",
    "Nepal",
    "Britain",
    "Iran",
    "Chile",
    "Brazil",
    "Nigeria",
    "South Africa",
    "Turkey",
    "Egypt",
    "Indonesia",
    "Philippines",
    "France",
    "Germany",
    "Mexico",
    "Argentina",
    "Kenya",
    "Afghanistan",
    "China",
];
/// Common English words, commonest first; a long tail of made-up words
/// follows them (real archives have hundreds of thousands of rare words).
const ENGLISH: &str = "workers union strike students meeting government police city wages \
    school protest report party rights city people women teachers conference election \
    movement year week minister court law country day camp committee rally programme \
    village land farmers price rent housing water power health hospital doctors nurses \
    factory textile port dock railway mine miners transport drivers sanitation heat flood \
    curfew blackout press freedom prison release demand agreement contract pay hours \
    leaders members delegates convention resolution solidarity letter statement interview \
    review book history struggle council budget tax debt loan fuel food bread market \
    shop street march speech crowd banner youth children family community region border \
    army soldiers security elections vote parliament opposition reform constitution \
    education university faculty exam classes fees tuition study circle summer winter \
    spring autumn morning evening night capital province district town island coast";
const URDU: &str = "مزدور یونین ہڑتال طلبہ اجلاس حکومت پولیس شہر اجرت سکول احتجاج رپورٹ \
    پارٹی حقوق عوام خواتین اساتذہ کانفرنس انتخاب تحریک سال ہفتہ وزیر عدالت قانون ملک دن \
    کیمپ کمیٹی جلسہ کسان قیمت کرایہ پانی بجلی صحت ہسپتال فیکٹری ریلوے سیلاب کرفیو آزادی \
    جیل مطالبہ معاہدہ تنخواہ رہنما ارکان قرارداد یکجہتی بیان کتاب تاریخ جدوجہد بجٹ ٹیکس";
const HINDI: &str = "मज़दूर यूनियन हड़ताल छात्र बैठक सरकार पुलिस शहर मज़दूरी स्कूल विरोध रिपोर्ट \
    पार्टी अधिकार लोग महिलाएँ शिक्षक सम्मेलन चुनाव आंदोलन साल हफ़्ता मंत्री अदालत क़ानून देश \
    दिन शिविर समिति रैली किसान क़ीमत किराया पानी बिजली स्वास्थ्य अस्पताल कारख़ाना रेलवे बाढ़";
const SYLLABLES: [&str; 24] = [
    "ka", "ra", "ton", "mi", "sel", "bar", "du", "len", "vor", "qui", "sha", "pel", "ri", "gan",
    "lo", "test", "mar", "zen", "ul", "bri", "cas", "no", "fen", "dra",
];

/// Every word list, with the made-up tail, in commonest-first order.
struct Vocabulary {
    words: Vec<String>,
    zipf: Zipf<f64>,
}

impl Vocabulary {
    fn new(common: &str, tail: usize, rng: &mut ChaCha8Rng) -> Vocabulary {
        let mut words: Vec<String> = common.split_whitespace().map(str::to_string).collect();
        for _ in 0..tail {
            let n = rng.random_range(2..=4);
            let w: String = (0..n)
                .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
                .collect();
            words.push(w);
        }
        let zipf = Zipf::new(words.len() as f64, 1.07).expect("valid Zipf parameters");
        Vocabulary { words, zipf }
    }

    fn word(&self, rng: &mut ChaCha8Rng) -> &str {
        &self.words[self.zipf.sample(rng) as usize - 1]
    }

    fn sentence(&self, rng: &mut ChaCha8Rng, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word(rng));
        }
        s
    }
}

/// Draws from a list with Zipf-distributed popularity (first = commonest).
fn zipf_pick<'a>(items: &'a [String], zipf: &Zipf<f64>, rng: &mut ChaCha8Rng) -> &'a str {
    &items[zipf.sample(rng) as usize - 1]
}

/// The distribution of body lengths.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Profile {
    Short,
    LongForm,
}

impl Profile {
    /// Log-normal (μ, σ) of the word count, and its bounds.
    fn lengths(self) -> (f64, f64, usize, usize) {
        match self {
            // median e^5.6 ≈ 270 words
            Profile::Short => (5.6, 0.6, 40, 3_000),
            // median e^7.09 ≈ 1,200 words; 99th percentile ≈ 4,900
            Profile::LongForm => (7.09, 0.6, 150, 6_000),
        }
    }
}

/// What every synthetic article draws from: vocabularies, tags, authors,
/// places, and their (Zipf) distributions.
struct Material {
    english: Vocabulary,
    urdu: Vocabulary,
    hindi: Vocabulary,
    tags: Vec<String>,
    authors: Vec<String>,
    regions: Vec<String>,
    countries: Vec<String>,
    tag_zipf: Zipf<f64>,
    author_zipf: Zipf<f64>,
    region_zipf: Zipf<f64>,
    country_zipf: Zipf<f64>,
    length: LogNormal<f64>,
    bounds: (usize, usize),
}

impl Material {
    fn new(rng: &mut ChaCha8Rng, profile: Profile) -> Result<Material, Box<dyn std::error::Error>> {
        let (mu, sigma, shortest, longest) = profile.lengths();
        let english = Vocabulary::new(ENGLISH, 40_000, rng);
        let urdu = Vocabulary::new(URDU, 0, rng);
        let hindi = Vocabulary::new(HINDI, 0, rng);
        let tags: Vec<String> = (0..2_000)
            .map(|i| {
                if i < 150 {
                    english.words[i].clone()
                } else {
                    format!("{} {}", english.words[i], english.words[(i * 7) % 150])
                }
            })
            .collect();
        let authors: Vec<String> = (0..300)
            .map(|i| {
                let first = english.words[150 + i].clone();
                let last = english.words[450 + (i * 13) % 300].clone();
                format!("{} {}", capitalize(&first), capitalize(&last))
            })
            .collect();
        let as_strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (regions, countries) = (as_strings(&REGIONS), as_strings(&COUNTRIES));
        Ok(Material {
            tag_zipf: Zipf::new(tags.len() as f64, 1.0)?,
            author_zipf: Zipf::new(authors.len() as f64, 1.0)?,
            region_zipf: Zipf::new(regions.len() as f64, 1.2)?,
            country_zipf: Zipf::new(countries.len() as f64, 1.1)?,
            length: LogNormal::new(mu, sigma)?,
            bounds: (shortest, longest),
            english,
            urdu,
            hindi,
            tags,
            authors,
            regions,
            countries,
        })
    }

    /// One article: the folder it goes in (its year, or `undated`) and its
    /// Markdown text.
    fn article(&self, rng: &mut ChaCha8Rng) -> Result<(String, String), std::fmt::Error> {
        let roll: f64 = rng.random();
        let (language, vocab) = if roll < 0.85 {
            ("en", &self.english)
        } else if roll < 0.95 {
            ("ur", &self.urdu)
        } else {
            ("hi", &self.hindi)
        };
        let undated = rng.random_ratio(1, 50);
        let year = rng.random_range(2006..=2025);
        let date = format!(
            "{year}-{:02}-{:02}",
            rng.random_range(1..=12),
            rng.random_range(1..=28)
        );
        let title_words = rng.random_range(5..=10);
        let title = capitalize(&vocab.sentence(rng, title_words));
        let mut front = String::new();
        writeln!(front, "---")?;
        writeln!(front, "title: {}", yaml(&title))?;
        if !undated {
            writeln!(front, "date: {date}")?;
        }
        writeln!(front, "language: {language}")?;
        writeln!(
            front,
            "section: {}",
            SECTIONS[rng.random_range(0..SECTIONS.len())]
        )?;
        writeln!(
            front,
            "author: {}",
            yaml(zipf_pick(&self.authors, &self.author_zipf, rng))
        )?;
        let mut list =
            |name: &str, items: &[String], zipf: &Zipf<f64>, most: usize| -> std::fmt::Result {
                let count = rng.random_range(1..=most);
                let mut picked: Vec<&str> =
                    (0..count).map(|_| zipf_pick(items, zipf, rng)).collect();
                picked.sort_unstable();
                picked.dedup();
                let quoted: Vec<String> = picked.iter().map(|s| yaml(s)).collect();
                writeln!(front, "{name}: [{}]", quoted.join(", "))
            };
        list("regions", &self.regions, &self.region_zipf, 2)?;
        list("countries", &self.countries, &self.country_zipf, 2)?;
        list("tags", &self.tags, &self.tag_zipf, 4)?;
        writeln!(front, "---")?;
        let words = (self.length.sample(rng) as usize).clamp(self.bounds.0, self.bounds.1);
        let body = body(vocab, language, words, rng);
        let folder = if undated {
            "undated".to_string()
        } else {
            year.to_string()
        };
        Ok((folder, format!("{front}\n{body}")))
    }
}

/// Paragraphs of 30 to 90 words, sentences of 6 to 18, `words` in all.
fn body(vocab: &Vocabulary, language: &str, words: usize, rng: &mut ChaCha8Rng) -> String {
    let mut body = String::new();
    let mut written = 0;
    while written < words {
        let paragraph = rng.random_range(30..=90).min(words - written).max(1);
        let mut p = String::new();
        let mut left = paragraph;
        while left > 0 {
            let s = rng.random_range(6..=18).min(left);
            p.push_str(&capitalize(&vocab.sentence(rng, s)));
            p.push_str(match language {
                "ur" => "۔ ",
                "hi" => "। ",
                _ => ". ",
            });
            left -= s;
        }
        body.push_str(p.trim_end());
        body.push_str("\n\n");
        written += paragraph;
    }
    body
}

pub fn run(args: SynthArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let material = Material::new(&mut rng, args.profile)?;
    fs::create_dir_all(&args.out)?;
    let mut bytes = 0u64;
    for n in 0..args.articles {
        let (folder, mut text) = material.article(&mut rng)?;
        let folder = args.out.join(folder);
        fs::create_dir_all(&folder)?;
        if args.pictures {
            // One picture after the first paragraph, with a caption.
            let (picture, format) = crate::draw::synthetic(n as u32);
            let name = format!("img/{n:06}.{}", format.extensions_str()[0]);
            fs::create_dir_all(folder.join("img"))?;
            picture.save_with_format(folder.join(&name), format)?;
            bytes += fs::metadata(folder.join(&name))?.len();
            let figure =
                format!("![Picture {n}]({name} \"Picture {n}, drawn for the benchmark\")\n\n");
            let at = text.find("\n\n").map_or(text.len(), |i| i + 2);
            let at = text[at..].find("\n\n").map_or(text.len(), |i| at + i + 2);
            text.insert_str(at, &figure);
        }
        bytes += text.len() as u64;
        fs::write(folder.join(format!("{n:06}.md")), text)?;
    }
    eprintln!(
        "broadsheet: wrote {} synthetic articles ({} MB) to {} in {:.1?}",
        args.articles,
        bytes / 1_000_000,
        Path::new(&args.out).display(),
        started.elapsed()
    );
    Ok(ExitCode::SUCCESS)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A YAML double-quoted scalar.
fn yaml(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
