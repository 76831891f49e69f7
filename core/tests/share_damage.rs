//! Damaged, truncated and hostile links: always an error, never a panic, never a wrong
//! workspace; a zip bomb is refused without inflating it all.

use overdue_core::share::{
    decode, encode, encode_encrypted, open_payload, Fragment, ShareError, ShareScope, MAX_FRAGMENT,
    MAX_INFLATED,
};
use overdue_core::workspace::Workspace;

const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding, written independently of the module's encoder.
fn b64(bytes: &[u8]) -> String {
    let alphabet = ALPHABET.as_bytes();
    let mut bits = String::new();
    for byte in bytes {
        bits.push_str(&format!("{byte:08b}"));
    }
    while !bits.len().is_multiple_of(6) {
        bits.push('0');
    }
    bits.as_bytes()
        .chunks(6)
        .map(|six| {
            let index = usize::from_str_radix(std::str::from_utf8(six).unwrap(), 2).unwrap();
            char::from(alphabet[index])
        })
        .collect()
}

fn plain_link(payload: &[u8]) -> String {
    format!("v1.p.{}", b64(payload))
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

/// The short link every damage test works on: default settings, settings only.
fn short_link() -> String {
    encode(&Workspace::default(), ShareScope::SettingsOnly)
}

#[test]
fn the_independent_encoder_agrees() {
    let link = short_link();
    let payload =
        miniz_oxide::deflate::compress_to_vec_zlib(Workspace::default().to_json().as_bytes(), 9);
    assert_eq!(plain_link(&payload), link);
    assert!(matches!(decode(&link), Ok(Fragment::Plain(_))));
}

/// Every change of one character is an error, or — where deflate cannot see it — opens as
/// exactly the workspace that was sent: never as a different one. The invisible changes are
/// the unused bits that pad the end of the deflate stream, and a match whose distance changes
/// to an equally long identical stretch of JSON (the output, and so its Adler-32, is the same).
#[test]
fn every_single_character_change_is_an_error_or_changes_nothing() {
    let link = short_link();
    let sent = overdue_core::share::shareable(&Workspace::default(), ShareScope::SettingsOnly);
    let every: Vec<char> = ALPHABET.chars().chain(['.', '%', '~', '+', '/']).collect();
    let (mut tried, mut invisible) = (0, 0);
    for (position, original) in link.char_indices() {
        // Every replacement at the ends (header, zlib header, deflate padding, checksum); in
        // between, the neighbours in the alphabet, the other case and two outsiders, to keep
        // the debug-build test fast. The property tests change random characters too.
        let replacements = if position < 40 || position + 40 >= link.len() {
            every.clone()
        } else {
            let index = ALPHABET.find(original).unwrap_or(0);
            let at = |i: usize| ALPHABET.as_bytes()[i % 64] as char;
            vec![
                at(index + 1),
                at(index + 63),
                at(index + 26),
                at(index + 38),
                '.',
                '+',
            ]
        };
        for &replacement in &replacements {
            if replacement == original {
                continue;
            }
            let mut changed = link.clone();
            changed.replace_range(position..position + 1, &replacement.to_string());
            tried += 1;
            match decode(&changed) {
                Ok(Fragment::Plain(ws)) if ws == sent => invisible += 1,
                Ok(other) => panic!("{position}: {original} → {replacement} opened {other:?}"),
                Err(error) if position >= "v1.p.".len() => assert!(
                    matches!(error, ShareError::Damaged | ShareError::Truncated),
                    "{position}: {original} → {replacement}: {error:?}"
                ),
                Err(_) => {}
            }
        }
    }
    assert!(tried > 11_000, "{tried}");
    assert!(
        invisible * 100 < tried,
        "{invisible} of {tried} changes went unseen"
    );
}

#[test]
fn every_truncation_is_an_error() {
    let link = short_link();
    for cut in 0..link.len() {
        let expected = match cut {
            0 => ShareError::NotAShareLink,
            _ => ShareError::Truncated,
        };
        assert_eq!(decode(&link[..cut]), Err(expected), "cut at {cut}");
    }
    assert!(decode(&link).is_ok());
}

#[test]
fn every_deleted_or_inserted_character_is_an_error() {
    let link = short_link();
    for position in "v1.p.".len()..link.len() {
        let mut deleted = link.clone();
        deleted.remove(position);
        assert!(decode(&deleted).is_err(), "deleted at {position}");
        for inserted in ['A', '_', '9'] {
            let mut longer = link.clone();
            longer.insert(position, inserted);
            assert!(
                decode(&longer).is_err(),
                "{inserted} inserted at {position}"
            );
        }
    }
}

#[test]
fn a_cut_encrypted_link_never_opens_as_something_else() {
    // The core cannot see a cut inside the ciphertext (AES-GCM's tag check in the shell does):
    // every cut is an error, or the same salt and IV with a shorter ciphertext.
    let (salt, iv, ciphertext) = ([7u8; 16], [9u8; 12], (0..=255).collect::<Vec<u8>>());
    let link = encode_encrypted(&salt, &iv, &ciphertext);
    for cut in 0..link.len() {
        match decode(&link[..cut]) {
            Err(_) => {}
            Ok(Fragment::Encrypted {
                salt: s,
                iv: i,
                ciphertext: c,
            }) => {
                assert_eq!((s.as_slice(), i.as_slice()), (&salt[..], &iv[..]));
                assert!(c.len() >= 16 && c.len() < ciphertext.len() && ciphertext.starts_with(&c));
            }
            Ok(other) => panic!("cut at {cut} opened as {other:?}"),
        }
    }
}

#[test]
fn what_inflates_must_be_a_workspace() {
    assert_eq!(
        decode(&plain_link(&zlib(b"not json"))),
        Err(ShareError::Damaged)
    );
    assert_eq!(
        decode(&plain_link(&zlib(&[0xff, 0xfe, b'{', b'}']))),
        Err(ShareError::Damaged),
        "not UTF-8"
    );
    assert_eq!(
        decode(&plain_link(&zlib(
            br#"{"version":1,"settings":{"terms_days":"x"}}"#
        ))),
        Err(ShareError::Damaged),
        "wrong type"
    );
    assert_eq!(
        decode(&plain_link(&zlib(br#"{"version":99}"#))),
        Err(ShareError::NewerVersion(99)),
        "a newer workspace inside a v1 link"
    );
    // Nesting deep enough to overflow a recursive parser's stack: refused by the shape check
    // before any parser sees it (issue 20).
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    assert_eq!(
        decode(&plain_link(&zlib(deep.as_bytes()))),
        Err(ShareError::TooComplex)
    );
    // Raw deflate without the zlib header, and garbage bytes.
    let raw = miniz_oxide::deflate::compress_to_vec(b"{}", 6);
    assert_eq!(decode(&plain_link(&raw)), Err(ShareError::Damaged));
    assert_eq!(
        decode(&plain_link(&[0x12, 0x34, 0x56, 0x78, 0x9a])),
        Err(ShareError::Damaged)
    );
}

/// Deflate's bits go least significant first; Huffman codes most significant first.
struct BitWriter {
    bytes: Vec<u8>,
    bit: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.bit == 0 {
                self.bytes.push(0);
            }
            if value >> i & 1 == 1 {
                *self.bytes.last_mut().unwrap() |= 1 << self.bit;
            }
            self.bit = (self.bit + 1) % 8;
        }
    }

    fn code(&mut self, code: u32, length: u32) {
        for i in (0..length).rev() {
            self.bits(code >> i & 1, 1);
        }
    }
}

/// A zlib stream that inflates to `repeats × 258 + 1` bytes of `a` in fixed-Huffman matches of
/// length 258, distance 1: about 13 bits per 258 bytes.
fn zip_bomb(repeats: usize) -> Vec<u8> {
    let mut w = BitWriter {
        bytes: vec![0x78, 0x01],
        bit: 0,
    };
    w.bits(1, 1); // final block
    w.bits(1, 2); // fixed Huffman codes
    w.code(0x30 + u32::from(b'a'), 8); // literal 'a'
    for _ in 0..repeats {
        w.code(0b1100_0101, 8); // length code 285: 258 bytes
        w.code(0, 5); // distance code 0: distance 1
    }
    w.code(0, 7); // end of block
    w.bytes.extend_from_slice(&[0, 0, 0, 0]); // Adler-32 (never reached)
    w.bytes
}

#[test]
fn a_small_bomb_is_an_ordinary_damaged_payload() {
    // The same construction under the limit inflates fine and fails only as JSON: so the
    // refusal below is the limit, not a badly built stream.
    let bomb = zip_bomb(1_000);
    assert_eq!(open_payload(&bomb), Err(ShareError::Damaged));
    let error = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bomb, usize::MAX)
        .expect_err("the dummy checksum");
    assert_eq!(
        error.status,
        miniz_oxide::inflate::TINFLStatus::Adler32Mismatch
    );
    let expected = 1_000 * 258 + 1;
    assert!(error.output.len() >= expected);
    assert!(error.output[..expected].iter().all(|&b| b == b'a'));
}

#[test]
fn a_zip_bomb_is_refused() {
    let repeats = MAX_INFLATED / 258 + 1_000;
    let bomb = zip_bomb(repeats);
    assert!(bomb.len() < 600_000, "{} bytes", bomb.len());
    assert_eq!(open_payload(&bomb), Err(ShareError::TooLarge));
    assert_eq!(decode(&plain_link(&bomb)), Err(ShareError::TooLarge));
}

#[test]
fn an_absurdly_long_fragment_is_refused_unread() {
    let huge = format!("v1.p.{}", "A".repeat(MAX_FRAGMENT));
    assert_eq!(decode(&huge), Err(ShareError::TooLarge));
}

#[test]
fn odd_text_is_an_error_not_a_panic() {
    for text in [
        "%",
        "%2",
        "%%",
        "#%0",
        "v1.p.%",
        "v1.p.é",
        "v1.p.\u{0}",
        "v1.e.%0A",
        "v1.p.====",
        "v1.p.A",
        "v1.p.AA",
        "v1.p.AAA",
        "v1.e...",
        "v1.e.A.A.A",
        "#####",
        "v1.p.#v1.p.",
        "v１.p.AAAA",
        "v1.p.eNo",
        "&v1.p.AAAA",
        "v1.p.AAAA&",
        "?",
    ] {
        assert!(decode(text).is_err(), "{text:?}");
    }
}
