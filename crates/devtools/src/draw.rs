//! `broadsheet-dev draw`: the sample archive's pictures, drawn here from
//! shapes and a seeded grain (no photograph from elsewhere goes into the
//! repository), and the synthetic pictures of the benchmark archives.
//! The same arguments draw the same pixels.

use std::path::Path;
use std::process::ExitCode;

use image::{ImageFormat, Rgb, RgbImage};

/// A dawn over a brick kiln: sky, sun, chimney, smoke, stacks of bricks.
pub fn kiln(width: u32, height: u32, seed: u32) -> RgbImage {
    let horizon = height * 62 / 100;
    let sun = (
        width as f32 * 0.72,
        horizon as f32 * 0.78,
        height as f32 * 0.07,
    );
    let chimney = (width * 30 / 100, width * 34 / 100, height * 18 / 100);
    RgbImage::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let mut c = if y < horizon {
            let t = yf / horizon as f32;
            mix([54.0, 84.0, 140.0], [242.0, 150.0, 84.0], t.powf(1.6))
        } else {
            let t = (yf - horizon as f32) / (height - horizon) as f32;
            mix([112.0, 66.0, 46.0], [58.0, 36.0, 28.0], t)
        };
        let d = ((xf - sun.0).powi(2) + (yf - sun.1).powi(2)).sqrt();
        if d < sun.2 {
            c = [252.0, 214.0, 140.0];
        } else if d < sun.2 * 2.5 && y < horizon {
            c = mix(
                c,
                [250.0, 190.0, 120.0],
                0.35 * (1.0 - (d - sun.2) / (sun.2 * 1.5)),
            );
        }
        if x >= chimney.0 && x < chimney.1 && y >= chimney.2 && y < horizon {
            c = [70.0, 38.0, 30.0];
        }
        // Smoke drifting right from the chimney's top.
        let smoke_y = chimney.2 as f32 - (xf - chimney.1 as f32) * 0.18;
        if xf > chimney.0 as f32
            && (yf - smoke_y).abs() < height as f32 * 0.035 + (xf - chimney.0 as f32) * 0.04
        {
            c = mix(c, [160.0, 156.0, 150.0], 0.45);
        }
        // Stacks of bricks along the ground.
        let row = y.saturating_sub(horizon) / (height / 30).max(1);
        if y > horizon + height / 20
            && (x / (width / 16).max(1) + row).is_multiple_of(3)
            && row.is_multiple_of(2)
        {
            c = mix(c, [168.0, 82.0, 58.0], 0.8);
        }
        grain(c, x, y, seed, 3.0)
    })
}

/// A bar chart of attendance over seven years: flat colours, a baseline
/// and grid lines, the last two bars another colour (meetings online).
pub fn chart(width: u32, height: u32) -> RgbImage {
    const VALUES: [f32; 7] = [120.0, 150.0, 185.0, 240.0, 400.0, 610.0, 880.0];
    let (left, right, top, bottom) = (width / 10, width * 95 / 100, height / 10, height * 88 / 100);
    let slot = (right - left) / VALUES.len() as u32;
    RgbImage::from_fn(width, height, |x, y| {
        let paper = Rgb([250, 248, 242]);
        if (left..right).contains(&x) && (bottom..bottom + 3).contains(&y) {
            return Rgb([40, 40, 40]);
        }
        if (left..right).contains(&x)
            && y > top
            && y < bottom
            && (bottom - y) % ((bottom - top) / 5) == 0
        {
            return Rgb([214, 210, 200]);
        }
        if x >= left && x < right && y >= top && y < bottom {
            let i = ((x - left) / slot) as usize;
            let inner = (x - left) % slot;
            if i < VALUES.len() && inner > slot / 6 && inner < slot * 5 / 6 {
                let bar = (VALUES[i] / 900.0 * (bottom - top) as f32) as u32;
                if y >= bottom - bar {
                    return if i >= 5 {
                        Rgb([60, 110, 160])
                    } else {
                        Rgb([178, 34, 34])
                    };
                }
            }
        }
        paper
    })
}

/// A meeting hall: a red banner, windows, rows of chairs in perspective.
pub fn hall(width: u32, height: u32, seed: u32) -> RgbImage {
    let wall = height * 55 / 100;
    RgbImage::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut c = if y < wall {
            mix([226.0, 218.0, 196.0], [196.0, 186.0, 160.0], yf * 1.6)
        } else {
            mix([128.0, 96.0, 70.0], [90.0, 64.0, 46.0], (yf - 0.55) / 0.45)
        };
        // Windows along the wall.
        if yf > 0.12 && yf < 0.4 && (xf * 7.0).fract() > 0.62 {
            c = [236.0, 240.0, 246.0];
        }
        // The banner.
        if xf > 0.28 && xf < 0.72 && yf > 0.16 && yf < 0.3 {
            c = [178.0, 30.0, 36.0];
            if yf > 0.21 && yf < 0.25 && (xf * 40.0).fract() > 0.35 {
                c = [244.0, 232.0, 214.0];
            }
        }
        // Chairs: rows that widen towards the viewer.
        if y > wall + height / 25 {
            let depth = (yf - 0.59) / 0.41;
            let spacing = 0.02 + depth * 0.05;
            let row = (depth * 9.0).fract();
            if row < 0.35 && ((xf - 0.5) / spacing).fract().abs() < 0.45 {
                c = mix(c, [40.0, 48.0, 60.0], 0.85);
            }
        }
        grain(c, x, y, seed, 2.5)
    })
}

/// A relief camp after a flood: a pale sky, a row of white tents on an
/// embankment, flood water to the horizon with the tents' reflections.
pub fn flood(width: u32, height: u32, seed: u32) -> RgbImage {
    let bank_top = height * 50 / 100;
    let water = height * 58 / 100;
    let tent_w = (width / 9).max(1);
    RgbImage::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        // Where x falls in its tent: 0 at the tent's middle, 1 at its edge.
        let across = ((x % tent_w) as f32 / tent_w as f32 * 2.0 - 1.0).abs();
        let tent_top = bank_top as f32 - height as f32 * 0.12 * (1.0 - across);
        let is_tent = |row: f32| (x / tent_w) % 2 == 1 && row >= tent_top && row < bank_top as f32;
        let mut c = if y < bank_top {
            let t = yf / bank_top as f32;
            mix([176.0, 196.0, 214.0], [226.0, 226.0, 218.0], t)
        } else if y < water {
            [104.0, 88.0, 66.0]
        } else {
            let t = (yf - water as f32) / (height - water) as f32;
            let ripple = ((yf * 0.35).sin() + (xf * 0.02 + yf * 0.05).sin()) * 6.0;
            mix([138.0, 150.0, 148.0], [84.0, 98.0, 100.0], t).map(|v| v + ripple)
        };
        if is_tent(yf) {
            c = if across < 0.08 {
                [150.0, 150.0, 146.0]
            } else {
                [236.0, 234.0, 226.0]
            };
        }
        // The tents upside down in the water, fainter.
        let mirrored = 2.0 * water as f32 - yf - (water - bank_top) as f32;
        if y >= water && is_tent(mirrored) {
            c = mix(c, [214.0, 214.0, 206.0], 0.45);
        }
        grain(c, x, y, seed, 2.5)
    })
}

/// A boat on flood water: an overcast sky, a low tree line, a wooden boat
/// with blue water cans, and its ripples.
pub fn boat(width: u32, height: u32, seed: u32) -> RgbImage {
    let horizon = height * 45 / 100;
    let (hull_l, hull_r) = (width * 30 / 100, width * 70 / 100);
    let (hull_top, hull_bottom) = (height * 60 / 100, height * 70 / 100);
    RgbImage::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let mut c = if y < horizon {
            mix(
                [150.0, 156.0, 162.0],
                [206.0, 206.0, 200.0],
                yf / horizon as f32,
            )
        } else {
            let t = (yf - horizon as f32) / (height - horizon) as f32;
            let ripple = ((yf * 0.5).sin() * (xf * 0.013).cos()) * 5.0;
            mix([120.0, 124.0, 110.0], [76.0, 84.0, 76.0], t).map(|v| v + ripple)
        };
        // Trees on the far bank, a bumpy dark band at the horizon.
        let crown = horizon as f32 - height as f32 * (0.03 + 0.02 * (xf * 0.03).sin().abs());
        if yf > crown && y < horizon + height / 80 {
            c = [58.0, 74.0, 52.0];
        }
        // The hull narrows towards its keel.
        let slant = (y.saturating_sub(hull_top) * (width / 12)) / (hull_bottom - hull_top).max(1);
        if y >= hull_top && y < hull_bottom && x >= hull_l + slant && x < hull_r - slant {
            c = [110.0, 72.0, 44.0];
        }
        // Water cans standing in the boat.
        let can = (width / 24).max(1);
        if y >= hull_top - height / 12
            && y < hull_top
            && x >= hull_l + can
            && x < hull_r - can
            && ((x - hull_l) / can) % 2 == 1
        {
            c = [44.0, 96.0, 170.0];
        }
        grain(c, x, y, seed, 2.5)
    })
}

/// A raised road through flood water: the road as a grey band, plastic
/// sheets stretched over charpais along its edge in blue and orange.
pub fn road(width: u32, height: u32, seed: u32) -> RgbImage {
    let horizon = height * 35 / 100;
    RgbImage::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        // The road runs from the lower left towards the horizon.
        let centre = horizon as f32 + (height - horizon) as f32 * (1.0 - xf / width as f32) * 0.9;
        let half = height as f32 * 0.04 + (yf - horizon as f32).max(0.0) * 0.05;
        let mut c = if y < horizon {
            mix(
                [172.0, 186.0, 200.0],
                [222.0, 220.0, 210.0],
                yf / horizon as f32,
            )
        } else {
            let ripple = (yf * 0.4 + xf * 0.01).sin() * 5.0;
            [104.0, 116.0, 112.0].map(|v| v + ripple)
        };
        if y >= horizon && (yf - centre).abs() < half {
            c = [132.0, 128.0, 122.0];
        }
        // Shelters just above the road's upper edge, every few metres.
        let shelter = (width / 14).max(1);
        let above = centre - half - yf;
        if y >= horizon && above > 0.0 && above < half * 0.9 && (x / shelter).is_multiple_of(2) {
            c = if (x / shelter).is_multiple_of(4) {
                [40.0, 90.0, 168.0]
            } else {
                [214.0, 120.0, 40.0]
            };
        }
        grain(c, x, y, seed, 2.5)
    })
}

/// Synthetic picture `n` of a benchmark archive: one of the drawings at a
/// size and grain of its own.
pub fn synthetic(n: u32) -> (RgbImage, ImageFormat) {
    let width = [1600, 1200, 2000, 960][n as usize % 4];
    let height = width * [2, 3, 9, 4][n as usize % 4] / [3, 4, 16, 5][n as usize % 4];
    match n % 5 {
        0 => (chart(width, height), ImageFormat::Png),
        1 | 3 => (hall(width, height, n), ImageFormat::Jpeg),
        _ => (kiln(width, height, n), ImageFormat::Jpeg),
    }
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * t)
}

/// `c` with a seeded grain of ± `amount`, as film or a sensor gives.
fn grain(c: [f32; 3], x: u32, y: u32, seed: u32, amount: f32) -> Rgb<u8> {
    let mut h = x.wrapping_mul(374_761_393)
        ^ y.wrapping_mul(668_265_263)
        ^ seed.wrapping_mul(2_246_822_519);
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    let n = ((h >> 8) & 0xFF) as f32 / 255.0 - 0.5;
    Rgb(c.map(|v| (v + n * 2.0 * amount).clamp(0.0, 255.0) as u8))
}

/// Writes the sample archive's pictures into `out`.
pub fn run(out: &Path) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let pictures: [(&str, RgbImage, ImageFormat); 7] = [
        (
            "articles/img/kasur-kiln-dawn.jpg",
            kiln(1600, 1067, 1),
            ImageFormat::Jpeg,
        ),
        (
            "articles/img/may-day-attendance.png",
            chart(1200, 675),
            ImageFormat::Png,
        ),
        (
            "pages/peshawar-convention_files/hall.jpg",
            hall(1280, 854, 2),
            ImageFormat::Jpeg,
        ),
        (
            "feeds/images/sindh-relief-camp.jpg",
            flood(1400, 788, 3),
            ImageFormat::Jpeg,
        ),
        // Three pictures in one article (Lighthouse measures it).
        (
            "articles/img/sindh-raised-road.jpg",
            road(1400, 788, 4),
            ImageFormat::Jpeg,
        ),
        (
            "articles/img/sindh-embankment-tents.jpg",
            flood(1200, 675, 5),
            ImageFormat::Jpeg,
        ),
        (
            "articles/img/sindh-boat-water.jpg",
            boat(1400, 788, 6),
            ImageFormat::Jpeg,
        ),
    ];
    for (path, picture, format) in pictures {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        picture.save_with_format(&path, format)?;
        eprintln!("broadsheet-dev: drew {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
