//! Customer service's e-mail address (S1, P3): `local@domain`, and `local+token@domain` for
//! one conversation's replies. Each shop with a host of its own is reached at the same
//! mailbox on that host (`support@shop.example`), and a new mail sent there opens its
//! conversation in that shop.

use pepite_domain::shop::{FIRST_SHOP, host_name};

use crate::shops::Shops;

/// Customer service's address, `local@domain`; `local+token@domain` reaches one conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportAddress {
    local: String,
    domain: String,
}

impl std::str::FromStr for SupportAddress {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, String> {
        let (local, domain) = raw
            .trim()
            .rsplit_once('@')
            .ok_or_else(|| format!("{raw:?} is not an e-mail address"))?;
        let atom = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        };
        if !atom(local) || !atom(domain) {
            return Err(format!(
                "{raw:?}: expected local@domain in letters, digits, '.', '-' and '_'"
            ));
        }
        Ok(SupportAddress {
            local: local.to_ascii_lowercase(),
            domain: domain.to_ascii_lowercase(),
        })
    }
}

impl SupportAddress {
    pub fn address(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }

    /// The reply address of a conversation.
    pub fn reply_address(&self, token: &str) -> String {
        format!("{}+{token}@{}", self.local, self.domain)
    }

    /// Whether an envelope recipient is ours at the support address's own domain:
    /// `Some(None)` for the plain address, `Some(Some(token))` for a conversation's reply
    /// address, `None` for anything else.
    pub fn recipient(&self, rcpt: &str) -> Option<Option<String>> {
        let (domain, token) = self.mailbox(rcpt)?;
        domain.eq_ignore_ascii_case(&self.domain).then_some(token)
    }

    /// The same mailbox at any domain: the domain, and the reply token if there is one.
    fn mailbox<'a>(&self, rcpt: &'a str) -> Option<(&'a str, Option<String>)> {
        let rcpt = rcpt.trim().trim_start_matches('<').trim_end_matches('>');
        let (local, domain) = rcpt.rsplit_once('@')?;
        let token = match local.split_once('+') {
            None => local.eq_ignore_ascii_case(&self.local).then_some(None),
            Some((base, token)) => (base.eq_ignore_ascii_case(&self.local) && !token.is_empty())
                .then(|| Some(token.to_owned())),
        }?;
        Some((domain, token))
    }

    /// P3: the shop whose own host an envelope recipient names (`support@<host>`, or its
    /// reply addresses), if it is one of ours there; the support domain itself is no shop's.
    fn shop_at(&self, shops: &Shops, rcpt: &str) -> Option<(i64, Option<String>)> {
        let (domain, token) = self.mailbox(rcpt)?;
        let host = host_name(domain)?;
        let shop = shops
            .all()
            .iter()
            .find(|s| s.host.as_deref() == Some(host.as_str()))?;
        Some((shop.id, token))
    }

    /// The reply token an envelope recipient carries, at the support domain or a shop's host.
    pub fn token(&self, shops: &Shops, rcpt: &str) -> Option<String> {
        self.recipient(rcpt)
            .or_else(|| self.shop_at(shops, rcpt).map(|(_, t)| t))
            .flatten()
    }

    /// Whether the listener takes mail for `rcpt`: the support address and its reply
    /// addresses, or the same mailbox at a shop's own host (P3).
    pub fn accepts(&self, shops: &Shops, rcpt: &str) -> bool {
        self.recipient(rcpt).is_some() || self.shop_at(shops, rcpt).is_some()
    }

    /// P3: the shop a new mail's conversation opens in: the one whose host it was sent to,
    /// else the first.
    pub fn shop_for(&self, shops: &Shops, rcpt_to: &[&str]) -> i64 {
        rcpt_to
            .iter()
            .find_map(|r| self.shop_at(shops, r))
            .map_or(FIRST_SHOP, |(shop, _)| shop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn support() -> SupportAddress {
        "support@pepite.test".parse().unwrap()
    }

    #[test]
    fn s1_only_the_support_address_and_its_token_variants_are_ours() {
        let s = support();
        assert_eq!(s.recipient("support@pepite.test"), Some(None));
        assert_eq!(s.recipient("<Support@PEPITE.test>"), Some(None));
        assert_eq!(
            s.recipient("support+Ab-_9@pepite.test"),
            Some(Some("Ab-_9".into()))
        );
        for other in [
            "sales@pepite.test",
            "support@elsewhere.test",
            "support+@pepite.test",
            "support",
        ] {
            assert_eq!(s.recipient(other), None, "{other}");
        }
        assert_eq!(s.reply_address("tok"), "support+tok@pepite.test");
    }
}
