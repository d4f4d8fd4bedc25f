//! The file is read back with an XML parser, as a bank's would: well formed, the elements of
//! `pain.001.001.03` in the schema's order, counts and control sums matching the transfers.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::*;

/// Every element with text, as (path from the root joined by '/', text).
fn leaves(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap()),
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let text = std::str::from_utf8(&t).unwrap().trim().to_owned();
                if !text.is_empty() {
                    out.push((path.join("/"), text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "every element closed");
    out
}

fn values<'a>(leaves: &'a [(String, String)], suffix: &str) -> Vec<&'a str> {
    leaves
        .iter()
        .filter(|(p, _)| p.ends_with(suffix))
        .map(|(_, v)| v.as_str())
        .collect()
}

fn batch() -> String {
    let transfers = [
        Transfer {
            end_to_end_id: "P1-S7",
            amount_cents: 7_225,
            creditor_name: "Léa Martin & Fils",
            iban: "FR7630006000011234567890189",
            bic: Some("BNPAFRPP"),
            remittance: "Pépite — ventes payées n° 1",
        },
        Transfer {
            end_to_end_id: "P1-S9",
            amount_cents: 5,
            creditor_name: "Max Müller",
            iban: "DE89370400440532013000",
            bic: None,
            remittance: "Pépite payout 1",
        },
    ];
    pain_001(&CreditTransfer {
        msg_id: "PEPITE-PAYOUT-1",
        created_at_us: 1_796_316_000_000_000,
        debtor: Debtor {
            name: "Pépite SAS",
            iban: "FR7630006000011234567890189",
            bic: None,
        },
        transfers: &transfers,
    })
}

#[test]
fn p1_pain_001_counts_and_control_sums_match_its_transfers() {
    let xml = batch();
    assert!(xml.contains(r#"xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03""#));
    let l = leaves(&xml);
    let root = "Document/CstmrCdtTrfInitn";
    assert_eq!(values(&l, "GrpHdr/MsgId"), ["PEPITE-PAYOUT-1"]);
    assert_eq!(values(&l, "GrpHdr/CreDtTm"), ["2026-12-03T16:40:00"]);
    assert_eq!(values(&l, "GrpHdr/NbOfTxs"), ["2"]);
    assert_eq!(values(&l, "PmtInf/NbOfTxs"), ["2"]);
    let amounts = values(&l, "CdtTrfTxInf/Amt/InstdAmt");
    assert_eq!(amounts, ["72.25", "0.05"]);
    let sum: f64 = amounts.iter().map(|a| a.parse::<f64>().unwrap()).sum();
    for ctrl in [values(&l, "GrpHdr/CtrlSum"), values(&l, "PmtInf/CtrlSum")] {
        assert_eq!(ctrl, ["72.30"]);
        assert!((ctrl[0].parse::<f64>().unwrap() - sum).abs() < 1e-9);
    }
    assert_eq!(values(&l, "PmtInf/ReqdExctnDt"), ["2026-12-03"]);
    assert_eq!(
        values(&l, "PmtInf/Dbtr/Nm"),
        ["Pepite SAS"],
        "SEPA characters only"
    );
    assert_eq!(
        values(&l, "DbtrAcct/Id/IBAN"),
        ["FR7630006000011234567890189"]
    );
    assert_eq!(values(&l, "DbtrAgt/FinInstnId/Othr/Id"), ["NOTPROVIDED"]);
    assert_eq!(values(&l, "EndToEndId"), ["P1-S7", "P1-S9"]);
    assert_eq!(values(&l, "Cdtr/Nm"), ["Lea Martin + Fils", "Max Muller"]);
    assert_eq!(
        values(&l, "CdtrAgt/FinInstnId/BIC"),
        ["BNPAFRPP"],
        "only when known"
    );
    assert_eq!(values(&l, "RmtInf/Ustrd")[0], "Pepite ventes payees n 1");
    assert!(l.iter().all(|(p, _)| p.starts_with(root)), "one root");
}

#[test]
fn p1_pain_001_elements_come_in_the_schemas_order() {
    let xml = batch();
    let mut reader = Reader::from_str(&xml);
    let mut depth_names: Vec<(usize, String)> = Vec::new();
    let mut depth = 0;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                depth += 1;
                depth_names.push((
                    depth,
                    String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                ));
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    let children = |parent: &str, at: usize| -> Vec<String> {
        let start = depth_names.iter().position(|(_, n)| n == parent).unwrap();
        let d = depth_names[start].0;
        depth_names[start + 1..]
            .iter()
            .take_while(|(dd, _)| *dd > d)
            .filter(|(dd, _)| *dd == d + 1)
            .map(|(_, n)| n.clone())
            .take(at)
            .collect()
    };
    // The sequences of pain.001.001.03's XSD (GroupHeader32, PaymentInstructionInformation3,
    // CreditTransferTransactionInformation10), optional elements we leave out omitted.
    assert_eq!(
        children("GrpHdr", 99),
        ["MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty"]
    );
    assert_eq!(
        children("PmtInf", 11),
        [
            "PmtInfId",
            "PmtMtd",
            "BtchBookg",
            "NbOfTxs",
            "CtrlSum",
            "PmtTpInf",
            "ReqdExctnDt",
            "Dbtr",
            "DbtrAcct",
            "DbtrAgt",
            "ChrgBr"
        ]
    );
    assert_eq!(
        children("CdtTrfTxInf", 99),
        ["PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct", "RmtInf"]
    );
}

#[test]
fn p1_sepa_text_keeps_the_allowed_characters_only() {
    assert_eq!(
        sepa_text("Chez Léa <vintage> & Cie", 70),
        "Chez Lea vintage + Cie"
    );
    assert_eq!(sepa_text("Œuvres d’Ørsted", 70), "OEuvres d'Orsted");
    assert_eq!(sepa_text(&"x".repeat(80), 70).len(), 70);
    assert_eq!(euros(123_456), "1234.56");
    assert_eq!(euros(7), "0.07");
}
