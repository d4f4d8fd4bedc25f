//! Code 128 (ISO/IEC 15417), code set B, for the tracking number printed on a parcel's label:
//! every printable ASCII character, a modulo-103 check symbol, as bar and space widths in
//! modules (a bar first). The label draws these widths; `decode` reads them back.

/// The 107 symbols' six widths (bar, space, bar, space, bar, space), by value; 103–105 are the
/// start symbols. The stop symbol has a seventh element, its final bar.
const SYMBOLS: [&str; 106] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232",
];
const START_B: usize = 104;
const STOP: &str = "2331112";
/// Blank modules on each side, so a scanner finds where the symbol starts (ten at least).
pub const QUIET_ZONE: usize = 10;

fn widths(symbol: &str) -> impl Iterator<Item = u8> + '_ {
    symbol.bytes().map(|b| b - b'0')
}

/// The widths of `text` in code set B, start to stop. None when a character is outside
/// printable ASCII (a tracking number never is, once normalised).
pub fn encode(text: &str) -> Option<Vec<u8>> {
    let mut values = vec![START_B];
    for c in text.chars() {
        let code = u32::from(c);
        if !(32..=126).contains(&code) {
            return None;
        }
        values.push(code as usize - 32);
    }
    let check = values
        .iter()
        .enumerate()
        .map(|(i, v)| i.max(1) * v)
        .sum::<usize>()
        % 103;
    values.push(check);
    let mut out: Vec<u8> = values.iter().flat_map(|&v| widths(SYMBOLS[v])).collect();
    out.extend(widths(STOP));
    Some(out)
}

/// Reads widths (bar first, as [`encode`] gives them) back into text: the start symbol must be
/// B's, every symbol known, the check symbol right and the stop symbol last.
pub fn decode(widths_in: &[u8]) -> Option<String> {
    let stop: Vec<u8> = widths(STOP).collect();
    let body = widths_in.strip_suffix(stop.as_slice())?;
    if body.len() % 6 != 0 || body.len() < 12 {
        return None;
    }
    let mut values = Vec::new();
    for chunk in body.chunks(6) {
        let found = SYMBOLS
            .iter()
            .position(|s| widths(s).eq(chunk.iter().copied()))?;
        values.push(found);
    }
    let (&check, data) = values.split_last()?;
    if data.first() != Some(&START_B) {
        return None;
    }
    let sum: usize = data.iter().enumerate().map(|(i, v)| i.max(1) * v).sum();
    if sum % 103 != check || data[1..].iter().any(|&v| v > 94) {
        return None;
    }
    Some(
        data[1..]
            .iter()
            .map(|&v| char::from(v as u8 + 32))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_eleven_modules_and_the_stop_thirteen() {
        for s in SYMBOLS {
            assert_eq!(widths(s).map(usize::from).sum::<usize>(), 11, "{s}");
        }
        assert_eq!(widths(STOP).map(usize::from).sum::<usize>(), 13);
        let mut seen = SYMBOLS.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), SYMBOLS.len(), "each symbol is distinct");
    }

    #[test]
    fn tracking_numbers_round_trip_through_bar_widths() {
        for text in [
            "SB000000004201",
            "6A12345678901",
            "1Z999AA10123456784",
            "a-b c~",
        ] {
            let bars = encode(text).unwrap();
            assert_eq!(decode(&bars).as_deref(), Some(text));
        }
        // A known symbol: "PJJ123C" from the standard's worked example: (104 + 48 + 2·42 + 3·42 + 4·17 + 5·18 + 6·19 + 7·35) mod 103 = 55.
        let bars = encode("PJJ123C").unwrap();
        let check = &bars[bars.len() - 7 - 6..bars.len() - 7];
        assert_eq!(check, widths(SYMBOLS[55]).collect::<Vec<_>>().as_slice());
        assert_eq!(encode("é"), None);
    }

    #[test]
    fn a_damaged_symbol_does_not_read() {
        let mut bars = encode("SB000000004201").unwrap();
        bars.swap(7, 8);
        assert_eq!(decode(&bars), None);
    }
}
