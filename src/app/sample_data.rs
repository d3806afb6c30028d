//! The sample pair "Try with sample data" opens: a month of a sample shop's GBK terminal log and its bank's XLSX
//! statement, built into the binary so an installed copy can show it with no source tree next to it, and written
//! out as files the app reads like any others.

use std::path::{Path, PathBuf};

/// The bundled sample pair (a month of a GBK terminal log and its bank's XLSX statement), built into the binary.
const SAMPLE: [(&str, &[u8]); 2] = [
    ("terminal-log.csv", include_bytes!("../../sample-data/terminal-log.csv")),
    (
        "bank-statement.xlsx",
        include_bytes!("../../sample-data/bank-statement.xlsx"),
    ),
];

/// The sample pair as files the app can read: the copies built into the binary, written (again, when missing or
/// changed) to `sample-data/` in `$POSRECON_HOME` or the user's local data folder. When that folder cannot be
/// written, the sample-data folder next to the executable or in the source tree is used, if there is one.
pub fn sample_files() -> Option<Vec<PathBuf>> {
    sample_folder()
        .and_then(|folder| write_sample(&folder).ok())
        .or_else(sample_files_on_disk)
}

fn sample_folder() -> Option<PathBuf> {
    match std::env::var_os("POSRECON_HOME") {
        Some(home) => Some(PathBuf::from(home).join("sample-data")),
        None => dirs::data_local_dir()
            .map(|d| d.join("posrecon").join("sample-data"))
            .or_else(|| Some(std::env::temp_dir().join("posrecon-sample-data"))),
    }
}

/// Writes the built-in sample files into `folder` (skipping those already there unchanged) and returns their paths.
pub fn write_sample(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder)?;
    SAMPLE
        .iter()
        .map(|(name, bytes)| {
            let path = folder.join(name);
            if !std::fs::read(&path).is_ok_and(|found| found == *bytes) {
                std::fs::write(&path, bytes)?;
            }
            Ok(path)
        })
        .collect()
}

/// The bundled sample pair: next to the executable, in the working directory, or in the source tree.
pub fn sample_files_on_disk() -> Option<Vec<PathBuf>> {
    let names = ["terminal-log.csv", "bank-statement.xlsx"];
    let mut folders = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        folders.push(dir.join("sample-data"));
    }
    folders.push(PathBuf::from("sample-data"));
    folders.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data"));
    folders
        .into_iter()
        .map(|folder| names.iter().map(|n| folder.join(n)).collect::<Vec<_>>())
        .find(|paths| paths.iter().all(|p| p.is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_sample_is_written_where_asked_and_matches_the_repository_copy() {
        let folder = std::env::temp_dir().join(format!("posrecon-sample-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        let paths = write_sample(&folder).unwrap_or_default();
        assert_eq!(
            paths,
            vec![folder.join("terminal-log.csv"), folder.join("bank-statement.xlsx")]
        );
        let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        for path in &paths {
            let name = path.file_name().unwrap_or_default();
            assert_eq!(
                std::fs::read(path).ok(),
                std::fs::read(repository.join(name)).ok(),
                "{}",
                path.display()
            );
        }
        std::fs::write(&paths[0], b"changed by hand").ok();
        assert!(write_sample(&folder).is_ok());
        assert_eq!(
            std::fs::read(&paths[0]).ok(),
            std::fs::read(repository.join("terminal-log.csv")).ok(),
            "a changed copy is restored"
        );
        let _ = std::fs::remove_dir_all(&folder);
    }
}
