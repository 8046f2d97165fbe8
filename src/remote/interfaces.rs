//! The machine's network interfaces, for the presenter to choose the one
//! the phone remote listens on (the venue Wi-Fi, or the laptop's hotspot).

use std::net::IpAddr;

/// A network interface's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// The operating system's name for it (`wlan0`, `en0`, `Wi-Fi`).
    pub name: String,
    /// Its address.
    pub ip: IpAddr,
    /// Whether it is the loopback interface (only this laptop can reach it).
    pub is_loopback: bool,
}

impl Interface {
    /// How the console lists it, e.g. `wlan0: 192.168.1.20`.
    pub fn label(&self) -> String {
        format!("{}: {}", self.name, self.ip)
    }
}

/// Every interface address of this machine, IPv4 first, loopback last.
///
/// # Errors
/// The operating system's error if it cannot list them.
pub fn interfaces() -> std::io::Result<Vec<Interface>> {
    let mut list: Vec<Interface> = if_addrs::get_if_addrs()?
        .into_iter()
        .map(|interface| Interface {
            ip: interface.ip(),
            is_loopback: interface.is_loopback(),
            name: interface.name,
        })
        .filter(|interface| !interface.ip.is_unspecified() && !interface.ip.is_multicast())
        .collect();
    list.sort_by_key(|i| (i.is_loopback, i.ip.is_ipv6(), i.name.clone()));
    Ok(list)
}

/// The interface a phone most likely reaches: the first private IPv4
/// address (a Wi-Fi or hotspot network), else the first non-loopback one.
/// `None` when there is only loopback. A suggestion for the console's
/// choice, never a default that starts the server by itself.
pub fn suggested_interface(list: &[Interface]) -> Option<&Interface> {
    list.iter()
        .find(|i| matches!(i.ip, IpAddr::V4(v4) if v4.is_private()))
        .or_else(|| list.iter().find(|i| !i.is_loopback))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn the_machine_has_at_least_loopback() {
        let list = interfaces().unwrap_or_default();
        assert!(list.iter().any(|i| i.is_loopback && i.ip.is_loopback()));
        assert!(list.iter().all(|i| !i.ip.is_unspecified()));
    }

    #[test]
    fn a_private_network_is_suggested_over_others() {
        let make = |name: &str, ip: [u8; 4], is_loopback| Interface {
            name: name.into(),
            ip: IpAddr::V4(Ipv4Addr::from(ip)),
            is_loopback,
        };
        let list = [
            make("lo", [127, 0, 0, 1], true),
            make("eth0", [203, 0, 113, 5], false),
            make("wlan0", [192, 168, 43, 10], false),
        ];
        assert_eq!(
            suggested_interface(&list).map(|i| i.name.as_str()),
            Some("wlan0")
        );
        assert_eq!(
            suggested_interface(&list[..2]).map(|i| i.name.as_str()),
            Some("eth0")
        );
        assert_eq!(suggested_interface(&list[..1]), None);
        assert_eq!(list[2].label(), "wlan0: 192.168.43.10");
    }
}
