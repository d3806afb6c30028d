//! Reading an input file from disk, bounded: only a regular file is read (a device such as /dev/zero never
//! ends, a named pipe may never deliver), and never more than [`MAX_FILE_BYTES`], even of a file that grows
//! while it is read. Every path that reads a user's file — reconcile, inspect, the workspace, the app — goes
//! through [`read`].

use std::io::Read;
use std::path::Path;

/// The largest file posrecon reads: 4 GiB (a chain's year of card sales as CSV is well below).
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// The bytes of the regular file at `path`, or why not.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "a device or a pipe"
        };
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a regular file ({what}) — expected a statement or log file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("larger than the {} GiB posrecon reads", MAX_FILE_BYTES >> 30),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_pipes_are_refused_and_files_read() {
        let dir = std::env::temp_dir();
        assert!(read(&dir).is_err_and(|e| e.to_string().contains("a folder")));
        if Path::new("/dev/zero").exists() {
            assert!(read(Path::new("/dev/zero")).is_err_and(|e| e.to_string().contains("a device or a pipe")));
        }
        let file = dir.join(format!("posrecon-file-bytes-{}.csv", std::process::id()));
        std::fs::write(&file, b"a,b\n").expect("written");
        assert_eq!(read(&file).expect("read"), b"a,b\n");
        let _ = std::fs::remove_file(&file);
    }
}
