//! Writing a fixed file atomically: the new bytes go to a temporary file beside it, which then
//! replaces it by a rename, so a crash or a full disk never leaves half a packet. The file keeps
//! its permissions; a symbolic link keeps pointing where it did (its target is rewritten); a
//! file changed by someone else since it was read is left alone.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces the file at `path`, read as `read`, with `bytes`.
pub fn replace(path: &Path, read: &[u8], bytes: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    if fs::read(&target)? != read {
        return Err(io::Error::other(
            "the file changed on disk while it was checked; not rewritten",
        ));
    }
    let permissions = fs::metadata(&target)?.permissions();
    let temporary = temporary_path(&target);
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::set_permissions(&temporary, permissions)?;
        fs::rename(&temporary, &target)
    })();
    if written.is_err() {
        fs::remove_file(&temporary).ok();
    }
    written
}

/// `.NAME.plesk-lint-PID.tmp` beside `target`: hidden, and unique per process.
fn temporary_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "packet".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.plesk-lint-{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_permissions() {
        let dir = std::env::temp_dir().join(format!("plesk-lint-write-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.xml");
        fs::write(&path, b"old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert!(replace(&path, b"stale", b"newer").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary left");
        fs::remove_dir_all(&dir).ok();
    }
}
