use super::*;

/// [`stage`] with the run's turn taken first, as a build takes it.
fn stage_turn(out: &Path, state: &Path, plans: &[Planned]) -> Result<Staged, Error> {
    stage(lock(out, state)?, out, state, plans)
}

/// A file is stale unless it has exactly the planned bytes: checked
/// on files larger than the piece compared at once, with one byte
/// changed at the start, at a piece's edge and at the end.
#[test]
fn stale_unless_every_byte_is_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.xml");
    let bytes: Vec<u8> = (0..(3usize << 20) + 17).map(|i| (i % 251) as u8).collect();
    let plan = Planned {
        path: path.clone(),
        bytes: bytes.clone(),
    };
    assert!(is_stale(&plan).expect("missing is stale"));
    fs::write(&path, &bytes).expect("write");
    assert!(!is_stale(&plan).expect("same bytes"));
    for at in [0, (1 << 20) - 1, 1 << 20, bytes.len() - 1] {
        let mut changed = bytes.clone();
        changed[at] ^= 1;
        fs::write(&path, &changed).expect("write");
        assert!(is_stale(&plan).expect("read"), "byte {at} changed");
    }
    fs::write(&path, &bytes[..bytes.len() - 1]).expect("write");
    assert!(is_stale(&plan).expect("read"), "shorter");
    let mut longer = bytes.clone();
    longer.push(0);
    fs::write(&path, &longer).expect("write");
    assert!(is_stale(&plan).expect("read"), "longer");
}

/// Two runs to one output folder take turns even when they keep their
/// state in two folders: the second waits for the first's commit.
#[test]
fn one_output_folder_is_one_lock_whatever_the_state_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let plans = |text: &str| {
        [Planned {
            path: out.join("rss.xml"),
            bytes: text.as_bytes().to_vec(),
        }]
    };
    let first = stage_turn(&out, &dir.path().join("state-a"), &plans("first")).expect("staged");
    let (done, finished) = std::sync::mpsc::channel();
    let second = {
        let (out, state) = (out.clone(), dir.path().join("state-b"));
        let plans = plans("second");
        std::thread::spawn(move || {
            let staged = stage_turn(&out, &state, &plans).expect("staged");
            done.send(()).expect("sent");
            staged.commit(&plans, &[], || {}).expect("committed");
        })
    };
    assert!(
        finished
            .recv_timeout(std::time::Duration::from_millis(300))
            .is_err(),
        "the second run staged while the first held the output folder"
    );
    first
        .commit(&plans("first"), &[], || {})
        .expect("committed");
    finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the second run goes on once the first is done");
    second.join().expect("joined");
    assert_eq!(fs::read(out.join("rss.xml")).expect("read"), b"second");
}

/// A folder where a planned file goes is refused while staging, before
/// any file is put in place; the other files stay as they were.
#[test]
fn a_folder_in_a_files_place_is_refused_before_anything_is_published() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let state = dir.path().join("state");
    fs::create_dir_all(out.join("index.html")).expect("folder");
    fs::write(out.join("rss.xml"), "old").expect("old feed");
    let plans = [
        Planned {
            path: out.join("rss.xml"),
            bytes: b"new".to_vec(),
        },
        Planned {
            path: out.join("index.html"),
            bytes: b"page".to_vec(),
        },
    ];
    let Err(error) = stage_turn(&out, &state, &plans) else {
        panic!("a folder in a file's place was staged");
    };
    assert!(error.to_string().contains("index.html"), "{error}");
    assert!(error.to_string().contains("a folder stands"), "{error}");
    assert_eq!(fs::read(out.join("rss.xml")).expect("kept"), b"old");
    assert!(out.join("index.html").is_dir());
}

#[test]
fn staged_files_dropped_unput_leave_the_old_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let state = dir.path().join("state");
    let plans = |text: &str| {
        ["a.xml", "b.xml"].map(|name| Planned {
            path: out.join(name),
            bytes: format!("{name} {text}").into_bytes(),
        })
    };
    publish(&out, &state, &plans("old")).expect("publish");
    let names = || {
        let mut names: Vec<String> = fs::read_dir(&out)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let staged = stage_turn(&out, &state, &plans("new")).expect("stage");
    assert_eq!(
        names().len(),
        4,
        "two staged files beside the old: {:?}",
        names()
    );
    // Not committed (the feeds were invalid, say): nothing changed, and
    // the lock is free for the next run.
    drop(staged);
    assert_eq!(names(), ["a.xml", "b.xml"]);
    assert_eq!(fs::read(out.join("a.xml")).expect("read"), b"a.xml old");
    let committed = stage_turn(&out, &state, &plans("new"))
        .expect("stage")
        .commit(&plans("new"), &[], || {});
    assert_eq!(
        committed.expect("commit").written,
        [Written::Replaced, Written::Replaced]
    );
    assert_eq!(fs::read(out.join("b.xml")).expect("read"), b"b.xml new");
    // The output folder holds only the feeds; the lock is in the state
    // folder.
    assert_eq!(names(), ["a.xml", "b.xml"]);
    assert!(state.join(LOCK_FILE).is_file());
}

/// The state files an older feedpub kept in the output folder go on the
/// first commit, which says so; the next says nothing.
#[test]
fn old_state_files_leave_the_output_folder_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let state = dir.path().join("state");
    fs::create_dir(&out).expect("folder");
    let old: Vec<PathBuf> = crate::state::LEGACY_FILES
        .iter()
        .map(|name| out.join(name))
        .collect();
    for path in &old {
        fs::write(path, b"old").expect("writable");
    }
    let plans = [Planned {
        path: out.join("a.xml"),
        bytes: b"one".to_vec(),
    }];
    let commit = || {
        stage_turn(&out, &state, &plans)
            .expect("stage")
            .commit(&plans, &[], || {})
            .expect("commit")
    };
    let mut cleaned = commit().cleaned;
    cleaned.sort();
    let mut want = old.clone();
    want.sort();
    assert_eq!(cleaned, want);
    assert!(old.iter().all(|path| !path.exists()));
    assert_eq!(commit().cleaned, Vec::<PathBuf>::new());
}

#[test]
fn killed_runs_leftovers_go_but_this_process_files_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let state = dir.path().join("state");
    // A killed run leaves feeds' temporaries in the output folder, and
    // the cache's or pages' in the state folder.
    for folder in [&out, &state] {
        fs::create_dir_all(folder).expect("folder");
        let stale = folder.join(format!("{TEMP_PREFIX}x1Y2z3.tmp"));
        let other_process = folder.join(format!("{TEMP_PREFIX}1-abc.tmp"));
        let own = folder.join(format!("{}abc.tmp", own_temp_prefix()));
        for path in [&stale, &other_process, &own] {
            fs::write(path, b"partial").expect("writable");
        }
        let plan = Planned {
            path: out.join("a.xml"),
            bytes: b"one".to_vec(),
        };
        publish(&out, &state, std::slice::from_ref(&plan)).expect("publish");
        assert!(
            !stale.exists() && !other_process.exists(),
            "leftovers removed from {folder:?}"
        );
        assert!(own.exists(), "this process's own file kept in {folder:?}");
    }
}

#[test]
fn writes_only_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = Planned {
        path: dir.path().join("sub/a.xml"),
        bytes: b"one".to_vec(),
    };
    let out = dir.path().join("sub");
    let state = dir.path().join("state");
    assert_eq!(
        publish(&out, &state, std::slice::from_ref(&plan)).expect("write"),
        [Written::Replaced]
    );
    assert_eq!(
        publish(&out, &state, std::slice::from_ref(&plan)).expect("write"),
        [Written::Unchanged]
    );
    assert_eq!(fs::read(&plan.path).expect("read"), b"one");
    let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("a.xml")],
        "no temporary file is left behind, and no lock"
    );
}

/// An output folder, or a feed's folder in it, that is a symbolic link to
/// nothing is named as such, not as "File exists".
#[test]
fn a_dangling_link_for_a_folder_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gone = dir.path().join("gone");
    let out = dir.path().join("out");
    std::os::unix::fs::symlink(&gone, &out).expect("symlink");
    let plans = [Planned {
        path: out.join("rss.xml"),
        bytes: b"feed".to_vec(),
    }];
    let Err(error) = stage_turn(&out, &dir.path().join("state"), &plans) else {
        panic!("staged into a dangling link");
    };
    let message = error.to_string();
    assert!(message.contains("is a symbolic link to"), "{message}");
    assert!(message.contains("gone"), "{message}");
    // A feed's folder inside the output folder.
    fs::remove_file(&out).expect("unlinked");
    fs::create_dir(&out).expect("folder");
    std::os::unix::fs::symlink(&gone, out.join("tags")).expect("symlink");
    let plans = [Planned {
        path: out.join("tags").join("x").join("rss.xml"),
        bytes: b"feed".to_vec(),
    }];
    let Err(error) = stage_turn(&out, &dir.path().join("state"), &plans) else {
        panic!("staged into a dangling link");
    };
    assert!(
        error.to_string().contains("is a symbolic link to"),
        "{error}"
    );
}
