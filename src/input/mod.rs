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

/// Why a file could not be read, in the reviewer's language.
pub mod says {
    crate::messages! {
        NOT_A_FILE = "{what}, not a regular file: nianbao reads only files (save the report to a file first)"
            / "{what}，不是普通文件：nianbao 只读取文件（请先把报告保存为文件）",
        INTERNAL = "nianbao failed on this file ({what}); this is a fault in nianbao: please report it with the file"
            / "nianbao 处理此文件时出错（{what}）；这是 nianbao 的缺陷：请连同文件一起报告",
        PRIOR_UNKNOWN = "--prior auto needs the report's agency and year, and the text does not give them"
            / "--prior auto 需要报告的机关和年度，但原文没有给出",
        PRIOR_FOLDER = "--prior auto: {dir}: {reason}" / "--prior auto：{dir}：{reason}",
        NO_PRIOR = "--prior auto: no report of {agency} for {year} in {dir}"
            / "--prior auto：{dir} 中没有 {agency} {year} 年度的报告",
        MANY_PRIORS = "--prior auto: {n} reports of {agency} for {year} in {dir}: {names}; name one with --prior FILE"
            / "--prior auto：{dir} 中有 {n} 份 {agency} {year} 年度的报告：{names}；请用 --prior 文件 指定一份",
        NOT_FOUND = "no such file or directory" / "没有这个文件或文件夹",
        PERMISSION = "permission denied" / "没有权限",
        EMPTY = "the file is empty" / "文件是空的",
        TOO_LARGE = "the file is {n} MB, larger than the {max} MB a report can be; is this really a report?"
            / "文件有 {n} MB，超过报告的上限 {max} MB；这真的是报告吗？",
        BINARY = "this looks like a binary file, not report text (NUL byte at offset {offset}); extract the report's text first"
            / "这像是二进制文件，不是报告文本（偏移 {offset} 处有 NUL 字节）；请先提取报告的文本",
        UNDECODABLE = "the text is neither UTF-8, UTF-16 nor GB18030/GBK"
            / "文本既不是 UTF-8、UTF-16，也不是 GB18030/GBK",
        TEXT_TOO_LARGE = "its text is {n} MB, more than the {max} MB of text a report can have; is this really a report?"
            / "其文本有 {n} MB，超过报告文本的上限 {max} MB；这真的是报告吗？",
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn both_languages_have_the_same_placeholders() {
            crate::lang::assert_catalogue(super::ALL);
        }
    }
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Io(why) => f.write_str(why),
            InputErrorKind::TooLarge(n) => {
                let n = usize::try_from(*n).unwrap_or(usize::MAX);
                write!(f, "{}", DecodeError::TooLarge(n))
            }
            InputErrorKind::NotAFile(what) => {
                f.write_str(&says::NOT_A_FILE.fill(&[("what", what)]))
            }
            InputErrorKind::Internal(what) => f.write_str(&says::INTERNAL.fill(&[("what", what)])),
            InputErrorKind::Unreadable(e) => write!(f, "{e}"),
            InputErrorKind::Corrections(why) => f.write_str(why),
            InputErrorKind::PriorUnknown => f.write_str(says::PRIOR_UNKNOWN.get()),
            InputErrorKind::PriorFolder { dir, reason } => {
                let dir = dir.display();
                f.write_str(&says::PRIOR_FOLDER.fill(&[("dir", &dir), ("reason", reason)]))
            }
            InputErrorKind::NoPrior { agency, year, dir } => {
                let dir = dir.display();
                let args: [(&str, &dyn fmt::Display); 3] =
                    [("agency", agency), ("year", year), ("dir", &dir)];
                f.write_str(&says::NO_PRIOR.fill(&args))
            }
            InputErrorKind::ManyPriors {
                agency,
                year,
                dir,
                found,
            } => {
                let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
                let (n, dir, names) = (found.len(), dir.display(), names.join(", "));
                let args: [(&str, &dyn fmt::Display); 5] = [
                    ("n", &n),
                    ("agency", agency),
                    ("year", year),
                    ("dir", &dir),
                    ("names", &names),
                ];
                f.write_str(&says::MANY_PRIORS.fill(&args))
            }
        }
    }
}

/// An I/O error as a reader wants it: the common ones in plain words.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => says::NOT_FOUND.get().into(),
        std::io::ErrorKind::PermissionDenied => says::PERMISSION.get().into(),
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
