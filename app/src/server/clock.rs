//! The one clock every server reads: the system's time, moved forward only by the
//! tests (so that what happens when a share or a key ends is tested without waiting).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The time of a server, in the units of the database. Clones read the same clock.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Seconds added to the system's time; zero except in tests.
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// Seconds since the Unix epoch: every timestamp in the database uses this unit.
    pub fn now(&self) -> i64 {
        self.now_millis() / 1_000
    }

    /// Milliseconds since the Unix epoch, for waits shorter than a second.
    pub fn now_millis(&self) -> i64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        system.saturating_add(self.offset.load(Ordering::Relaxed).saturating_mul(1_000))
    }

    /// Moves this clock and its clones `seconds` forward, as if that time had passed.
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_moves_its_clones_and_nothing_else() {
        let (clock, other) = (Clock::default(), Clock::default());
        let clone = clock.clone();
        let before = clock.now();
        clock.advance(86_400);
        assert!(clone.now() >= before + 86_400);
        assert!(other.now() < before + 86_400);
        assert!(clone.now_millis() / 1_000 >= before + 86_400);
    }
}
