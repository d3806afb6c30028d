//! Writes the sample data: `cargo run --example gen-sample-data -- [--seed N] [--clean] [--out DIR]`.
//! Without `--out` the files go to the repository's sample-data/ (the committed set is seed 42, not clean).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use posrecon::samplegen::{self, DEFAULT_SEED, SampleOptions};

/// Generate a shop's terminal logs, bank statements and truth.json with planted anomalies.
#[derive(Parser)]
struct Args {
    /// Seed of the simulation; the same seed gives byte-identical files.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Plant nothing: the engine must report no flag and no missing row on this set.
    #[arg(long)]
    clean: bool,
    /// Output folder (default: the repository's sample-data/).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data"))]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let set = match samplegen::generate(&SampleOptions {
        seed: args.seed,
        clean: args.clean,
    }) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("gen-sample-data: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = samplegen::write_to_dir(&set, &args.out) {
        eprintln!("gen-sample-data: {e}");
        return ExitCode::FAILURE;
    }
    let total: usize = set.files.iter().map(|f| f.bytes.len()).sum();
    for file in &set.files {
        println!(
            "{:>10} bytes  {}",
            file.bytes.len(),
            args.out.join(&file.path).display()
        );
    }
    println!("{total} bytes in all; {} planted anomalies", set.truth.anomalies.len());
    ExitCode::SUCCESS
}
