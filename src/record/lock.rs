//! The review lock: an OS file lock (`flock`) on `NAME.nianbao.lock`, held for the
//! session's life. The OS releases it when the process ends however it ends, so a lock
//! file left behind (empty, or naming a process long gone or a live unrelated one)
//! neither grants a second writer nor blocks the report for ever. The pid and reviewer
//! written into it only name the holder for the message of a session that is refused.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

mod says {
    pub const HELD: &str = "another review session{holder} has this report open: opened read-only";
    pub const CANNOT: &str = "cannot take the lock: {err}; opened read-only";
    pub const TAKEN_OVER: &str =
        "took over the lock left by a session that ended without releasing it{holder}";
}

/// The lock, held until dropped; dropping it removes the file and releases it.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
    /// Who held the lock file before, when a session ended without releasing it.
    pub taken_over: Option<String>,
}

fn holder_text(raw: &str) -> String {
    let clean: String = raw.chars().filter(|c| !c.is_control()).take(80).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        String::new()
    } else {
        format!(" ({clean})")
    }
}

/// The start of a lock file's text (it names its holder in a few bytes; whatever else
/// is there is not read).
fn head(f: &mut File) -> String {
    let mut bytes = Vec::new();
    let _ = Read::by_ref(f).take(256).read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The open file is still the one at `path` (a releasing holder may have removed it
/// between our open and our lock).
fn still_there(f: &File, path: &Path) -> bool {
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Takes the lock at `path` without waiting; the error says who holds it, or why it
/// could not be taken, for a session that then only reads.
pub fn take(path: &Path, who: &str) -> Result<Lock, String> {
    let fail = |e: std::io::Error| {
        format!(
            "{}: {}",
            path.display(),
            says::CANNOT.replace("{err}", &e.to_string())
        )
    };
    if let Some(d) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(d).map_err(fail)?;
    }
    for _ in 0..8 {
        let mut f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(fail)?;
        match f.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let held = head(&mut f);
                return Err(says::HELD.replace("{holder}", &holder_text(&held)));
            }
            Err(TryLockError::Error(e)) => return Err(fail(e)),
        }
        if !still_there(&f, path) {
            continue;
        }
        let before = head(&mut f);
        let taken_over = (!before.trim().is_empty())
            .then(|| says::TAKEN_OVER.replace("{holder}", &holder_text(&before)));
        f.set_len(0)
            .and_then(|_| f.seek(SeekFrom::Start(0)))
            .and_then(|_| writeln!(f, "{} {who}", std::process::id()))
            .and_then(|_| f.sync_data())
            .map_err(fail)?;
        return Ok(Lock {
            file: f,
            path: path.to_path_buf(),
            taken_over,
        });
    }
    Err(fail(std::io::Error::other(
        "the lock file keeps being replaced",
    )))
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // removed while still held: a session that opened the old file sees it is gone
        // (`still_there`) and tries again
        if still_there(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-lock-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d.join("r.txt.nianbao.lock")
    }

    #[test]
    fn one_holder_at_a_time_even_in_one_process() {
        let p = tmp("one");
        let a = take(&p, "a").unwrap();
        assert!(a.taken_over.is_none());
        let refused = take(&p, "b").unwrap_err();
        assert!(refused.contains("another review session"), "{refused}");
        assert!(refused.contains(" a)"), "names the holder: {refused}");
        drop(a);
        assert!(!p.exists(), "released and removed");
        take(&p, "b").unwrap();
    }

    #[test]
    fn an_empty_lock_file_grants_no_second_writer() {
        let p = tmp("empty");
        let a = take(&p, "a").unwrap();
        // someone empties the file while the holder lives
        fs::write(&p, "").unwrap();
        assert!(take(&p, "b").is_err(), "the OS lock still holds");
        drop(a);
    }

    #[test]
    fn a_stale_lock_naming_a_live_process_is_taken_over_and_said() {
        let p = tmp("stale");
        // pid 1 is alive, but holds no OS lock on the file
        fs::write(&p, "1 someone\n").unwrap();
        let l = take(&p, "b").unwrap();
        let said = l.taken_over.clone().unwrap();
        assert!(
            said.contains("took over") && said.contains("1 someone"),
            "{said}"
        );
        let now = fs::read_to_string(&p).unwrap();
        assert_eq!(
            now,
            format!("{} b\n", std::process::id()),
            "names the new holder only"
        );
    }
}
