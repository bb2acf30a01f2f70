use super::samples::{exif, exif_of, jpeg, with_exif};
use super::*;
use image::{ImageEncoder, RgbaImage};

fn files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("photos")).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn a_photo_with_a_gps_position_is_stored_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let photos = Photos::new(dir.path());
    let sent = with_exif(&jpeg(64, 32), &exif(None));
    let sent_exif = exif_of(&sent).expect("the test photo carries EXIF");
    assert!(sent_exif.windows(2).any(|w| w == [0x25, 0x88]), "with a GPS directory");
    let stored = photos.put(&sent).unwrap();
    assert_eq!((stored.width, stored.height), (64, 32));
    for file in [format!("{}.jpg", stored.name), format!("{}-s.jpg", stored.name)] {
        let kept = std::fs::read(photos.file(&file).unwrap()).unwrap();
        assert_eq!(exif_of(&kept), None, "{file}");
        assert!(!kept.windows(4).any(|w| w == b"Exif"), "{file}");
    }
    assert_eq!(
        stored.name,
        hex::encode(Sha256::digest(
            std::fs::read(photos.file(&format!("{}.jpg", stored.name)).unwrap()).unwrap()
        ))
    );
}

#[test]
fn a_photo_is_turned_upright_by_its_orientation() {
    let dir = tempfile::tempdir().unwrap();
    // Orientation 6: the camera was turned a quarter clockwise.
    let stored = Photos::new(dir.path()).put(&with_exif(&jpeg(64, 32), &exif(Some(6)))).unwrap();
    assert_eq!((stored.width, stored.height), (32, 64));
}

#[test]
fn large_photos_are_kept_at_phone_sizes_and_the_same_photo_once() {
    let dir = tempfile::tempdir().unwrap();
    let photos = Photos::new(dir.path());
    let big = jpeg(2000, 1000);
    let stored = photos.put(&big).unwrap();
    assert_eq!((stored.width, stored.height), (1600, 800));
    let thumb = std::fs::read(photos.file(&format!("{}-s.jpg", stored.name)).unwrap()).unwrap();
    let thumb = image::load_from_memory(&thumb).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (480, 240));
    assert_eq!(photos.put(&big).unwrap(), stored);
    assert_eq!(files(dir.path()), 2, "one photo, two sizes");
}

#[test]
fn png_and_webp_are_taken_and_transparency_lies_on_white() {
    let dir = tempfile::tempdir().unwrap();
    let photos = Photos::new(dir.path());
    let clear = RgbaImage::from_pixel(8, 8, image::Rgba([0, 0, 0, 0]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(clear.as_raw(), 8, 8, image::ExtendedColorType::Rgba8)
        .unwrap();
    let stored = photos.put(&png).unwrap();
    let kept = std::fs::read(photos.file(&format!("{}.jpg", stored.name)).unwrap()).unwrap();
    let pixel = image::load_from_memory(&kept).unwrap().to_rgb8().get_pixel(4, 4).0;
    assert!(pixel.iter().all(|c| *c > 245), "{pixel:?}");
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .write_image(clear.as_raw(), 8, 8, image::ExtendedColorType::Rgba8)
        .unwrap();
    assert!(photos.put(&webp).is_ok());
}

/// A PNG that says it is `w`×`h` pixels: its header, and an empty first data chunk.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &[]);
    out
}

#[test]
fn files_that_are_not_photos_or_too_big_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let photos = Photos::new(dir.path());
    assert_eq!(photos.put(b"%PDF-1.7 not a photo").unwrap_err(), PhotoError::NotAnImage);
    assert_eq!(photos.put(b"GIF89a\x01\x00\x01\x00").unwrap_err(), PhotoError::NotAnImage);
    assert_eq!(photos.put(b"").unwrap_err(), PhotoError::NotAnImage);
    let mut huge = jpeg(8, 8);
    huge.resize(MAX_BYTES + 1, 0);
    assert_eq!(photos.put(&huge).unwrap_err(), PhotoError::TooLarge);
    assert_eq!(photos.put(&png_header(10_000, 4_001)).unwrap_err(), PhotoError::TooManyPixels);
    assert_eq!(files(dir.path()), 0);
}

#[test]
fn only_our_own_names_are_files() {
    let photos = Photos::new(std::path::Path::new("/data"));
    let name = "0123456789abcdef".repeat(4);
    assert!(photos.file(&format!("{name}.jpg")).is_some());
    assert!(photos.file(&format!("{name}-s.jpg")).is_some());
    for bad in ["../secret.key.jpg", "x.jpg", &format!("{}.jpg", name.to_uppercase()), &name] {
        assert_eq!(photos.file(bad), None, "{bad}");
    }
}
