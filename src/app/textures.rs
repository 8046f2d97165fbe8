//! The slide image cache: decodes off the UI thread, downscales, keeps the
//! textures, and loads the neighbours of the current slide ahead so a
//! slide change never waits for a decode.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::deck::{Block, Deck, policy};
use crate::ui::slide::{ImageLookup, ImageView};

/// Largest decoded size, in pixels: a 4K projector. Larger images are
/// scaled down to fit; smaller ones are kept as they are.
pub const MAX_DECODED: (u32, u32) = (3840, 2160);

enum Entry {
    Loading,
    Ready(TextureHandle),
    Failed(String),
}

type Decoded = (String, Result<ColorImage, String>);

/// Decoded slide images by their path in the deck, as textures.
pub struct ImageCache {
    folder: Option<PathBuf>,
    entries: HashMap<String, Entry>,
    jobs: Option<Sender<(String, PathBuf)>>,
    done: Receiver<Decoded>,
    done_sender: Sender<Decoded>,
}

impl ImageCache {
    /// A cache for a deck in `folder` (`None`: a deck without a folder has
    /// no images).
    pub fn new(folder: Option<PathBuf>) -> Self {
        let (done_sender, done) = channel();
        Self {
            folder,
            entries: HashMap::new(),
            jobs: None,
            done,
            done_sender,
        }
    }

    /// Forgets every image (after a reload: the files may have changed).
    pub fn clear(&mut self, folder: Option<PathBuf>) {
        self.entries.clear();
        self.folder = folder;
    }

    /// Starts decoding `path` if it is not cached or on its way; `ctx`'s
    /// windows are repainted when it is ready.
    pub fn request(&mut self, ctx: &egui::Context, path: &str) {
        if self.entries.contains_key(path) {
            return;
        }
        let Some(folder) = &self.folder else {
            self.entries.insert(
                path.to_owned(),
                Entry::Failed("the deck has no folder".to_owned()),
            );
            return;
        };
        let real = match policy::resolve_inside(folder, path) {
            Ok(Some(real)) => real,
            Ok(None) => {
                self.entries
                    .insert(path.to_owned(), Entry::Failed(format!("{path} not found")));
                return;
            }
            Err(refusal) => {
                self.entries
                    .insert(path.to_owned(), Entry::Failed(refusal.to_string()));
                return;
            }
        };
        let jobs = self.jobs.get_or_insert_with(|| {
            let (jobs, queue) = channel::<(String, PathBuf)>();
            let done = self.done_sender.clone();
            let wake = ctx.clone();
            // One decoding thread: slides are decoded in the order asked.
            let spawned = std::thread::Builder::new()
                .name("cuecard-images".to_owned())
                .spawn(move || {
                    for (key, file) in queue {
                        let result =
                            crate::preflight::decode_image(&file, MAX_DECODED.0, MAX_DECODED.1)
                                .map(|(rgba, _)| {
                                    let size = [rgba.width() as usize, rgba.height() as usize];
                                    ColorImage::from_rgba_unmultiplied(size, rgba.as_raw())
                                });
                        if done.send((key, result)).is_err() {
                            return;
                        }
                        wake.request_repaint();
                        wake.request_repaint_of(super::audience_viewport());
                    }
                });
            if let Err(error) = spawned {
                eprintln!("cuecard: cannot start the image decoder: {error}");
            }
            jobs
        });
        let sent = jobs.send((path.to_owned(), real)).is_ok();
        let entry = if sent {
            Entry::Loading
        } else {
            Entry::Failed("the image decoder stopped".to_owned())
        };
        self.entries.insert(path.to_owned(), entry);
    }

    /// Requests the images of slides `indices` of `deck`, and its logo,
    /// and lets go of every other image, so memory holds only what is on
    /// screen or next to it.
    pub fn want(
        &mut self,
        ctx: &egui::Context,
        deck: &Deck,
        indices: impl IntoIterator<Item = usize>,
    ) {
        let mut wanted: Vec<&str> = deck.logo.iter().map(String::as_str).collect();
        for index in indices {
            let Some(slide) = deck.slides.get(index) else {
                continue;
            };
            for block in &slide.content {
                if let Block::Image { path, .. } = block {
                    wanted.push(path);
                }
            }
        }
        // Dropping a texture handle frees the texture.
        self.entries
            .retain(|path, _| wanted.contains(&path.as_str()));
        for path in wanted {
            self.request(ctx, path);
        }
    }

    /// Turns decoded images into textures. Returns whether any arrived.
    pub fn poll(&mut self, ctx: &egui::Context) -> bool {
        let mut arrived = false;
        while let Ok((path, result)) = self.done.try_recv() {
            // An image of a deck since reloaded may still arrive: only
            // keep what is still wanted.
            if !matches!(self.entries.get(&path), Some(Entry::Loading)) {
                continue;
            }
            let entry = match result {
                Ok(image) => Entry::Ready(ctx.load_texture(
                    format!("slide-image:{path}"),
                    image,
                    TextureOptions::LINEAR,
                )),
                Err(why) => Entry::Failed(why),
            };
            self.entries.insert(path, entry);
            arrived = true;
        }
        arrived
    }

    /// How many images are cached (for the soak test's memory check).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl ImageLookup for ImageCache {
    fn image(&self, path: &str) -> ImageView {
        match self.entries.get(path) {
            Some(Entry::Ready(texture)) => ImageView::Ready(texture.id(), texture.size_vec2()),
            Some(Entry::Failed(why)) => ImageView::Failed(why.clone()),
            Some(Entry::Loading) | None => ImageView::Loading,
        }
    }
}
