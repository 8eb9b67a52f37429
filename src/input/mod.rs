//! Path → bytes → decoded text: opening a file (the one place a report's file is read,
//! and its size checked against [`decode::MAX_INPUT_BYTES`]), telling plain text from a
//! published document (HTML, .docx, PDF) and decoding it. [`open_report`] hands the
//! bytes on to [`crate::read`], the next step; nothing else here uses the crate above
//! `model`.

pub mod decode;
pub mod document;

use crate::model::Report;
use decode::DecodeError;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why an input could not be used, with the file it is about. `Display` prints the
/// path once, then the reason: `a.txt: the file is empty`.
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: PathBuf,
    pub kind: InputErrorKind,
}

#[derive(Debug, Clone)]
pub enum InputErrorKind {
    /// Opening or reading the file failed: why, in plain words ([`io_reason`]).
    Io(String),
    /// The file is larger than a report can be (bytes, or at least this many).
    TooLarge(u64),
    /// Not a regular file: a device, pipe or socket, which could be read for ever.
    NotAFile(&'static str),
    /// Reading or checking the file hit a fault in nianbao itself (a panic, caught so
    /// one file cannot end a batch): what it said.
    Internal(String),
    /// The bytes are not a report's text or a readable document.
    Unreadable(DecodeError),
    /// The report's corrections file could not be applied (the message names that file).
    Corrections(String),
    /// `--prior auto`: the report does not say whose or which year it is.
    PriorUnknown,
    /// `--prior auto`: the folder could not be listed.
    PriorFolder { dir: PathBuf, reason: String },
    /// `--prior auto`: no report of the agency for the year before in the folder.
    NoPrior {
        agency: String,
        year: i32,
        dir: PathBuf,
    },
    /// `--prior auto`: several, so none is chosen.
    ManyPriors {
        agency: String,
        year: i32,
        dir: PathBuf,
        found: Vec<PathBuf>,
    },
}

impl InputError {
    pub fn new(path: &Path, kind: InputErrorKind) -> InputError {
        InputError {
            path: path.to_path_buf(),
            kind,
        }
    }

    /// Opening or reading `path` failed with `e`.
    pub fn io(path: &Path, e: &std::io::Error) -> InputError {
        InputError::new(path, InputErrorKind::Io(io_reason(e)))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.kind)
    }
}

impl std::error::Error for InputError {}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Io(why) => f.write_str(why),
            InputErrorKind::TooLarge(n) => {
                let n = usize::try_from(*n).unwrap_or(usize::MAX);
                write!(f, "{}", DecodeError::TooLarge(n))
            }
            InputErrorKind::NotAFile(what) => write!(
                f,
                "{what}, not a regular file: nianbao reads only files (save the report to a file first)"
            ),
            InputErrorKind::Internal(what) => write!(
                f,
                "nianbao failed on this file ({what}); this is a fault in nianbao: please report it with the file"
            ),
            InputErrorKind::Unreadable(e) => write!(f, "{e}"),
            InputErrorKind::Corrections(why) => f.write_str(why),
            InputErrorKind::PriorUnknown => f.write_str(
                "--prior auto needs the report's agency and year, and the text does not give them",
            ),
            InputErrorKind::PriorFolder { dir, reason } => {
                write!(f, "--prior auto: {}: {reason}", dir.display())
            }
            InputErrorKind::NoPrior { agency, year, dir } => write!(
                f,
                "--prior auto: no report of {agency} for {year} in {}",
                dir.display()
            ),
            InputErrorKind::ManyPriors {
                agency,
                year,
                dir,
                found,
            } => {
                let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "--prior auto: {} reports of {agency} for {year} in {}: {}; name one with --prior FILE",
                    found.len(),
                    dir.display(),
                    names.join(", ")
                )
            }
        }
    }
}

/// An I/O error as a reader wants it: the common ones in plain words.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What a file that is not a regular one is, in plain words.
fn not_a_file(m: &std::fs::Metadata) -> Option<&'static str> {
    let t = m.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// The file's bytes, refusing one larger than a report can be before reading it: its
/// size first, then a capped read. Only a regular file is read: a device such as
/// `/dev/zero`, a pipe or a socket is refused before it is opened (opening a FIFO
/// would wait for a writer for ever), and again once open (in case it was swapped).
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let io = |e| InputError::io(path, &e);
    let too_large = |n| InputError::new(path, InputErrorKind::TooLarge(n));
    let special = |what| InputError::new(path, InputErrorKind::NotAFile(what));
    let max = decode::MAX_INPUT_BYTES as u64;
    if let Some(what) = not_a_file(&std::fs::metadata(path).map_err(io)?) {
        return Err(special(what));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(special(what));
    }
    let size = meta.len();
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads the report in a file, as published (no corrections). A fault of the reader
/// on this file (a panic) is this file's error, not the end of the program.
pub fn open_report(path: &Path) -> Result<Report, InputError> {
    let bytes = read_file(path)?;
    guarded(path, || {
        crate::read::read_bytes(&path.to_string_lossy(), &bytes)
    })?
    .map_err(|e| InputError::new(path, InputErrorKind::Unreadable(e)))
}

/// Runs `f` on `path`'s behalf, a panic in it becoming `path`'s
/// [`InputErrorKind::Internal`] error (the panic message kept).
pub fn guarded<T>(path: &Path, f: impl FnOnce() -> T) -> Result<T, InputError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        InputError::new(path, InputErrorKind::Internal(what))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_its_file_once() {
        let p = Path::new("/no/such/dir/a.txt");
        let e = open_report(p).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/no/such/dir/a.txt: no such file or directory"
        );
        let e = open_report(Path::new("/dev/zero")).unwrap_err();
        assert!(
            e.to_string().contains("a device, not a regular file"),
            "{e}"
        );
        let e = InputError::new(Path::new("a.txt"), InputErrorKind::PriorUnknown);
        assert_eq!(e.to_string().matches("a.txt").count(), 1, "{e}");
        assert_eq!(e.to_string().matches("--prior auto").count(), 1, "{e}");
    }
}
