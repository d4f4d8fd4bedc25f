//! P1: a payout batch as a SEPA credit transfer initiation, ISO 20022 `pain.001.001.03`, the
//! version every euro-area bank accepts: one group header (message id, creation time, count
//! and control sum), one payment information block debiting the platform's account, one
//! transfer per seller. Texts are reduced to the SEPA character set, so no bank refuses the
//! file for an accent and nothing needs escaping.

use unicode_normalization::UnicodeNormalization;

use crate::time::from_micros;

/// The payer: the platform's legal name and account.
#[derive(Debug, Clone)]
pub struct Debtor<'a> {
    pub name: &'a str,
    pub iban: &'a str,
    pub bic: Option<&'a str>,
}

/// One transfer to a seller.
#[derive(Debug, Clone)]
pub struct Transfer<'a> {
    /// Unique per transfer, at most 35 characters; the bank echoes it back on the statement.
    pub end_to_end_id: &'a str,
    pub amount_cents: i64,
    pub creditor_name: &'a str,
    pub iban: &'a str,
    pub bic: Option<&'a str>,
    /// What the seller reads on their statement (at most 140 characters kept).
    pub remittance: &'a str,
}

/// A whole batch.
#[derive(Debug, Clone)]
pub struct CreditTransfer<'a> {
    /// Unique per file, at most 35 characters.
    pub msg_id: &'a str,
    pub created_at_us: i64,
    pub debtor: Debtor<'a>,
    pub transfers: &'a [Transfer<'a>],
}

/// An amount in euros with two decimals, as `InstdAmt` and `CtrlSum` carry it.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// Text as SEPA allows it (EPC: `a-z A-Z 0-9 / - ? : ( ) . , ' +` and space): accents
/// dropped, a few ligatures spelt out, anything else a space; cut to `max` characters.
pub fn sepa_text(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        match c {
            'a'..='z'
            | 'A'..='Z'
            | '0'..='9'
            | '/'
            | '-'
            | '?'
            | ':'
            | '('
            | ')'
            | '.'
            | ','
            | '\''
            | '+'
            | ' ' => out.push(c),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            '’' | '‘' => out.push('\''),
            '&' => out.push('+'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            _ => out.push(' '),
        }
    }
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.chars().take(max).collect()
}

/// The `pain.001.001.03` document for `ct`. Its `NbOfTxs` and `CtrlSum` are computed here
/// from the transfers, so they cannot disagree with them.
pub fn pain_001(ct: &CreditTransfer) -> String {
    let count = ct.transfers.len();
    let total = euros(ct.transfers.iter().map(|t| t.amount_cents).sum());
    let at = from_micros(ct.created_at_us);
    let created = at.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let date = at.strftime("%Y-%m-%d").to_string();
    let debtor = sepa_text(ct.debtor.name, 70);
    // Each transfer takes about 520 bytes; one allocation for the whole file.
    let mut x = String::with_capacity(1_200 + count * 520);
    x.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" "#,
        r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
        "\n<CstmrCdtTrfInitn>\n"
    ));
    x.push_str(&format!(
        "<GrpHdr><MsgId>{}</MsgId><CreDtTm>{created}</CreDtTm><NbOfTxs>{count}</NbOfTxs>\
         <CtrlSum>{total}</CtrlSum><InitgPty><Nm>{debtor}</Nm></InitgPty></GrpHdr>\n",
        sepa_text(ct.msg_id, 35)
    ));
    x.push_str(&format!(
        "<PmtInf><PmtInfId>{}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>false</BtchBookg>\
         <NbOfTxs>{count}</NbOfTxs><CtrlSum>{total}</CtrlSum>\
         <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>\
         <ReqdExctnDt>{date}</ReqdExctnDt><Dbtr><Nm>{debtor}</Nm></Dbtr>\
         <DbtrAcct><Id><IBAN>{}</IBAN></Id></DbtrAcct><DbtrAgt>{}</DbtrAgt>\
         <ChrgBr>SLEV</ChrgBr>\n",
        sepa_text(ct.msg_id, 35),
        ct.debtor.iban,
        agent(ct.debtor.bic),
    ));
    for t in ct.transfers {
        x.push_str("<CdtTrfTxInf><PmtId><EndToEndId>");
        x.push_str(&sepa_text(t.end_to_end_id, 35));
        x.push_str("</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">");
        x.push_str(&euros(t.amount_cents));
        x.push_str("</InstdAmt></Amt>");
        if t.bic.is_some() {
            x.push_str("<CdtrAgt>");
            x.push_str(&agent(t.bic));
            x.push_str("</CdtrAgt>");
        }
        x.push_str("<Cdtr><Nm>");
        x.push_str(&sepa_text(t.creditor_name, 70));
        x.push_str("</Nm></Cdtr><CdtrAcct><Id><IBAN>");
        x.push_str(t.iban);
        x.push_str("</IBAN></Id></CdtrAcct><RmtInf><Ustrd>");
        x.push_str(&sepa_text(t.remittance, 140));
        x.push_str("</Ustrd></RmtInf></CdtTrfTxInf>\n");
    }
    x.push_str("</PmtInf>\n</CstmrCdtTrfInitn>\n</Document>\n");
    x
}

/// A bank by its BIC, or, as the EPC allows since 2016, "not provided".
fn agent(bic: Option<&str>) -> String {
    match bic {
        Some(bic) => format!("<FinInstnId><BIC>{bic}</BIC></FinInstnId>"),
        None => "<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>".into(),
    }
}

#[cfg(test)]
mod tests;
