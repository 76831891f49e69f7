//! Passphrase-protected links (`v1.e`) checked natively against the parameters the format fixes
//! (`share::PBKDF2_ITERATIONS`, `SALT_LEN`, `IV_LEN`, `KEY_BITS`). The page encrypts with
//! the browser's Web Crypto; here an independent implementation (RustCrypto's `pbkdf2` and
//! `aes-gcm`, dev-dependencies only) must open what the browser made, make what the core frames,
//! and refuse a wrong passphrase or a cut ciphertext, as the page does.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use overdue_core::share::{
    compressed_payload, decode, encode_encrypted, open_payload, Fragment, ShareScope, IV_LEN,
    KEY_BITS, PBKDF2_ITERATIONS, SALT_LEN,
};
use overdue_core::workspace::Workspace;

/// Made by the page (headless Chromium, Web Crypto) on 2026-11-23: a settings-only link of a
/// workspace whose sender company is "Fixture Trading Ltd 夹具贸易", protected with
/// [`PASSPHRASE`]. It must open for as long as `v1` links exist.
const BROWSER_LINK: &str = "v1.e.N0SiH5uqdkzpp7bwiCGvJQ.1OqjY6H3byLKyszb.dqJ42P9c9nreafwesllrTvZPXbO3tUHah848rZaLpqPVr6iZAgxeUjEE7BxecEvE2avr44sieqRHkSzVCdc7AsCiTVgf3NfTuhDTg0jDzQdqqwn9wE3cKyHFZgy0hDYf5_Uq0eSrY7pAfUjAKHcwsTXDyLzpxzZmyxVxm0iG1AQETQnJXjj9DebDZQNBI2lTp0hHG6YlqKU5fAk0coyoZPKrtp6nUYPbPiphO8Ds9-_7OW_gg22j22NoJNoHz8RpzCuV3cvQaNOm74vD5bDJ90hhQOY_GKTyP6bBvjQkOeAsmR4qkMVAmtGCrwQygHlCevHT4RihtHeIskqtrKK6IPobjfHA8kzm0uTw-_BNUosykRvj1Mqrg2yHM0Ti2Fo738dqnjkdwpex0VsmWEADyb9Cj6wjxDzsROkUtmIVhzRH7dQQz5ShW9lhRu_MlOZRnhobensNlcjzYagjL6m9v-43eVcXFylSLVB6r1G4EE1Fo_XlPHHnufs_UueAODU1eg2LPWCaTi5vsXH8ys6500oOfYIAUc33oX8jZrnURZ6bOjfeUCwi1sOpBYUQ7HRAIC2kF03kC0qwlp6Qguog8hbWJ_rBz0OVtUEfzUjqafH5yP7ppOTpHx1_FYNYZMphd7ogvZ9D05nUtQqHHzjl77zIbqyMqnENE8VDcKPZr2k3d0Pnbp3_TVa3jLABERj4iyo5RpsnhFLRIJoNFKaHgmFrMvP_pE_-LT3yO8X1l3g59nWdM_hX5jV6pLkW2BTK_ggYQN-7Pl_02Qtd6AIYWPmc0Nrk8xyN3Ongx7BAuW6jQQE0-7e68UZLVGaIfNfhLtHUnK0vfMafePc7UYlCofx1uuL-IGdMAGWxLiR7flUdeEkkc4YTp7t2MWuG8tPFw5MOA5tKAIHwGkNB0cc-WNdxelc14JNFEJ4zMjI3WZZIoFJ8uqGFU9KK90w6gk_lLWSbmwcTuCDkQoN2dQk3cDQZNlUGP7DLklOm39ND5xJ9vHXgrYOa02btNR3rDY4mZTB_9l5xuNYNphwKGpRm3Ufv07objdRxpeCIXs5dgak99T00ND5S9inwikMK1N6j8FwakFJOqJYYcdBdl8yEFPFohvg";
const PASSPHRASE: &str = "fixture passphrase 口令";

fn key(passphrase: &str, salt: &[u8]) -> Aes256Gcm {
    let mut key = [0u8; KEY_BITS as usize / 8];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, PBKDF2_ITERATIONS, &mut key);
    Aes256Gcm::new(&key.into())
}

fn sealed(link: &str) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    match decode(link) {
        Ok(Fragment::Encrypted {
            salt,
            iv,
            ciphertext,
        }) => (salt, iv, ciphertext),
        other => panic!("not an encrypted link: {other:?}"),
    }
}

fn open_with(key: &Aes256Gcm, link: &str) -> Option<Workspace> {
    let (_, iv, ciphertext) = sealed(link);
    let plain = key
        .decrypt(Nonce::from_slice(&iv), ciphertext.as_slice())
        .ok()?;
    Some(open_payload(&plain).expect("an authenticated payload is a workspace"))
}

fn open(link: &str, passphrase: &str) -> Option<Workspace> {
    open_with(&key(passphrase, &sealed(link).0), link)
}

#[test]
fn the_browsers_link_opens_with_its_passphrase_and_the_documented_parameters() {
    let (salt, iv, _) = sealed(BROWSER_LINK);
    assert_eq!((salt.len(), iv.len()), (SALT_LEN, IV_LEN));
    let workspace = open(BROWSER_LINK, PASSPHRASE).expect("the right passphrase opens it");
    assert_eq!(
        workspace.settings.letters.sender.company,
        "Fixture Trading Ltd 夹具贸易"
    );
    assert!(workspace.input.text.is_empty(), "a settings-only link");
}

#[test]
fn a_wrong_passphrase_opens_nothing() {
    // Each try derives a key the slow way (600,000 rounds, unoptimised in a test build): two.
    for wrong in ["", "fixture passphrase 口令 "] {
        assert!(open(BROWSER_LINK, wrong).is_none(), "{wrong:?}");
    }
}

#[test]
fn a_link_cut_inside_its_ciphertext_frames_but_never_authenticates() {
    // Cuts that keep a possible base64 length: decode() cannot tell them from a whole link;
    // only the authentication tag can, and it must.
    let key = key(PASSPHRASE, &sealed(BROWSER_LINK).0);
    assert!(open_with(&key, BROWSER_LINK).is_some());
    let mut framed = 0;
    for cut in 1..=60 {
        let link = &BROWSER_LINK[..BROWSER_LINK.len() - cut];
        if let Ok(Fragment::Encrypted { .. }) = decode(link) {
            framed += 1;
            assert!(open_with(&key, link).is_none(), "cut {cut}");
        }
    }
    assert!(framed > 10, "most cuts frame: {framed}");
}

#[test]
fn a_link_sealed_here_opens_as_the_workspace_it_carries() {
    let mut workspace = Workspace::default();
    workspace.input.text = "发票号\t客户\t到期日\t金额\nA1\t甲公司\t2025-01-31\t100".into();
    workspace.settings.terms_days = 60;
    let payload = compressed_payload(&workspace, ShareScope::SettingsAndData);
    let (salt, iv) = ([7u8; SALT_LEN], [9u8; IV_LEN]);
    let ciphertext = key("另一个口令", &salt)
        .encrypt(Nonce::from_slice(&iv), payload.as_slice())
        .unwrap();
    let link = encode_encrypted(&salt, &iv, &ciphertext);
    assert!(link.starts_with("v1.e."));
    assert_eq!(open(&link, "另一个口令"), Some(workspace));
    assert_eq!(open(&link, "另一个"), None);
}
