//! Sample photos for tests: a JPEG of any size, and the same with an EXIF block that
//! holds a GPS position (and an orientation), as a phone camera writes them.
use image::{ImageDecoder, ImageFormat, ImageReader, RgbImage};
use std::io::Cursor;

pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 4) as u8, (y * 4) as u8, 128]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
    out
}

/// An EXIF block (little-endian TIFF) with a GPS position (22° 32′ N) and, if given,
/// an orientation.
pub fn exif(orientation: Option<u16>) -> Vec<u8> {
    let n: u32 = if orientation.is_some() { 2 } else { 1 };
    let gps_at = 8 + 2 + 12 * n + 4;
    let mut t = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    t.extend((n as u16).to_le_bytes());
    if let Some(o) = orientation {
        t.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0]);
        t.extend(o.to_le_bytes());
        t.extend([0, 0]);
    }
    t.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    t.extend(gps_at.to_le_bytes());
    t.extend([0, 0, 0, 0]);
    // The GPS directory: latitude reference and latitude (three rationals).
    t.extend(2u16.to_le_bytes());
    t.extend([1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    t.extend([2, 0, 5, 0, 3, 0, 0, 0]);
    t.extend((gps_at + 2 + 24 + 4).to_le_bytes());
    t.extend([0, 0, 0, 0]);
    for v in [22u32, 1, 32, 1, 0, 1] {
        t.extend(v.to_le_bytes());
    }
    t
}

/// A JPEG with an APP1 "Exif" segment right after its start marker.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

pub fn exif_of(bytes: &[u8]) -> Option<Vec<u8>> {
    let reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Jpeg);
    reader.into_decoder().unwrap().exif_metadata().unwrap()
}
