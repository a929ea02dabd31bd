//! Points in time, as seconds since the Unix epoch (UTC).

use serde::{Serialize, Serializer};

/// Seconds since 1970-01-01T00:00:00Z. Certificates reach from year 0 to 9999, so this is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(pub i64);

impl UnixTime {
    /// The current time from the system clock.
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Self(secs)
    }

    /// RFC 3339 in UTC, e.g. `2026-11-25T20:15:21Z`.
    pub fn to_rfc3339(self) -> String {
        format_unix_time(self.0)
    }

    /// Parses RFC 3339 (`2026-01-02T03:04:05Z`, with optional fraction and offset), a bare date
    /// (`2026-01-02`, midnight UTC) or a number of Unix seconds.
    ///
    /// # Errors
    /// A message naming the accepted forms.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if let Ok(secs) = t.parse::<i64>() {
            return Ok(Self(secs));
        }
        let fmt = time::format_description::well_known::Rfc3339;
        if let Ok(dt) = time::OffsetDateTime::parse(t, &fmt) {
            return Ok(Self(dt.unix_timestamp()));
        }
        let date_fmt = time::macros::format_description!("[year]-[month]-[day]");
        if let Ok(d) = time::Date::parse(t, &date_fmt) {
            return Ok(Self(d.midnight().assume_utc().unix_timestamp()));
        }
        Err(format!("{text:?} is not a time: use RFC 3339 (2026-01-02T03:04:05Z), a date (2026-01-02) or Unix seconds"))
    }
}

impl Serialize for UnixTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl std::fmt::Display for UnixTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Formats Unix seconds as RFC 3339 UTC; out-of-range values print as the raw number.
pub fn format_unix_time(secs: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(dt) => {
            let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
            dt.format(&fmt).unwrap_or_else(|_| secs.to_string())
        }
        Err(_) => secs.to_string(),
    }
}
