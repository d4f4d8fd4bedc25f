//! The client's address behind reverse proxies. Each proxy appends the address it received the
//! connection from to `X-Forwarded-For`, so only the right-hand end of the list was written by
//! proxies we know; anything to its left came from the client and may be forged. The client is
//! therefore the right-most hop that is not one of our proxies, and the header is read only when
//! the connection itself comes from one of them.

use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;

/// The networks `--trusted-proxies` starts with: this machine and the private ranges, where a
/// load balancer or a reverse proxy usually sits.
pub const DEFAULT_TRUSTED_PROXIES: &str =
    "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

/// The addresses of our own reverse proxies: single addresses or networks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl FromStr for TrustedProxies {
    type Err = String;

    /// A comma-separated list of addresses (`10.1.2.3`) and networks (`10.0.0.0/8`).
    fn from_str(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{s:?} is neither an IP address nor a network"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }
}

impl Default for TrustedProxies {
    fn default() -> Self {
        DEFAULT_TRUSTED_PROXIES
            .parse()
            .expect("the default networks parse")
    }
}

impl TrustedProxies {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a connection from `peer` that carried these `X-Forwarded-For`
    /// values (in the order received): the right-most hop that is not a trusted proxy. When
    /// every hop is a proxy, the left-most one; when the peer is not a proxy, the peer.
    pub fn client<'a>(&self, peer: IpAddr, forwarded_for: impl Iterator<Item = &'a str>) -> String {
        if !self.contains(peer) {
            return peer.to_canonical().to_string();
        }
        let hops: Vec<&str> = forwarded_for
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .collect();
        let mut client = peer.to_canonical().to_string();
        for hop in hops.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if self.contains(ip) => client = ip.to_canonical().to_string(),
                // Not one of ours: whoever our last proxy received the connection from. A hop
                // that is not an address at all is kept as written, so it is counted apart.
                Ok(ip) => return ip.to_canonical().to_string(),
                Err(_) => return (*hop).to_owned(),
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn item4_the_client_is_the_right_most_hop_that_is_not_a_trusted_proxy() {
        let proxies = TrustedProxies::default();
        let client =
            |peer: &str, headers: &[&str]| proxies.client(ip(peer), headers.iter().copied());
        // A client forging the first hop is not believed: the proxy appended what it saw.
        assert_eq!(
            client("127.0.0.1", &["6.6.6.6, 203.0.113.7"]),
            "203.0.113.7"
        );
        assert_eq!(
            client("127.0.0.1", &["6.6.6.6", "203.0.113.7, 10.0.0.2"]),
            "203.0.113.7"
        );
        assert_eq!(
            client("10.0.0.3", &["198.51.100.1, 203.0.113.7, 192.168.1.1"]),
            "203.0.113.7"
        );
        // A connection straight from the internet says nothing about anyone else.
        assert_eq!(client("203.0.113.9", &["1.2.3.4"]), "203.0.113.9");
        // Only proxies on the way: the furthest one; nothing forwarded: the proxy itself.
        assert_eq!(client("127.0.0.1", &["10.0.0.5, 10.0.0.6"]), "10.0.0.5");
        assert_eq!(client("127.0.0.1", &[]), "127.0.0.1");
        assert_eq!(
            client("::ffff:127.0.0.1", &["::ffff:203.0.113.7"]),
            "203.0.113.7"
        );
        assert_eq!(client("127.0.0.1", &["unknown"]), "unknown");
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let listed: TrustedProxies = "192.0.2.10, 2001:db8::/32".parse().unwrap();
        assert!(listed.contains(ip("192.0.2.10")) && !listed.contains(ip("192.0.2.11")));
        assert!(listed.contains(ip("2001:db8::1")) && !listed.contains(ip("127.0.0.1")));
        let refused = "10.0.0.0/8,proxy.example"
            .parse::<TrustedProxies>()
            .unwrap_err();
        assert!(refused.contains("proxy.example"), "{refused}");
        assert!(TrustedProxies::default().contains(ip("172.20.1.1")));
        assert!(!TrustedProxies::default().contains(ip("172.32.0.1")));
    }
}
