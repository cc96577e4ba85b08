//! Operators of the pre-1.6 protocols, which live code still sends, and what replaced them.
//!
//! Plesk 10 (protocol 1.6.0.0) split the old operators along its new business model; the
//! server still accepts them when a packet declares an old version, but a modern packet
//! using them is rejected. "Did you mean `<subdomain>`?" would be the wrong advice for
//! `<domain>`: the finding names the modern equivalent instead.

/// The modern operators that took over a legacy one, or `None` for a current name.
pub fn replacement(operator: &str) -> Option<&'static str> {
    Some(match operator {
        "client" => "`<customer>` (and `<reseller>` for resellers)",
        "domain" => "`<webspace>` for subscriptions and `<site>` for sites",
        "domain_alias" => "`<site-alias>`",
        "client-template" => "`<service-plan>` (and `<reseller-plan>` for reseller templates)",
        "domain-template" => "`<service-plan>`",
        "siteapp" => "`<aps>`",
        _ => return None,
    })
}
