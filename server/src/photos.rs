//! Photos residents and committees attach (project proposals and progress, reports):
//! checked by their content, decoded and encoded again so that nothing of the
//! original file survives but its pixels (no EXIF: no camera, no time, no GPS
//! position), turned upright by their EXIF orientation, stored once by the hash of
//! what we wrote under `<data_dir>/photos`, in two sizes for phones (to be served
//! with a year's cache: a name is its content). The proposal and report forms
//! that take photos come with 民生微实事 and 报事.
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::PathBuf;

/// The largest file taken.
pub const MAX_BYTES: usize = 8 << 20;
/// The most pixels taken (a 40-megapixel photo), checked before decoding.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The long side of the stored photo and of its thumbnail, in pixels.
pub const FULL_SIDE: u32 = 1600;
pub const THUMB_SIDE: u32 = 480;
const QUALITY: u8 = 82;

/// Why a photo was refused; nothing is stored.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("more than {MAX_PIXELS} pixels")]
    TooManyPixels,
    #[error("the image could not be read")]
    Unreadable,
    #[error("storing the photo failed: {0}")]
    Io(String),
}

/// A stored photo: its name (64 hex digits), and its size as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub name: String,
    pub width: u32,
    pub height: u32,
}

/// The photos under the data directory.
#[derive(Clone, Debug)]
pub struct Photos {
    dir: PathBuf,
}

impl Photos {
    pub fn new(data_dir: &std::path::Path) -> Self {
        Photos { dir: data_dir.join("photos") }
    }

    /// Checks, cleans and stores a photo; the same picture sent twice is stored once.
    pub fn put(&self, bytes: &[u8]) -> Result<Stored, PhotoError> {
        let clean = clean(bytes)?;
        let (full, width, height) = encode(&fit(&clean, FULL_SIDE))?;
        let (thumb, _, _) = encode(&fit(&clean, THUMB_SIDE))?;
        let name = hex::encode(Sha256::digest(&full));
        std::fs::create_dir_all(&self.dir).map_err(|e| PhotoError::Io(e.to_string()))?;
        write_once(&self.path(&name, false), &full)?;
        write_once(&self.path(&name, true), &thumb)?;
        Ok(Stored { name, width, height })
    }

    fn path(&self, name: &str, thumb: bool) -> PathBuf {
        self.dir.join(if thumb { format!("{name}-s.jpg") } else { format!("{name}.jpg") })
    }

    /// The file of `file` ("<name>.jpg" or "<name>-s.jpg"), if it is one of ours.
    pub fn file(&self, file: &str) -> Option<PathBuf> {
        let (name, thumb) = match file.strip_suffix("-s.jpg") {
            Some(n) => (n, true),
            None => (file.strip_suffix(".jpg")?, false),
        };
        let ours = name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        ours.then(|| self.path(name, thumb))
    }
}

/// Writes through a temporary file and a rename, so that a reader never sees half a
/// photo; an existing file (the same content) is left as it is.
fn write_once(path: &std::path::Path, bytes: &[u8]) -> Result<(), PhotoError> {
    if path.exists() {
        return Ok(());
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        PhotoError::Io(e.to_string())
    })
}

/// The picture alone, upright: the format told by the content (not the name or the
/// declared type), the size checked from the header before any pixel is decoded.
pub fn clean(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| PhotoError::NotAnImage)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(PhotoError::NotAnImage);
    }
    let reader = || ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = reader().into_dimensions().map_err(|_| PhotoError::Unreadable)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    let mut reader = reader();
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| PhotoError::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| PhotoError::Unreadable)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| PhotoError::Unreadable)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// At most `side` pixels on the long side.
fn fit(picture: &DynamicImage, side: u32) -> DynamicImage {
    if picture.width().max(picture.height()) <= side {
        picture.clone()
    } else {
        picture.resize(side, side, image::imageops::FilterType::CatmullRom)
    }
}

/// A baseline JPEG of the pixels, transparency laid on white; nothing else is written.
fn encode(picture: &DynamicImage) -> Result<(Vec<u8>, u32, u32), PhotoError> {
    let mut rgb = image::RgbImage::new(picture.width(), picture.height());
    for (x, y, p) in picture.to_rgba8().enumerate_pixels() {
        let [r, g, b, a] = p.0;
        let on_white =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        rgb.put_pixel(x, y, image::Rgb([on_white(r), on_white(g), on_white(b)]));
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&rgb)
        .map_err(|e| PhotoError::Io(e.to_string()))?;
    Ok((out, rgb.width(), rgb.height()))
}

#[doc(hidden)]
#[path = "photos_samples.rs"]
pub mod samples;

#[cfg(test)]
#[path = "photos_tests.rs"]
mod tests;
