//! The app's identity in the window system: the window icon (the committed 64 px PNG of assets/icon/, decoded at
//! start with the small `png` crate) and, on Linux, the application id that ties the window to posrecon.desktop
//! (so docks and task bars show the installed icon and name).

use iced::window;

/// The name of the desktop entry (posrecon.desktop), the X11 WM_CLASS and the Wayland app id.
pub const APPLICATION_ID: &str = "posrecon";

const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/png/posrecon-64.png");

/// The window icon; `None` if the built-in PNG cannot be decoded (the window then has the system's default).
pub fn icon() -> Option<window::Icon> {
    let (rgba, width, height) = decode_rgba(ICON_PNG)?;
    window::icon::from_rgba(rgba, width, height).ok()
}

/// The window settings of the main window: its size, the icon and the application id.
pub fn window_settings(size: iced::Size) -> window::Settings {
    window::Settings {
        size,
        icon: icon(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: APPLICATION_ID.to_string(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Decodes an 8-bit RGBA PNG (what assets/icon/make-icons.sh writes) into its pixels, width and height.
fn decode_rgba(bytes: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().ok()?;
    let mut pixels = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut pixels).ok()?;
    if frame.color_type != png::ColorType::Rgba || frame.bit_depth != png::BitDepth::Eight {
        return None;
    }
    pixels.truncate(frame.buffer_size());
    Some((pixels, frame.width, frame.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_icon_decodes_to_a_square_rgba_picture() {
        let (rgba, width, height) = decode_rgba(ICON_PNG).unwrap_or_default();
        assert_eq!((width, height), (64, 64));
        assert_eq!(rgba.len(), 64 * 64 * 4);
        assert!(icon().is_some());
    }
}
