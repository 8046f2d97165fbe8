//! How the wall clock reads: "14:05" or "2:05 PM", as the laptop is set,
//! unless the presenter chose otherwise.

use chrono::{NaiveTime, Timelike as _};
use serde::{Deserialize, Serialize};

/// A 12-hour or a 24-hour clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HourCycle {
    /// "2:05 PM".
    Twelve,
    /// "14:05".
    #[default]
    TwentyFour,
}

/// The presenter's choice of clock (remembered in the settings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockFormat {
    /// As the system is set.
    #[default]
    System,
    /// Always "2:05 PM".
    TwelveHour,
    /// Always "14:05".
    TwentyFourHour,
}

impl ClockFormat {
    /// The clock to show, given the system's.
    pub fn resolve(self, system: HourCycle) -> HourCycle {
        match self {
            Self::System => system,
            Self::TwelveHour => HourCycle::Twelve,
            Self::TwentyFourHour => HourCycle::TwentyFour,
        }
    }
}

/// `time` as the wall clock reads it: "09:05" on a 24-hour clock, "9:05 AM"
/// on a 12-hour one.
pub fn format_wall(time: NaiveTime, hours: HourCycle) -> String {
    match hours {
        HourCycle::TwentyFour => time.format("%H:%M").to_string(),
        HourCycle::Twelve => {
            let (pm, hour) = time.hour12();
            format!(
                "{hour}:{:02} {}",
                time.minute(),
                if pm { "PM" } else { "AM" }
            )
        }
    }
}

/// Regions whose people read a 12-hour clock (the Unicode CLDR's
/// preferred hour cycle "h" for the region), by ISO 3166 code.
const TWELVE_HOUR_REGIONS: &[&str] = &[
    "US", "CA", "AU", "NZ", "IN", "PH", "PK", "BD", "EG", "SA", "JO", "KR", "TW", "MY", "MX", "CO",
    "VE", "SV", "HN", "NI", "PR", "GU", "AS", "MP", "VI", "UM",
];

/// The hour cycle a POSIX or BCP 47 locale name implies (`en_US.UTF-8`,
/// `en-GB`, `fr_CA`): `None` when it names no region (`C`, `POSIX`, `en`).
/// French Canada reads 24 hours, the rest of Canada 12.
pub fn hour_cycle_of_locale(locale: &str) -> Option<HourCycle> {
    let name = locale.split(['.', '@']).next().unwrap_or_default();
    let mut parts = name.split(['_', '-']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))?
        .to_ascii_uppercase();
    if language == "fr" && region == "CA" {
        return Some(HourCycle::TwentyFour);
    }
    Some(if TWELVE_HOUR_REGIONS.contains(&region.as_str()) {
        HourCycle::Twelve
    } else {
        HourCycle::TwentyFour
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    #[test]
    fn both_clocks_read_as_people_write_them() {
        let h12 = HourCycle::Twelve;
        assert_eq!(format_wall(at(9, 5), HourCycle::TwentyFour), "09:05");
        assert_eq!(format_wall(at(14, 5), HourCycle::TwentyFour), "14:05");
        assert_eq!(format_wall(at(9, 5), h12), "9:05 AM");
        assert_eq!(format_wall(at(14, 5), h12), "2:05 PM");
        assert_eq!(format_wall(at(0, 30), h12), "12:30 AM");
        assert_eq!(format_wall(at(12, 0), h12), "12:00 PM");
    }

    #[test]
    fn the_locale_tells_the_clock() {
        let twelve = Some(HourCycle::Twelve);
        let twenty_four = Some(HourCycle::TwentyFour);
        assert_eq!(hour_cycle_of_locale("en_US.UTF-8"), twelve);
        assert_eq!(hour_cycle_of_locale("es_US.UTF-8"), twelve);
        assert_eq!(hour_cycle_of_locale("en-US"), twelve);
        assert_eq!(hour_cycle_of_locale("en_GB.UTF-8"), twenty_four);
        assert_eq!(hour_cycle_of_locale("de_DE@euro"), twenty_four);
        assert_eq!(hour_cycle_of_locale("fr_CA.UTF-8"), twenty_four);
        assert_eq!(hour_cycle_of_locale("en_CA.UTF-8"), twelve);
        assert_eq!(hour_cycle_of_locale("zh-Hant-TW"), twelve);
        assert_eq!(hour_cycle_of_locale("C.UTF-8"), None);
        assert_eq!(hour_cycle_of_locale("POSIX"), None);
        assert_eq!(hour_cycle_of_locale(""), None);
    }

    #[test]
    fn the_presenters_choice_wins() {
        let system = HourCycle::Twelve;
        assert_eq!(ClockFormat::System.resolve(system), HourCycle::Twelve);
        assert_eq!(
            ClockFormat::TwentyFourHour.resolve(system),
            HourCycle::TwentyFour
        );
        assert_eq!(
            ClockFormat::TwelveHour.resolve(HourCycle::TwentyFour),
            HourCycle::Twelve
        );
    }
}
