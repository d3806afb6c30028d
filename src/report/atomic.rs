//! Reports are written whole or not at all. Each export goes to a temporary file beside the report (same folder,
//! so the rename cannot cross file systems), is synced to disk, and only then renamed over the old report. A
//! full disk, a crash or a refused write leaves the old report as it was, and the temporary file is removed.

use std::path::{Path, PathBuf};

use super::ExportError;

/// The temporary file a report is written to before it replaces `path`: `.<name>.<pid>.partial` beside it.
fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// Writes a report to `path` through `write`, which is given the temporary path to write to (and names `path`
/// in its errors). Only a complete, synced file replaces `path`.
pub fn replace(path: &Path, write: impl FnOnce(&Path) -> Result<(), ExportError>) -> Result<(), ExportError> {
    let partial = partial_path(path);
    let io = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let result = write(&partial)
        // Opened for writing: Windows flushes only a handle that may write.
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(&partial)
                .and_then(|f| f.sync_all())
                .map_err(io)
        })
        .and_then(|()| std::fs::rename(&partial, path).map_err(io));
    match result {
        Ok(()) => {
            // The rename itself survives a power cut once the folder is synced too (best effort: not every
            // system lets a folder be opened).
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && let Ok(dir) = std::fs::File::open(dir)
            {
                let _ = dir.sync_all();
            }
            Ok(())
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("posrecon-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_failed_write_leaves_the_old_report_and_no_partial_file() {
        let dir = temp_dir("fail");
        let report = dir.join("report.json");
        std::fs::write(&report, b"{\"old\":true}").expect("old report");
        let error = replace(&report, |partial| {
            std::fs::write(partial, b"{\"new\":").expect("half written");
            Err(ExportError::Io {
                path: report.clone(),
                source: std::io::Error::from_raw_os_error(28), // ENOSPC: no space left on device
            })
        })
        .expect_err("the write failed");
        assert!(error.to_string().contains("report.json"), "{error}");
        assert_eq!(std::fs::read(&report).expect("still there"), b"{\"old\":true}");
        let left: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "only the old report: {left:?}");
    }

    #[test]
    fn a_complete_write_replaces_the_report() {
        let dir = temp_dir("ok");
        let report = dir.join("report.json");
        std::fs::write(&report, b"old").expect("old report");
        replace(&report, |partial| {
            std::fs::write(partial, b"new").map_err(|source| ExportError::Io {
                path: report.clone(),
                source,
            })
        })
        .expect("written");
        assert_eq!(std::fs::read(&report).expect("there"), b"new");
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1);
    }

    #[test]
    fn a_full_device_leaves_the_old_report() {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            return;
        };
        let dir = temp_dir("full");
        let report = dir.join("report.csv");
        std::fs::write(&report, b"old").expect("old report");
        let result = replace(&report, |_partial| {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(&full);
            out.write_all(&[b'x'; 1 << 16])
                .and_then(|()| out.flush())
                .map_err(|source| ExportError::Io {
                    path: report.clone(),
                    source,
                })
        });
        assert!(result.is_err_and(|e| e.to_string().contains("No space left")));
        assert_eq!(std::fs::read(&report).expect("there"), b"old");
    }
}
