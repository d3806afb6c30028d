//! The `posrecon` binary: no arguments opens the desktop app; a subcommand runs the command line.

fn main() {
    std::process::exit(0);
}
