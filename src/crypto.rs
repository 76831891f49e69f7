//! Passphrase protection of share links with the browser's Web Crypto: AES-256-GCM under a key
//! from PBKDF2-HMAC-SHA-256 over the passphrase and a random salt. The parameters belong to the
//! link format and live with it in `overdue_core::share`; this module only calls the browser.

use js_sys::{Array, Uint8Array};
use overdue_core::share::{IV_LEN, KEY_BITS, PBKDF2_ITERATIONS, SALT_LEN};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// No Web Crypto here: the page was opened over plain http from another machine (browsers
    /// offer `crypto.subtle` only to secure pages), or the browser is too old.
    Unavailable,
    /// Authentication failed: a wrong passphrase, or a link cut inside its ciphertext — GCM
    /// cannot tell the two apart.
    WrongPassphraseOrIncomplete,
}

/// A protected link's parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

fn subtle() -> Result<(web_sys::Crypto, SubtleCrypto), CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)?;
    let subtle = crypto.subtle();
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(CryptoError::Unavailable);
    }
    Ok((crypto, subtle))
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

async fn derive_key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    usage: &str,
) -> Result<CryptoKey, JsValue> {
    let material = Uint8Array::from(passphrase.as_bytes());
    let base: CryptoKey = call(subtle.import_key_with_str(
        "raw",
        &material,
        "PBKDF2",
        false,
        &Array::of1(&"deriveKey".into()),
    ))
    .await?
    .dyn_into()?;
    let params = Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        PBKDF2_ITERATIONS,
        &Uint8Array::from(salt),
    );
    let aes = AesDerivedKeyParams::new("AES-GCM", u32::from(KEY_BITS));
    call(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &aes,
        false,
        &Array::of1(&usage.into()),
    ))
    .await?
    .dyn_into()
}

/// Encrypts `payload` under `passphrase` with a fresh random salt and nonce.
pub async fn seal(passphrase: &str, payload: &[u8]) -> Result<Sealed, CryptoError> {
    let (crypto, subtle) = subtle()?;
    let mut salt = vec![0u8; SALT_LEN];
    let mut iv = vec![0u8; IV_LEN];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(|_| CryptoError::Unavailable)?;
    crypto
        .get_random_values_with_u8_array(&mut iv)
        .map_err(|_| CryptoError::Unavailable)?;
    let key = derive_key(&subtle, passphrase, &salt, "encrypt")
        .await
        .map_err(|_| CryptoError::Unavailable)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let ciphertext = call(subtle.encrypt_with_object_and_u8_array(&params, &key, payload))
        .await
        .map_err(|_| CryptoError::Unavailable)?;
    Ok(Sealed {
        salt,
        iv,
        ciphertext: Uint8Array::new(&ciphertext).to_vec(),
    })
}

/// Decrypts a protected link's ciphertext.
pub async fn open(passphrase: &str, sealed: &Sealed) -> Result<Vec<u8>, CryptoError> {
    let (_, subtle) = subtle()?;
    let key = derive_key(&subtle, passphrase, &sealed.salt, "decrypt")
        .await
        .map_err(|_| CryptoError::Unavailable)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(sealed.iv.as_slice()));
    let plain = call(subtle.decrypt_with_object_and_u8_array(&params, &key, &sealed.ciphertext))
        .await
        .map_err(|_| CryptoError::WrongPassphraseOrIncomplete)?;
    Ok(Uint8Array::new(&plain).to_vec())
}
