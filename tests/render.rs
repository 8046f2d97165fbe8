//! The render pipeline without a window: priorities, stale generations,
//! the byte bound of the cache, failure reasons, the waker.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cuecard::render::{Failure, Key, Lookup, PoolConfig, Priority, RenderPool, Renderer, Source};

fn key(name: &str, side: u32) -> Key {
    Key {
        source: Source::Image(PathBuf::from(name)),
        width_px: side,
        height_px: side,
    }
}

fn name(key: &Key) -> String {
    match &key.source {
        Source::Image(p) => p.display().to_string(),
        Source::PdfPage { pdf, index } => format!("{}#{index}", pdf.display()),
    }
}

/// A renderer that logs what it renders and holds its first job until the
/// test says go, so the test can line up the queue behind it.
struct Gate {
    log: Arc<Mutex<Vec<String>>>,
    go: Sender<()>,
    started: Receiver<()>,
}

impl Gate {
    /// Waits until the worker holds the first job.
    fn wait_taken(&self) {
        self.started
            .recv_timeout(Duration::from_secs(5))
            .expect("the worker took the first job");
    }
}

fn gated() -> (Gate, Renderer) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let (go, wait) = channel::<()>();
    let wait = Mutex::new(Some(wait));
    let (started_tx, started) = channel::<()>();
    let started_tx = Mutex::new(started_tx);
    let logged = Arc::clone(&log);
    let renderer: Renderer = Arc::new(move |key: &Key, _generation| {
        if let Some(wait) = wait.lock().unwrap().take() {
            let _ = started_tx.lock().unwrap().send(());
            wait.recv().unwrap();
        }
        logged.lock().unwrap().push(name(key));
        assert!(!name(key).starts_with("crash"), "a decoder bug");
        if name(key).starts_with("broken") {
            return Err(Failure {
                reason: format!("{}: corrupt", name(key)),
            });
        }
        Ok(image::RgbaImage::new(key.width_px, key.height_px))
    });
    (Gate { log, go, started }, renderer)
}

fn waker() -> (cuecard::render::Waker, Receiver<()>) {
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    (
        Arc::new(move || {
            let _ = tx.lock().unwrap().send(());
        }),
        rx,
    )
}

fn one_worker(cache_bytes: usize) -> PoolConfig {
    PoolConfig {
        workers: 1,
        cache_bytes,
        queue_limit: 64,
    }
}

fn wait_idle(pool: &RenderPool) {
    for _ in 0..500 {
        if pool.outstanding() == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the pool did not finish");
}

#[test]
fn visible_requests_go_before_prefetches_and_a_prefetch_can_move_up() {
    let (gate, renderer) = gated();
    let (wake, woken) = waker();
    let pool = RenderPool::with_renderer(one_worker(1 << 20), wake, renderer);
    assert!(matches!(
        pool.request(&key("first", 8), Priority::Visible),
        Lookup::Pending
    ));
    gate.wait_taken();
    pool.request(&key("next", 8), Priority::Prefetch);
    pool.request(&key("previous", 8), Priority::Prefetch);
    pool.request(&key("preview", 8), Priority::Prefetch);
    pool.request(&key("now", 8), Priority::Visible);
    // The presenter moved on: the previewed slide is now on screen.
    pool.request(&key("preview", 8), Priority::Visible);
    gate.go.send(()).unwrap();
    wait_idle(&pool);
    assert_eq!(
        *gate.log.lock().unwrap(),
        ["first", "preview", "now", "next", "previous"]
    );
    assert_eq!(woken.try_iter().count(), 5, "one wake per result");
    assert!(
        matches!(pool.request(&key("now", 8), Priority::Visible), Lookup::Ready(i) if i.width() == 8)
    );
}

#[test]
fn results_of_an_older_generation_are_dropped() {
    let (gate, renderer) = gated();
    let (wake, woken) = waker();
    let pool = RenderPool::with_renderer(one_worker(1 << 20), wake, renderer);
    pool.request(&key("first", 8), Priority::Visible);
    gate.wait_taken();
    pool.request(&key("queued", 8), Priority::Prefetch);
    // The deck is reloaded while "first" renders and "queued" waits.
    assert_eq!(pool.new_generation(), 1);
    gate.go.send(()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    wait_idle(&pool);
    assert!(pool.peek(&key("first", 8)).is_none(), "stale result kept");
    assert_eq!(
        *gate.log.lock().unwrap(),
        ["first"],
        "the queue was dropped"
    );
    assert_eq!(
        woken.try_iter().count(),
        0,
        "no repaint for a dropped result"
    );
    // Asked again in the new generation, it is rendered again.
    pool.request(&key("first", 8), Priority::Visible);
    wait_idle(&pool);
    assert!(matches!(
        pool.peek(&key("first", 8)),
        Some(Lookup::Ready(_))
    ));
    assert_eq!(gate.log.lock().unwrap().len(), 2);
}

#[test]
fn the_cache_stays_within_its_bytes_and_forgets_the_oldest() {
    let (gate, renderer) = gated();
    gate.go.send(()).unwrap();
    let (wake, _woken) = waker();
    // 100x100 RGBA = 40,000 bytes: room for three.
    let pool = RenderPool::with_renderer(one_worker(130_000), wake, renderer);
    for n in 0..10 {
        pool.request(&key(&format!("slide{n}"), 100), Priority::Visible);
        wait_idle(&pool);
        assert!(pool.cache_used_bytes() <= 130_000);
    }
    assert_eq!(pool.cached(), 3);
    assert!(matches!(
        pool.peek(&key("slide9", 100)),
        Some(Lookup::Ready(_))
    ));
    assert!(pool.peek(&key("slide0", 100)).is_none(), "oldest evicted");
    // Larger than the whole cache: a failure with a reason, not a loop.
    pool.request(&key("poster", 1000), Priority::Visible);
    wait_idle(&pool);
    match pool.peek(&key("poster", 1000)) {
        Some(Lookup::Failed(f)) => {
            assert!(f.reason.contains("more than the whole render cache"), "{f}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn failures_carry_their_reason_and_are_not_retried_every_frame() {
    let (gate, renderer) = gated();
    gate.go.send(()).unwrap();
    let (wake, _woken) = waker();
    let pool = RenderPool::with_renderer(one_worker(1 << 20), wake, renderer);
    pool.request(&key("broken.png", 8), Priority::Visible);
    wait_idle(&pool);
    for _ in 0..3 {
        match pool.request(&key("broken.png", 8), Priority::Visible) {
            Lookup::Failed(f) => assert_eq!(f.reason, "broken.png: corrupt"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(gate.log.lock().unwrap().len(), 1);
    // A renderer that panics costs that source, not the worker.
    pool.request(&key("crash.pdf", 8), Priority::Visible);
    wait_idle(&pool);
    match pool.peek(&key("crash.pdf", 8)) {
        Some(Lookup::Failed(f)) => {
            assert!(f.reason.contains("crash.pdf: the renderer crashed"), "{f}");
        }
        other => panic!("{other:?}"),
    }
    pool.request(&key("after.png", 8), Priority::Visible);
    wait_idle(&pool);
    assert!(matches!(
        pool.peek(&key("after.png", 8)),
        Some(Lookup::Ready(_))
    ));
}

#[test]
fn the_real_renderer_draws_pdf_pages_and_images_and_explains_failures() {
    let dir = common::temp_dir("render-real");
    let pdf = dir.join("slides.pdf");
    std::fs::write(&pdf, cuecard::pdf::sample::slide_deck(2)).unwrap();
    let locked = dir.join("locked.pdf");
    std::fs::write(&locked, cuecard::pdf::sample::hostile::encrypted()).unwrap();
    let png = dir.join("photo.png");
    image::RgbaImage::from_pixel(400, 200, image::Rgba([0, 200, 0, 255]))
        .save(&png)
        .unwrap();
    let (wake, woken) = waker();
    let pool = RenderPool::new(PoolConfig::default(), wake);
    let page = |index, w, h| Key {
        source: Source::PdfPage {
            pdf: pdf.clone(),
            index,
        },
        width_px: w,
        height_px: h,
    };
    let keys = [
        page(0, 1920, 1080),
        page(1, 480, 270),
        page(7, 480, 270),
        Key {
            source: Source::PdfPage {
                pdf: locked.clone(),
                index: 0,
            },
            width_px: 100,
            height_px: 100,
        },
        Key {
            source: Source::Image(png.clone()),
            width_px: 200,
            height_px: 200,
        },
        Key {
            source: Source::Image(dir.join("missing.png")),
            width_px: 200,
            height_px: 200,
        },
    ];
    for k in &keys {
        pool.request(k, Priority::Visible);
    }
    wait_idle(&pool);
    assert!(woken.try_iter().count() >= keys.len());
    let ready = |k: &Key| match pool.peek(k) {
        Some(Lookup::Ready(image)) => image,
        other => panic!("{k:?}: {other:?}"),
    };
    let failed = |k: &Key| match pool.peek(k) {
        Some(Lookup::Failed(f)) => f.reason,
        other => panic!("{k:?}: {other:?}"),
    };
    let big = ready(&keys[0]);
    assert_eq!(big.dimensions(), (1920, 1080));
    let red = big.get_pixel(420, 460).0;
    assert!(red[0] > 200 && red[1] < 60, "{red:?}");
    assert_eq!(ready(&keys[1]).dimensions(), (480, 270));
    assert!(failed(&keys[2]).contains("there is no page 8"));
    assert!(failed(&keys[3]).contains("password-protected"));
    // Images are scaled down to fit, keeping their shape.
    assert_eq!(ready(&keys[4]).dimensions(), (200, 100));
    assert!(failed(&keys[5]).contains("missing.png"));
}
