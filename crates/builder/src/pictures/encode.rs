//! One source picture made into the files a bundle carries: decoded under
//! limits (a decoding bomb or a corrupt file is an error, never a crash or
//! an exhausted machine), turned upright as its EXIF orientation says,
//! resized to a few widths and encoded again — JPEG for photographs,
//! lossless WebP for drawings and anything transparent. Encoding again is
//! what strips the metadata: EXIF (a photo's location, the camera's
//! owner), XMP, IPTC and comments never reach the output.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The widths a picture is made at (none wider than the source): a phone,
/// a phone at twice the density or a laptop, a large screen.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// JPEG quality: photographs at reading sizes show no artefacts at it.
const JPEG_QUALITY: u8 = 78;
/// The longest side a source may have, and the memory its decoding may
/// take: a 12,000 px square photograph is the largest a camera makes.
const MAX_SIDE: u32 = 12_000;
const MAX_ALLOC: u64 = 384 << 20;
/// Lossless WebP is kept for an opaque drawing unless it weighs this many
/// times its JPEG (then the "drawing" was a photograph saved as PNG).
const LOSSLESS_AT_MOST: usize = 3;
/// What [`make`] does, for the cache: change it when its output changes.
pub const SETTINGS: &str =
    "widths 480/960/1600, jpeg-encoder q78, webp lossless ≤ 3× jpeg, lanczos3";

/// One file of a made picture.
#[derive(Debug)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `jpg` or `webp`.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// Decoded pixels, 8 bits a channel: RGB, or RGBA when any pixel is
/// transparent.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

/// What one decoding of a picture makes.
#[derive(Debug, Default)]
pub struct Outputs {
    /// At every width of [`WIDTHS`] below its own, and at its own (at most
    /// the widest), narrowest first; empty when not asked for.
    pub widths: Vec<Variant>,
    /// Its card thumbnail, when asked for.
    pub thumb: Option<Variant>,
}

/// The picture made into what is asked for: its widths for bodies, a
/// thumbnail for a card, or both from one decoding.
pub fn make(source: &[u8], widths: bool, thumb: bool) -> Result<Outputs, String> {
    let image = decode(source)?;
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err("the picture is empty (0 pixels)".into());
    }
    let lossless_source = matches!(
        image::guess_format(source),
        Ok(ImageFormat::Png | ImageFormat::Gif)
    );
    let pixels = pixels(image);
    let mut resizer = Resizer::new();
    let mut out = Outputs::default();
    if widths {
        out.widths = at_widths(&pixels, lossless_source, &mut resizer)?;
    }
    if thumb {
        out.thumb = Some(thumbnail(&pixels, &mut resizer)?);
    }
    Ok(out)
}

/// The width a card's thumbnail is made at, and its height: a 3:2 box
/// shown 96 × 64 CSS pixels, made for screens of twice that density.
pub const THUMB: (u32, u32) = (192, 128);
/// What [`thumbnail`] does, for the cache: change it when its output
/// changes.
pub const THUMB_SETTINGS: &str = "thumb 192x128 centre crop, jpeg-encoder q78, webp if alpha";

/// The middle of the picture cut to [`THUMB`]'s shape and made that size
/// (never larger than the picture): a JPEG, or lossless WebP when it is
/// transparent.
fn thumbnail(pixels: &Pixels, resizer: &mut Resizer) -> Result<Variant, String> {
    let (w, h) = (f64::from(pixels.width), f64::from(pixels.height));
    let shape = f64::from(THUMB.0) / f64::from(THUMB.1);
    let (crop_w, crop_h) = if w / h > shape {
        (h * shape, h)
    } else {
        (w, w / shape)
    };
    let width = (crop_w.round() as u32).clamp(1, THUMB.0);
    let height = ((f64::from(width) / shape).round() as u32).max(1);
    let crop = Crop {
        left: (w - crop_w) / 2.0,
        top: (h - crop_h) / 2.0,
        width: crop_w,
        height: crop_h,
    };
    let small = resize_part(pixels, width, height, Some(crop), resizer)?;
    let (extension, bytes) = if small.alpha {
        ("webp", webp(&small)?)
    } else {
        ("jpg", jpeg(&small)?)
    };
    Ok(Variant {
        width,
        height,
        extension,
        bytes,
    })
}

/// `pixels` at every width of [`WIDTHS`] below its own, and at its own.
fn at_widths(
    pixels: &Pixels,
    lossless_source: bool,
    resizer: &mut Resizer,
) -> Result<Vec<Variant>, String> {
    let (width, height) = (pixels.width, pixels.height);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    let own = width.min(WIDTHS[WIDTHS.len() - 1]);
    if widths.last() != Some(&own) {
        widths.push(own);
    }
    let mut lossless = lossless_source || pixels.alpha;
    let mut out = Vec::with_capacity(widths.len());
    for (i, w) in widths.into_iter().enumerate() {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        let resized = resize(pixels, w, h, resizer)?;
        let (extension, bytes) = if lossless {
            let webp = webp(&resized)?;
            if i == 0 && !resized.alpha {
                // Decided on the narrowest, for every width.
                let jpeg = jpeg(&resized)?;
                if webp.len() > jpeg.len() * LOSSLESS_AT_MOST {
                    lossless = false;
                    ("jpg", jpeg)
                } else {
                    ("webp", webp)
                }
            } else {
                ("webp", webp)
            }
        } else {
            ("jpg", jpeg(&resized)?)
        };
        out.push(Variant {
            width: w,
            height: h,
            extension,
            bytes,
        });
    }
    Ok(out)
}

/// The source decoded, upright.
fn decode(source: &[u8]) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(source))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    if reader.format().is_none() {
        return Err("not a picture Broadsheet reads (JPEG, PNG, WebP or GIF)".into());
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let orientation = decoder.orientation().map_err(describe)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn describe(error: image::ImageError) -> String {
    match error {
        image::ImageError::Limits(_) => format!(
            "the picture is too large to decode safely (at most {MAX_SIDE} px a side and {} MB decoded)",
            MAX_ALLOC >> 20
        ),
        other => format!("the picture cannot be decoded: {other}"),
    }
}

/// 8-bit RGB, or RGBA when some pixel is not wholly opaque.
fn pixels(image: DynamicImage) -> Pixels {
    let (width, height) = (image.width(), image.height());
    if image.color().has_alpha() {
        let rgba = image.into_rgba8();
        if rgba.pixels().any(|p| p.0[3] != u8::MAX) {
            return Pixels {
                width,
                height,
                alpha: true,
                data: rgba.into_raw(),
            };
        }
        let rgb = DynamicImage::ImageRgba8(rgba).into_rgb8();
        return Pixels {
            width,
            height,
            alpha: false,
            data: rgb.into_raw(),
        };
    }
    Pixels {
        width,
        height,
        alpha: false,
        data: image.into_rgb8().into_raw(),
    }
}

/// A part of a picture, in its pixels.
struct Crop {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

/// `pixels` at `width` × `height` (Lanczos, alpha-aware); as they are at
/// their own size.
fn resize(
    pixels: &Pixels,
    width: u32,
    height: u32,
    resizer: &mut Resizer,
) -> Result<Pixels, String> {
    resize_part(pixels, width, height, None, resizer)
}

/// [`resize`] of `crop` (the whole picture when `None`).
fn resize_part(
    pixels: &Pixels,
    width: u32,
    height: u32,
    crop: Option<Crop>,
    resizer: &mut Resizer,
) -> Result<Pixels, String> {
    if crop.is_none() && (width, height) == (pixels.width, pixels.height) {
        return Ok(Pixels {
            data: pixels.data.clone(),
            ..*pixels
        });
    }
    let kind = if pixels.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let failed = |e: &dyn std::fmt::Display| format!("cannot resize the picture: {e}");
    let source = Image::from_vec_u8(pixels.width, pixels.height, pixels.data.clone(), kind)
        .map_err(|e| failed(&e))?;
    let mut target = Image::new(width, height, kind);
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some(c) = crop {
        options = options.crop(c.left, c.top, c.width, c.height);
    }
    resizer
        .resize(&source, &mut target, &options)
        .map_err(|e| failed(&e))?;
    Ok(Pixels {
        width,
        height,
        alpha: pixels.alpha,
        data: target.into_vec(),
    })
}

fn jpeg(pixels: &Pixels) -> Result<Vec<u8>, String> {
    let failed = |e: &dyn std::fmt::Display| format!("cannot encode the picture: {e}");
    let (width, height) = (
        u16::try_from(pixels.width).map_err(|e| failed(&e))?,
        u16::try_from(pixels.height).map_err(|e| failed(&e))?,
    );
    let mut out = Vec::new();
    let color = if pixels.alpha {
        jpeg_encoder::ColorType::Rgba
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
        .encode(&pixels.data, width, height, color)
        .map_err(|e| failed(&e))?;
    Ok(out)
}

fn webp(pixels: &Pixels) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let color = if pixels.alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    WebPEncoder::new_lossless(&mut out)
        .encode(&pixels.data, pixels.width, pixels.height, color)
        .map_err(|e| format!("cannot encode the picture: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    /// The picture at its widths, as bodies show it.
    fn make(source: &[u8]) -> Result<Vec<Variant>, String> {
        super::make(source, true, false).map(|o| o.widths)
    }

    /// A photograph-like picture: smooth gradients and noise.
    fn photo(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 23;
            Rgb([
                (x * 255 / width) as u8,
                (y * 255 / height) as u8,
                (n * 9) as u8,
            ])
        })
    }

    fn jpeg_of(image: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(image)
            .unwrap();
        out
    }

    /// `jpeg` with an EXIF segment: orientation 6 (turn 90° clockwise) and
    /// a marker standing for GPS data.
    fn with_exif(jpeg: &[u8]) -> Vec<u8> {
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend([1, 0]); // one entry
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // orientation = 6
        tiff.extend([0, 0, 0, 0]); // no next IFD
        tiff.extend(b"GPS 33.6844N 73.0479E secret-place");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(((app1.len() + 2) as u16).to_be_bytes());
        out.extend(app1);
        out.extend(&jpeg[2..]);
        out
    }

    #[test]
    fn a_photograph_becomes_jpegs_at_each_width_below_its_own() {
        let source = jpeg_of(&photo(1200, 800));
        let made = make(&source).unwrap();
        let sizes: Vec<(u32, u32, &str)> = made
            .iter()
            .map(|v| (v.width, v.height, v.extension))
            .collect();
        assert_eq!(
            sizes,
            [(480, 320, "jpg"), (960, 640, "jpg"), (1200, 800, "jpg")]
        );
        for v in &made {
            let back = image::load_from_memory(&v.bytes).unwrap();
            assert_eq!((back.width(), back.height()), (v.width, v.height));
        }
        // Never wider than the widest width, never made larger.
        let made = make(&jpeg_of(&photo(2400, 1200))).unwrap();
        assert_eq!(made.last().map(|v| (v.width, v.height)), Some((1600, 800)));
        let made = make(&jpeg_of(&photo(300, 200))).unwrap();
        assert_eq!(made.iter().map(|v| v.width).collect::<Vec<_>>(), [300]);
    }

    #[test]
    fn a_thumbnail_is_the_middle_of_the_picture_in_a_small_3_by_2_box() {
        // A wide picture: its middle third is red, the sides blue.
        let wide = RgbImage::from_fn(1800, 600, |x, _| {
            if (600..1200).contains(&x) {
                Rgb([220, 20, 20])
            } else {
                Rgb([20, 20, 220])
            }
        });
        let made = super::make(&jpeg_of(&wide), false, true).unwrap();
        assert!(made.widths.is_empty(), "only what was asked for");
        let thumb = made.thumb.unwrap();
        assert_eq!(
            (thumb.width, thumb.height, thumb.extension),
            (192, 128, "jpg")
        );
        let back = image::load_from_memory(&thumb.bytes).unwrap().to_rgb8();
        assert_eq!(back.dimensions(), (192, 128));
        // Cut to 900 × 600 around the middle: red in the centre, blue at
        // the edges.
        let centre = back.get_pixel(96, 64).0;
        assert!(centre[0] > 150 && centre[2] < 100, "{centre:?}");
        let edge = back.get_pixel(2, 64).0;
        assert!(edge[2] > 150 && edge[0] < 100, "{edge:?}");
        // A tall one is cut to its middle too; a small one never grows.
        let tall = super::make(&jpeg_of(&photo(600, 1500)), true, true).unwrap();
        let thumb = tall.thumb.unwrap();
        assert_eq!((thumb.width, thumb.height), (192, 128));
        assert_eq!(tall.widths.len(), 2, "both from one decoding");
        let small = super::make(&jpeg_of(&photo(90, 90)), false, true).unwrap();
        let thumb = small.thumb.unwrap();
        assert_eq!((thumb.width, thumb.height), (90, 60));
        // Transparency stays: lossless WebP.
        let mut png = Vec::new();
        RgbaImage::from_fn(300, 200, |x, _| Rgba([0, 0, 0, (x % 256) as u8]))
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let thumb = super::make(&png, false, true).unwrap().thumb.unwrap();
        assert_eq!(thumb.extension, "webp");
        let back = image::load_from_memory(&thumb.bytes).unwrap();
        assert!(back.color().has_alpha());
    }

    #[test]
    fn metadata_is_stripped_and_the_picture_turned_upright() {
        let source = with_exif(&jpeg_of(&photo(64, 32)));
        assert!(source.windows(12).any(|w| w == b"secret-place"));
        let made = make(&source).unwrap();
        let out = &made[0].bytes;
        assert_eq!(
            (made[0].width, made[0].height),
            (32, 64),
            "orientation 6 applied"
        );
        assert!(!out.windows(4).any(|w| w == b"Exif"), "no EXIF left");
        assert!(!out.windows(12).any(|w| w == b"secret-place"));
        assert!(!out.windows(3).any(|w| w == b"GPS"));
    }

    #[test]
    fn drawings_stay_sharp_and_transparency_is_kept() {
        // A chart: flat colours, hard edges.
        let chart = RgbImage::from_fn(600, 300, |x, _| {
            if (x / 60) % 2 == 0 {
                Rgb([200, 40, 40])
            } else {
                Rgb([250, 250, 245])
            }
        });
        let mut png = Vec::new();
        chart
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let made = make(&png).unwrap();
        assert!(made.iter().all(|v| v.extension == "webp"));
        let back = image::load_from_memory(&made[1].bytes).unwrap().to_rgb8();
        assert_eq!(back.get_pixel(10, 10), &Rgb([200, 40, 40]), "lossless");
        let logo = RgbaImage::from_fn(100, 100, |x, _| Rgba([0, 0, 0, (x * 2) as u8]));
        let mut png = Vec::new();
        logo.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let made = make(&png).unwrap();
        let back = image::load_from_memory(&made[0].bytes).unwrap().to_rgba8();
        assert_eq!(back.get_pixel(10, 5).0[3], 20, "alpha kept");
    }

    #[test]
    fn broken_and_oversized_pictures_are_errors_not_crashes() {
        let jpeg = jpeg_of(&photo(64, 64));
        // A cut-off photograph shows what arrived; a header alone is nothing.
        assert!(make(&jpeg[..jpeg.len() / 2]).is_ok());
        assert!(make(&jpeg[..20]).is_err(), "truncated");
        assert!(make(b"not a picture at all")
            .unwrap_err()
            .contains("not a picture"));
        assert!(make(b"").is_err());
        // A PNG whose header claims 60,000 × 60,000 pixels: refused before
        // anything is allocated.
        let mut bomb = Vec::new();
        RgbImage::new(1, 1)
            .write_to(&mut Cursor::new(&mut bomb), ImageFormat::Png)
            .unwrap();
        bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let error = make(&bomb).unwrap_err();
        assert!(error.contains("too large"), "{error}");
    }
}
