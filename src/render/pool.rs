//! The worker pool: a queue in two priorities, a generation per deck
//! load, a byte-bounded cache, and a waker for the UI.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use super::cache::ByteLru;
use super::{Failure, Key, Priority, Source, rgba_bytes};
use crate::pdf::{PdfDocument, PdfError};

/// Called (from a worker thread) each time a result is ready, e.g. to ask
/// the UI for a repaint.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What turns a key into pixels; [`RenderPool::new`] uses the real
/// renderer, tests may pass their own. The `u64` is the request's
/// generation.
pub type Renderer = Arc<dyn Fn(&Key, u64) -> Result<image::RgbaImage, Failure> + Send + Sync>;

/// How big the pool is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolConfig {
    /// Worker threads (at least 1).
    pub workers: usize,
    /// Most bytes of pixels the cache keeps.
    pub cache_bytes: usize,
    /// Most requests waiting; past it the oldest prefetch (else the oldest
    /// visible request) is dropped. A dropped request that is still wanted
    /// is simply asked for again by the next frame.
    pub queue_limit: usize,
}

impl Default for PoolConfig {
    /// One worker per core but one (1 to 4), a 256 MiB cache (about 30
    /// pages at 1920x1080, 8 at 3840x2160), 64 waiting requests.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            workers: cores.saturating_sub(1).clamp(1, 4),
            cache_bytes: 256 * 1024 * 1024,
            queue_limit: 64,
        }
    }
}

/// The answer to a request.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// The pixels, straight RGBA.
    Ready(Arc<image::RgbaImage>),
    /// Queued or being rendered; the waker is called when it is ready.
    Pending,
    /// It cannot be rendered, and why.
    Failed(Failure),
}

struct State {
    generation: u64,
    visible: VecDeque<Key>,
    prefetch: VecDeque<Key>,
    queued: HashMap<Key, Priority>,
    in_flight: HashSet<Key>,
    cache: ByteLru<Key>,
    failures: HashMap<Key, Failure>,
    queue_limit: usize,
    shutdown: bool,
}

impl State {
    fn pop(&mut self) -> Option<Key> {
        // The newest visible request is what is on screen now.
        let key = self
            .visible
            .pop_back()
            .or_else(|| self.prefetch.pop_front())?;
        self.queued.remove(&key);
        Some(key)
    }

    fn enqueue(&mut self, key: Key, priority: Priority) {
        match priority {
            Priority::Visible => self.visible.push_back(key.clone()),
            Priority::Prefetch => self.prefetch.push_back(key.clone()),
        }
        self.queued.insert(key, priority);
        while self.visible.len() + self.prefetch.len() > self.queue_limit.max(1) {
            let dropped = self
                .prefetch
                .pop_front()
                .or_else(|| self.visible.pop_front());
            match dropped {
                Some(old) => {
                    self.queued.remove(&old);
                }
                None => break,
            }
        }
    }
}

struct Shared {
    state: Mutex<State>,
    work: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A bounded pool of render workers with a cache; see [`crate::render`].
/// Dropping it stops the workers (a render under way finishes first, in
/// the background).
pub struct RenderPool {
    shared: Arc<Shared>,
    workers: usize,
}

impl std::fmt::Debug for RenderPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderPool")
            .field("workers", &self.workers)
            .finish_non_exhaustive()
    }
}

impl RenderPool {
    /// A pool with the real renderer: images decoded with the `image`
    /// crate (see [`crate::preflight::decode_image`]), PDF pages with
    /// [`PdfDocument::render`] (each PDF opened once per generation).
    /// `waker` is called when a result is ready.
    pub fn new(config: PoolConfig, waker: Waker) -> Self {
        Self::with_renderer(config, waker, real_renderer())
    }

    /// A pool whose workers call `renderer` (for tests and benches).
    #[allow(clippy::needless_pass_by_value)] // Each worker keeps a clone.
    pub fn with_renderer(config: PoolConfig, waker: Waker, renderer: Renderer) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                generation: 0,
                visible: VecDeque::new(),
                prefetch: VecDeque::new(),
                queued: HashMap::new(),
                in_flight: HashSet::new(),
                cache: ByteLru::new(config.cache_bytes),
                failures: HashMap::new(),
                queue_limit: config.queue_limit,
                shutdown: false,
            }),
            work: Condvar::new(),
        });
        let workers = config.workers.max(1);
        let mut started = 0;
        for n in 0..workers {
            let shared = Arc::clone(&shared);
            let waker = Arc::clone(&waker);
            let renderer = Arc::clone(&renderer);
            let spawned = std::thread::Builder::new()
                .name(format!("cuecard-render-{n}"))
                .spawn(move || work(&shared, &waker, &renderer));
            match spawned {
                Ok(_) => started += 1,
                Err(error) => eprintln!("cuecard: cannot start a render worker: {error}"),
            }
        }
        Self {
            shared,
            workers: started,
        }
    }

    /// How many workers run.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// The current generation (0 until the first [`RenderPool::new_generation`]).
    pub fn generation(&self) -> u64 {
        self.shared.lock().generation
    }

    /// Starts a new generation, after a deck (re)load: drops every queued
    /// request, the cache and the failures; results of requests made
    /// before are thrown away when they arrive. Returns the new number.
    pub fn new_generation(&self) -> u64 {
        let mut state = self.shared.lock();
        state.generation += 1;
        state.visible.clear();
        state.prefetch.clear();
        state.queued.clear();
        state.in_flight.clear();
        state.cache.clear();
        state.failures.clear();
        state.generation
    }

    /// Asks for `key`: the pixels if they are cached, its failure if it
    /// failed, else `Pending` (queued now if it was not, and moved ahead
    /// if a prefetch becomes visible). Call it every frame for what is on
    /// screen; it is cheap.
    pub fn request(&self, key: &Key, priority: Priority) -> Lookup {
        let mut state = self.shared.lock();
        if let Some(found) = lookup(&mut state, key) {
            return found;
        }
        if state.in_flight.contains(key) {
            return Lookup::Pending;
        }
        match state.queued.get(key).copied() {
            Some(queued) if queued >= priority => {}
            Some(_) => {
                state.prefetch.retain(|k| k != key);
                state.queued.remove(key);
                state.enqueue(key.clone(), priority);
            }
            None => {
                state.enqueue(key.clone(), priority);
                drop(state);
                self.shared.work.notify_one();
            }
        }
        Lookup::Pending
    }

    /// What is known of `key` without asking for it: `None` when it is
    /// neither cached nor failed (it may be queued).
    pub fn peek(&self, key: &Key) -> Option<Lookup> {
        lookup(&mut self.shared.lock(), key)
    }

    /// Bytes the cache holds now.
    pub fn cache_used_bytes(&self) -> usize {
        self.shared.lock().cache.used_bytes()
    }

    /// Images the cache holds now.
    pub fn cached(&self) -> usize {
        self.shared.lock().cache.len()
    }

    /// Requests waiting or being rendered.
    pub fn outstanding(&self) -> usize {
        let state = self.shared.lock();
        state.visible.len() + state.prefetch.len() + state.in_flight.len()
    }
}

fn describe(source: &Source) -> String {
    match source {
        Source::Image(path) => path.display().to_string(),
        Source::PdfPage { pdf, index } => format!("{}: page {}", pdf.display(), index + 1),
    }
}

fn lookup(state: &mut State, key: &Key) -> Option<Lookup> {
    if let Some(image) = state.cache.get(key) {
        return Some(Lookup::Ready(image));
    }
    state.failures.get(key).cloned().map(Lookup::Failed)
}

impl Drop for RenderPool {
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.work.notify_all();
    }
}

fn work(shared: &Shared, waker: &Waker, renderer: &Renderer) {
    loop {
        let (key, generation) = {
            let mut state = shared.lock();
            loop {
                if state.shutdown {
                    return;
                }
                if let Some(key) = state.pop() {
                    state.in_flight.insert(key.clone());
                    break (key, state.generation);
                }
                state = shared
                    .work
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        // A panic inside a decoder or hayro must cost one page, not a
        // worker (and leave the key pending forever).
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            renderer(&key, generation)
        }))
        .unwrap_or_else(|_| {
            Err(Failure {
                reason: format!(
                    "{}: the renderer crashed on it (a bug in cuecard's PDF or image decoder; please report it with the file)",
                    describe(&key.source)
                ),
            })
        });
        {
            let mut state = shared.lock();
            if state.generation != generation || state.shutdown {
                continue;
            }
            state.in_flight.remove(&key);
            match result {
                Ok(image) => {
                    let (w, h) = image.dimensions();
                    if !state.cache.insert(key.clone(), Arc::new(image)) {
                        let capacity = state.cache.capacity_bytes();
                        state.failures.insert(
                            key,
                            Failure {
                                reason: format!(
                                    "{w}x{h} pixels take {} MB, more than the whole render cache ({} MB)",
                                    rgba_bytes(w, h) / 1_000_000,
                                    capacity / 1_000_000
                                ),
                            },
                        );
                    }
                }
                Err(failure) => {
                    state.failures.insert(key, failure);
                }
            }
        }
        waker();
    }
}

type Documents = Mutex<(u64, HashMap<PathBuf, Result<Arc<PdfDocument>, PdfError>>)>;

/// The real renderer: decodes images and renders PDF pages, opening each
/// PDF once per generation (shared by the workers).
fn real_renderer() -> Renderer {
    let documents: Arc<Documents> = Arc::new(Mutex::new((0, HashMap::new())));
    Arc::new(move |key: &Key, generation: u64| match &key.source {
        Source::Image(path) => crate::preflight::decode_image(path, key.width_px, key.height_px)
            .map(|(rgba, _)| rgba)
            .map_err(|why| Failure {
                reason: format!("{}: {why}", path.display()),
            }),
        Source::PdfPage { pdf, index } => {
            let document = open_cached(&documents, pdf, generation).map_err(|e| Failure {
                reason: e.to_string(),
            })?;
            document
                .render(*index, key.width_px, key.height_px)
                .map_err(|e| Failure {
                    reason: e.to_string(),
                })
        }
    })
}

fn open_cached(
    documents: &Documents,
    pdf: &std::path::Path,
    generation: u64,
) -> Result<Arc<PdfDocument>, PdfError> {
    {
        let mut guard = documents.lock().unwrap_or_else(PoisonError::into_inner);
        if guard.0 != generation {
            *guard = (generation, HashMap::new());
        }
        if let Some(found) = guard.1.get(pdf) {
            return found.clone();
        }
    }
    // Opened outside the lock: another worker may open it too meanwhile,
    // which costs time but is correct.
    let opened = PdfDocument::open(pdf).map(Arc::new);
    let mut guard = documents.lock().unwrap_or_else(PoisonError::into_inner);
    if guard.0 == generation {
        guard.1.insert(pdf.to_path_buf(), opened.clone());
    }
    opened
}
