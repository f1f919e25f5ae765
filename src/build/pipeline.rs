//! Writing and validating a build's files on every core, each file
//! validated as soon as it is written while other files are still being
//! written: with writes and validations in two rounds, the last file's
//! write and the last validations ran on one core while the other waited
//! (three 60 MB feeds on two cores).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::publish::Planned;
use crate::validate::Message;

/// One step of the work on file `.0`.
#[derive(Debug, Clone, Copy)]
enum Task {
    Write(usize),
    Check(usize),
}

/// The files of a build, written into their slots and validated.
pub(super) struct Pipeline<'s> {
    /// Each file: empty until written (a file made beforehand is there
    /// from the start).
    slots: &'s [OnceLock<Planned>],
    /// What is left to start, writes first: a worker takes the first.
    queue: Mutex<VecDeque<Task>>,
    /// What validating each file found.
    results: Vec<OnceLock<Vec<Message>>>,
    /// Files not written yet.
    unwritten: AtomicUsize,
    /// Bytes of the files written so far (and of those made beforehand).
    written: AtomicUsize,
    /// Bytes validated so far.
    validated: AtomicUsize,
}

impl<'s> Pipeline<'s> {
    /// The work on `slots`: each empty slot is written, then every file
    /// validated.
    pub(super) fn new(slots: &'s [OnceLock<Planned>]) -> Self {
        let empty = |i: &usize| slots.get(*i).is_some_and(|s| s.get().is_none());
        let writes = (0..slots.len()).filter(empty).map(Task::Write);
        let checks = (0..slots.len()).filter(|i| !empty(i)).map(Task::Check);
        let queue: VecDeque<Task> = writes.chain(checks).collect();
        let unwritten = queue.iter().filter(|t| matches!(t, Task::Write(_))).count();
        let written = slots
            .iter()
            .filter_map(OnceLock::get)
            .map(|p| p.bytes.len())
            .sum();
        Self {
            slots,
            queue: Mutex::new(queue),
            results: slots.iter().map(|_| OnceLock::new()).collect(),
            unwritten: AtomicUsize::new(unwritten),
            written: AtomicUsize::new(written),
            validated: AtomicUsize::new(0),
        }
    }

    /// Writes each empty slot `i` with `write(i)` and validates every file
    /// with `check`, on every core; `half_done` is called (perhaps more
    /// than once) when every file is written and half the bytes are
    /// validated. Gives what validating each slot's file found, in slot
    /// order (nothing for a slot `write` left empty).
    pub(super) fn run(
        self,
        write: impl Fn(usize) -> Option<Planned> + Sync,
        check: impl Fn(usize, &Planned) -> Vec<Message> + Sync,
        half_done: &(dyn Fn() + Sync),
    ) -> Vec<Vec<Message>> {
        let workers = rayon::current_num_threads().max(1);
        (0..workers)
            .into_par_iter()
            .for_each(|_| self.work(&write, &check, half_done));
        self.results
            .into_iter()
            .map(|r| r.into_inner().unwrap_or_default())
            .collect()
    }

    /// One worker: takes tasks until none is left to start. A write's
    /// validation is queued behind the writes left, so that every core
    /// writes while there is writing to do; when the queue is empty the
    /// worker stops, as each task still running is followed by at most
    /// its own validation, which its worker takes.
    fn work(
        &self,
        write: &(impl Fn(usize) -> Option<Planned> + Sync),
        check: &(impl Fn(usize, &Planned) -> Vec<Message> + Sync),
        half_done: &(dyn Fn() + Sync),
    ) {
        loop {
            let task = self.queue().pop_front();
            match task {
                None => return,
                Some(Task::Write(i)) => {
                    if let (Some(slot), Some(plan)) = (self.slots.get(i), write(i)) {
                        self.written.fetch_add(plan.bytes.len(), Ordering::AcqRel);
                        if slot.set(plan).is_ok() {
                            self.queue().push_back(Task::Check(i));
                        }
                    }
                    self.unwritten.fetch_sub(1, Ordering::AcqRel);
                }
                Some(Task::Check(i)) => {
                    let plan = self.slots.get(i).and_then(OnceLock::get);
                    if let (Some(plan), Some(result)) = (plan, self.results.get(i)) {
                        let _ = result.set(check(i, plan));
                        self.validated.fetch_add(plan.bytes.len(), Ordering::AcqRel);
                    }
                }
            }
            if self.unwritten.load(Ordering::Acquire) == 0
                && 2 * self.validated.load(Ordering::Acquire)
                    >= self.written.load(Ordering::Acquire)
            {
                half_done();
            }
        }
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, VecDeque<Task>> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn plan(name: &str, bytes: &[u8]) -> Planned {
        Planned {
            path: PathBuf::from(name),
            bytes: bytes.to_vec(),
        }
    }

    /// Every empty slot is written, every file validated once, results
    /// come in slot order, and `half_done` is called only once every file
    /// is written.
    #[test]
    fn writes_then_validates_every_file_in_order() {
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            let slots: Vec<OnceLock<Planned>> = (0..7)
                .map(|_| OnceLock::new())
                .chain([OnceLock::from(plan("made", b"m"))])
                .collect();
            let checks = AtomicUsize::new(0);
            let early = AtomicUsize::new(0);
            let pipeline = Pipeline::new(&slots);
            let results = pool.install(|| {
                pipeline.run(
                    |i| Some(plan(&format!("f{i}"), &vec![b'x'; 1000 * (i + 1)])),
                    |_, p| {
                        checks.fetch_add(1, Ordering::SeqCst);
                        vec![Message {
                            severity: crate::diagnostic::Severity::Warning,
                            class: crate::validate::Class::DuplicateMember,
                            line: 1,
                            column: 1,
                            message: p.path.to_string_lossy().into_owned(),
                        }]
                    },
                    &|| {
                        if slots.iter().any(|s| s.get().is_none()) {
                            early.fetch_add(1, Ordering::SeqCst);
                        }
                    },
                )
            });
            assert_eq!(checks.load(Ordering::SeqCst), 8, "{threads} threads");
            assert_eq!(early.load(Ordering::SeqCst), 0, "{threads} threads");
            let names: Vec<String> = results
                .iter()
                .map(|m| m.first().map(|m| m.message.clone()).unwrap_or_default())
                .collect();
            assert_eq!(names, ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "made"]);
            for (i, slot) in slots.iter().take(7).enumerate() {
                assert_eq!(slot.get().map(|p| p.bytes.len()), Some(1000 * (i + 1)));
            }
        }
    }
}
