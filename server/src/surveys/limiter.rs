//! Survey submissions per client address per minute, counted in memory (a fixed
//! window). Generous on purpose: a housing estate behind one carrier NAT shares an
//! address.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct SubmitLimiter {
    per_minute: i64,
    window: Mutex<(Instant, HashMap<String, i64>)>,
}

impl SubmitLimiter {
    pub fn new(per_minute: i64) -> Self {
        SubmitLimiter { per_minute, window: Mutex::new((Instant::now(), HashMap::new())) }
    }

    /// Counts one submission; `false` when over the limit.
    pub fn allow(&self, client: &str) -> bool {
        let Ok(mut w) = self.window.lock() else { return true };
        if w.0.elapsed() >= Duration::from_secs(60) {
            *w = (Instant::now(), HashMap::new());
        }
        let n = w.1.entry(client.to_string()).or_insert(0);
        *n += 1;
        *n <= self.per_minute
    }
}
