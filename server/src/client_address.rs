//! Who the client is: the TCP peer, or, behind a trusted proxy, the address the proxy
//! says it forwarded for.
//!
//! `Forwarded` and `X-Forwarded-For` are written by whoever sends the request, so they
//! are read only when the peer is one of `TRUSTED_PROXIES`, and then from the right:
//! each trusted proxy appends the address it received from, so the rightmost entry
//! that is not itself a trusted proxy is the client. Anything a client wrote further
//! left is ignored.

use app::server::session::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose forwarding headers are believed (`TRUSTED_PROXIES`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and CIDR ranges; `Err` names the
    /// entry that is neither.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| entry.to_owned())
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|nets| Self(nets.into()))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client of a request from `peer` with these headers.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer.to_canonical();
        }
        forwarded_chain(headers)
            .into_iter()
            .rev()
            .find(|hop| !self.trusts(*hop))
            .unwrap_or(peer)
            .to_canonical()
    }
}

/// The addresses a request was forwarded for, leftmost first: from `Forwarded`
/// (RFC 7239) when present, else `X-Forwarded-For`. An entry that is not an address
/// (`unknown`, an obfuscated name) ends the chain there: nothing left of it is read.
fn forwarded_chain(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let forwarded = values("forwarded");
    let hops: Vec<Option<IpAddr>> = if forwarded.is_empty() {
        values("x-forwarded-for")
            .iter()
            .map(|hop| parse_address(hop))
            .collect()
    } else {
        forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(key, _)| key.eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| parse_address(value.trim_matches('"')))
            })
            .collect()
    };
    let trusted_tail = hops.iter().rev().take_while(|hop| hop.is_some()).count();
    hops[hops.len() - trusted_tail..]
        .iter()
        .flatten()
        .copied()
        .collect()
}

/// An address as forwarding headers write it: `192.0.2.1`, `192.0.2.1:4711`,
/// `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_address(text: &str) -> Option<IpAddr> {
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    text.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(inside, _)| inside.parse().ok())
}

/// Puts the request's [`ClientAddress`] in its extensions, for sign-in limits and a
/// key's last use.
pub async fn find_client(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = proxies.client(peer, request.headers());
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").expect("valid");
        let sent = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=198.51.100.1"),
        ]);
        assert_eq!(proxies.client(ip("192.0.2.7"), &sent), ip("192.0.2.7"));
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("10.0.0.1"), &sent), ip("10.0.0.1"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.0.2.1").expect("valid");
        // The client claims to be 1.1.1.1; the proxy appended what it saw.
        let sent = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.1.2.3")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &sent), ip("203.0.113.9"));
        let split = headers(&[
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(proxies.client(ip("192.0.2.1"), &split), ip("203.0.113.9"));
        let rfc = headers(&[(
            "forwarded",
            "for=1.1.1.1, for=\"[2001:db8::7]:4711\";proto=https, for=10.9.9.9",
        )]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &rfc), ip("2001:db8::7"));
        let garbage = headers(&[("x-forwarded-for", "1.1.1.1, unknown, 10.2.2.2")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &garbage), ip("10.0.0.1"));
        let empty = headers(&[]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &empty), ip("10.0.0.1"));
        let mapped = headers(&[("x-forwarded-for", "::ffff:203.0.113.9")]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &mapped), ip("203.0.113.9"));
    }

    #[test]
    fn entries_that_are_not_addresses_are_named() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.1, proxy.local"),
            Err("proxy.local".to_owned())
        );
        assert_eq!(TrustedProxies::parse(""), Ok(TrustedProxies::default()));
    }
}
