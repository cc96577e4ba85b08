//! The packets both benchmarks check (included by benches/engine.rs and benches/server.rs),
//! so the engine's numbers and the editor's numbers are about the same texts.

/// A one-operation request (under 400 bytes), valid.
pub const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<packet version="1.6.3.0">
  <webspace>
    <set_traffic>
      <dom_id>1</dom_id>
      <date>2024-01-31</date>
      <smtp_in>1</smtp_in>
      <smtp_out>1</smtp_out>
      <pop3_imap_in>1</pop3_imap_in>
      <pop3_imap_out>1</pop3_imap_out>
    </set_traffic>
  </webspace>
</packet>
"#;

/// A valid `customer/get` response with `results` results of about 540 bytes each.
pub fn big_response(results: usize) -> String {
    let mut text =
        String::from("<?xml version=\"1.0\"?>\n<packet version=\"1.6.3.0\">\n<customer>\n<get>\n");
    for i in 1..=results {
        text.push_str(&format!(
            "<result>\n<status>ok</status>\n<filter-id>{i}</filter-id>\n<id>{i}</id>\n<data>\n\
             <gen_info>\n<cr_date>2024-01-{day:02}</cr_date>\n<cname>Example Hosting {i}</cname>\n\
             <pname>Customer Number {i}</pname>\n<login>customer{i}</login>\n<status>0</status>\n\
             <phone>+1 555 {i:07}</phone>\n<fax>+1 555 0199</fax>\n\
             <email>customer{i}@example.com</email>\n<address>{i} Main Street</address>\n\
             <city>Springfield</city>\n<state>IL</state>\n<pcode>62701</pcode>\n\
             <country>US</country>\n<locale>en-US</locale>\n<external-id>ext-{i:08x}</external-id>\n\
             </gen_info>\n</data>\n</result>\n",
            day = 1 + i % 28
        ));
    }
    text.push_str("</get>\n</customer>\n</packet>\n");
    text
}
