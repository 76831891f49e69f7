//! Share links (issue 6): the workspace carried in the URL fragment (after `#`), compressed and
//! versioned. The fragment never reaches a server, so neither does what it carries.
//!
//! # Interface
//!
//! ```text
//! pub enum ShareScope { SettingsOnly, SettingsAndData }
//! pub fn shareable(workspace: &Workspace, scope: ShareScope) -> Workspace
//! pub fn encode(workspace: &Workspace, scope: ShareScope) -> String           // "v1.p.…"
//! pub fn compressed_payload(workspace: &Workspace, scope: ShareScope) -> Vec<u8>
//! pub fn encode_encrypted(salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> String // "v1.e.…"
//! pub fn encode_with_snapshots(workspace, scope, snapshots: Option<&Snapshots>) -> String
//! pub fn compressed_payload_with_snapshots(workspace, scope, snapshots) -> Vec<u8>
//! pub fn snapshots_fit(workspace, snapshots) -> bool; pub fn snapshots_link_chars(snapshots)
//! // The page compresses with the browser's zlib instead (no deflate compressor in its Wasm):
//! pub fn payload_json(workspace, scope, snapshots) -> String      // what is compressed
//! pub fn encode_payload(zlib: &[u8]) -> String                    // "v1.p.…"
//! pub fn zlib_stored(bytes: &[u8]) -> Vec<u8>   // zlib without compression, where no browser zlib
//! pub fn link_chars(compressed_len: usize) -> usize
//! pub fn decode(fragment: &str) -> Result<Fragment, ShareError>
//! pub fn decode_in_full(fragment: &str) -> Result<Fragment<Opened>, ShareError>
//! pub fn open_payload(bytes: &[u8]) -> Result<Workspace, ShareError>
//! pub fn open_payload_in_full(bytes: &[u8]) -> Result<Opened, ShareError>
//! pub enum Fragment<T = Workspace> { Plain(T), Encrypted { salt, iv, ciphertext } }
//! pub struct Opened { workspace, snapshots, clamped }   // what the link held, what was clamped
//! pub enum ShareError { NotAShareLink, UnknownVersion(String), Damaged, Truncated,
//!                       TooLarge, TooComplex, TooMuchText, NewerVersion(u32) }
//!                                                  // .describe(lang) in 中文 / English
//! pub fn json_shape(json: &[u8]) -> JsonShape     // depth and value count, before parsing
//! pub const LONG_LINK: usize = 8_000;
//! pub fn is_long(fragment: &str, base_url_len: usize) -> bool
//! ```
//!
//! # Format (version 1)
//!
//! ```text
//! plain:     v1.p.<payload>
//! encrypted: v1.e.<salt>.<iv>.<ciphertext>
//! payload    = base64url(zlib(json))      json = Workspace::to_json of shareable(…)
//!              (a data link may add one top-level key, "snapshots": {"list": [Snapshot…]},
//!              when the sender ticked them; without it the JSON is exactly the workspace's)
//! ciphertext = AES-256-GCM(key, iv, payload), key = PBKDF2-HMAC-SHA-256(passphrase, salt,
//!              600 000 iterations); salt 16 and iv 12 random bytes; done by the shell
//! ```
//!
//! `base64url` is RFC 4648 §5 without padding. `zlib` is RFC 1950 (deflate with a 2-byte header
//! and an Adler-32 checksum of the JSON), so a changed character is caught even in a plain link,
//! which has no other integrity check. The only changes that open are those deflate cannot see
//! because the JSON comes out identical (the unused bits padding the end of the stream, or a
//! match distance changed to an identical stretch): such a link opens as exactly what was sent. The leading `v1` is the *link format* version; the JSON
//! inside carries the *workspace* version and goes through [`Workspace::from_json`], so an old
//! workspace is migrated exactly as local storage is. A future format keeps the reader for `v1`
//! (the literal v1 fixtures in `core/tests/share_*.rs` make sure of it).
//!
//! # What each scope carries
//!
//! * [`ShareScope::SettingsAndData`]: the whole workspace — pasted text and its mapping, every
//!   setting including the as-of date, and the annotations.
//! * [`ShareScope::SettingsOnly`]: settings for a colleague or another device — buckets, terms,
//!   currency, language, the charge rule, the playbook, letter templates and defaults, and the
//!   **sender profile, bank name and account included** (the issue lists the sender profile among
//!   what is carried; the shell should say so next to the button). Left out: the pasted text and
//!   its mapping, the annotations, the as-of date, and everything keyed by a customer name — the
//!   customers' addresses (`letters.customers`) and per-customer charge overrides
//!   (`charges.per_customer`) — because they tell who owes the user money, which is data.
//! * Kept snapshots of the weekly review travel only in a data link, and only when the sender
//!   ticks them ([`encode_with_snapshots`]); a settings-only link never carries them, and
//!   snapshots found in one are not opened.
//!
//! # Encryption (done by the shell)
//!
//! The shell encrypts [`compressed_payload`] with Web Crypto (AES-GCM, key from PBKDF2 over the
//! passphrase and a random salt, random IV) and frames the result with [`encode_encrypted`]; on
//! opening, [`decode`] returns [`Fragment::Encrypted`], the shell decrypts and passes the plain
//! bytes to [`open_payload`]. The passphrase is never in the link. The core checks the framing
//! only: salt and IV present, ciphertext at least one GCM tag (16 bytes) long. A link cut inside
//! the ciphertext can still frame correctly; GCM then fails to authenticate, which the shell
//! cannot tell from a wrong passphrase ("wrong passphrase, or the link is incomplete").
//!
//! # What `decode` tolerates (decided)
//!
//! * a leading `#`, or a whole address: everything up to the first `#` is dropped;
//! * whitespace and line breaks anywhere (mail clients wrap long links), zero-width spaces and
//!   soft hyphens, and percent-encoded whitespace (`%20`, `%0A`, `%0D`, `%09`), as a browser
//!   shows a fragment that had spaces in it;
//! * junk appended after `&` or `?` (tracking parameters tacked onto the end of the address):
//!   neither character is in the link alphabet, so everything from the first one is ignored;
//! * `=` padding at the end of a base64url segment.
//!
//! Anything else that is not in the alphabet is [`ShareError::Damaged`]. A link cut short is
//! [`ShareError::Truncated`] where that can be told (a missing part, an impossible base64 length,
//! a compressed stream that ends early).
//!
//! # Limits
//!
//! A link carries at most what the share panel makes, with margin (issue 20). The panel makes no
//! data link past 2 MB of pasted text (`MAX_DATA_FOR_LINK` in the shell), whose JSON is at
//! most about 4 MB (tabs and line breaks are escaped as two characters). So:
//!
//! * a fragment longer than [`MAX_FRAGMENT`] (4 MiB) is refused before anything is decoded;
//! * inflation stops at [`MAX_INFLATED`] (8 MiB), so a "zip bomb" is [`ShareError::TooLarge`];
//! * before any parse, a single pass over the JSON bytes ([`json_shape`]) refuses nesting
//!   deeper than [`MAX_JSON_DEPTH`] or more than [`MAX_JSON_ELEMENTS`] values
//!   ([`ShareError::TooComplex`]);
//! * the JSON is deserialised straight into the workspace type (a version probe first that
//!   skips everything else), never into a generic JSON value, so an unknown field full of
//!   empty arrays costs time, not memory;
//! * pasted text over [`MAX_LINK_TEXT`] is [`ShareError::TooMuchText`];
//! * every number is then range-checked by [`crate::limits::sanitize`], so a link cannot carry
//!   terms of 10^11 days or a year 30000 into the arithmetic; what it changed is returned
//!   ([`Opened::clamped`]) so that the page says so before the user accepts (issue 20);
//! * snapshots: at most [`crate::review::snapshot::MAX_SNAPSHOTS`], at most
//!   [`crate::review::shared::MAX_SHARED_SNAPSHOT_INVOICES`] invoices in all, each checked by
//!   [`crate::review::shared::bounded`] (dates, amounts, text lengths); each one left out is
//!   listed with the clamped values.
//!
//! Nothing here panics on any input; `core/tests/hostile_links.rs` measures the bounds.
//!
//! # Opening someone else's link
//!
//! A link is untrusted input: a settings link can replace the letter templates and the sender's
//! bank account (payment-redirection fraud). The shell should show what a link changes — the
//! bank details above all — and ask before applying it.

use std::fmt;

use miniz_oxide::inflate::TINFLStatus;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::limits::{Clamped, Shown, SnapshotWhy};
use crate::review::shared::{self, MAX_SHARED_SNAPSHOT_INVOICES};
use crate::review::snapshot::{ReadError, Snapshots};
use crate::workspace::{Input, LoadError, Workspace, CURRENT_VERSION};

/// The link format version written by [`encode`] and [`encode_encrypted`].
pub const FORMAT_VERSION: u32 = 1;

/// The page warns when the whole link (address, `#` and fragment) is longer than this.
pub const LONG_LINK: usize = 8_000;

/// The most a link may inflate to (8 MiB, twice the JSON of the biggest data link the share
/// panel makes); beyond it the link is [`ShareError::TooLarge`].
pub const MAX_INFLATED: usize = 8 * 1024 * 1024;

/// The longest fragment [`decode`] looks at (4 MiB); Chromium refuses addresses over 2 MB.
pub const MAX_FRAGMENT: usize = 4 * 1024 * 1024;

/// The deepest nesting of arrays and objects in a link's JSON (a workspace needs 5).
pub const MAX_JSON_DEPTH: usize = 32;

/// The most JSON values (arrays, objects, strings, numbers, literals) in a link: a workspace
/// with annotations on 50,000 invoices has about 500,000.
pub const MAX_JSON_ELEMENTS: usize = 1_000_000;

/// The most pasted text a link may carry (twice what the share panel puts in one).
pub const MAX_LINK_TEXT: usize = 4_000_000;

/// AES-GCM's authentication tag: no ciphertext from the shell is shorter.
const GCM_TAG_LEN: usize = 16;

/// The key of a `v1.e` link: PBKDF2-HMAC-SHA-256 over the passphrase (UTF-8) with this many
/// iterations (OWASP's 2023 figure for this hash) and a random salt of [`SALT_LEN`] bytes,
/// giving an AES-256-GCM key; the nonce is [`IV_LEN`] random bytes. Fixed by the format: a
/// stronger setting needs a new link version, with `v1` still read as it is.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
pub const SALT_LEN: usize = 16;
pub const IV_LEN: usize = 12;
pub const KEY_BITS: u16 = 256;

/// Best compression: links should be short, and the JSON is small.
const COMPRESSION_LEVEL: u8 = 9;

/// What a link carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShareScope {
    /// Settings (with the sender profile), no pasted invoices, no annotations, no customer names.
    SettingsOnly,
    /// The whole workspace.
    SettingsAndData,
}

/// What [`decode`] found in a fragment.
// One value per opened link: the size of the unboxed workspace costs nothing, and matching on
// `Fragment::Plain(workspace)` stays as the interface was agreed.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Fragment<T = Workspace> {
    /// A plain link, opened and migrated ([`decode`]: the workspace; [`decode_in_full`]: all
    /// of [`Opened`]).
    Plain(T),
    /// A passphrase-protected link: decrypt `ciphertext` (AES-GCM, key from PBKDF2 with `salt`,
    /// nonce `iv`), then [`open_payload`] the plain bytes.
    Encrypted {
        salt: Vec<u8>,
        iv: Vec<u8>,
        ciphertext: Vec<u8>,
    },
}

impl<T> Fragment<T> {
    /// The same fragment with its plain content mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fragment<U> {
        match self {
            Fragment::Plain(content) => Fragment::Plain(f(content)),
            Fragment::Encrypted {
                salt,
                iv,
                ciphertext,
            } => Fragment::Encrypted {
                salt,
                iv,
                ciphertext,
            },
        }
    }
}

/// Everything a link held, once checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opened {
    /// The workspace, migrated and sanitized.
    pub workspace: Workspace,
    /// The sender's kept snapshots, when they ticked them (a data link only), bounded.
    pub snapshots: Snapshots,
    /// What was brought into range or left out on the way (`limits::sanitize`, then the
    /// snapshots'): the page lists it in the link's review, before the user accepts.
    pub clamped: Vec<Clamped>,
}

/// Why a fragment could not be opened. [`ShareError::describe`] says it to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Empty, or not shaped like a share link at all (e.g. an ordinary `#section` anchor): the
    /// shell should ignore the fragment silently.
    NotAShareLink,
    /// Shaped like a share link, but of a version or kind this page never wrote (e.g. `v0`,
    /// `v1.z`). Carries the version part as found.
    UnknownVersion(String),
    /// Characters changed or added: not in the alphabet, wrong checksum, not a workspace.
    Damaged,
    /// The link was cut short.
    Truncated,
    /// More than [`MAX_FRAGMENT`] characters, or inflates to more than [`MAX_INFLATED`] bytes.
    TooLarge,
    /// JSON nested deeper than [`MAX_JSON_DEPTH`] or with more than [`MAX_JSON_ELEMENTS`]
    /// values: no workspace the page writes looks like that.
    TooComplex,
    /// Pasted text over [`MAX_LINK_TEXT`] bytes.
    TooMuchText,
    /// Written by a newer version of the page (link format or workspace version).
    NewerVersion(u32),
}

impl ShareError {
    /// The message for the user.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ShareError::NotAShareLink => lang
                .pick(
                    "这不是逾期账款助手的分享链接。",
                    "This is not an Overdue share link.",
                )
                .to_string(),
            ShareError::UnknownVersion(version) => match lang {
                Lang::Zh => format!(
                    "无法识别这个分享链接的格式（{version}）。它可能来自别的网站，或者已经损坏。"
                ),
                Lang::En => format!(
                    "This share link's format ({version}) is not one this page knows. It may \
                     come from another site, or be damaged."
                ),
            },
            ShareError::Damaged => lang
                .pick(
                    "分享链接已损坏：其中有字符被改动或多出。请让对方重新复制完整的链接发给您。",
                    "The share link is damaged: some characters were changed or added. Ask the \
                     sender to copy the whole link and send it again.",
                )
                .to_string(),
            ShareError::Truncated => lang
                .pick(
                    "分享链接不完整，可能在复制或发送时被截断了。请复制完整的链接，或让对方重新发送。",
                    "The share link is incomplete; it was probably cut off when it was copied or \
                     sent. Copy the whole link, or ask the sender to send it again.",
                )
                .to_string(),
            ShareError::TooLarge => lang
                .pick(
                    "分享链接的内容太大（解压后超过 8 MB），无法打开。本页生成的链接不会这么大。",
                    "The share link holds too much to open (more than 8 MB once unpacked). No \
                     link this page makes is that large.",
                )
                .to_string(),
            ShareError::TooComplex => lang
                .pick(
                    "分享链接的内容结构异常（嵌套过深或条目过多），不是本页生成的，未打开。",
                    "The share link's contents are not shaped like anything this page makes \
                     (nested too deep, or too many entries), so it was not opened.",
                )
                .to_string(),
            ShareError::TooMuchText => lang
                .pick(
                    "分享链接中的台账数据超过 4 MB，无法打开。请让对方直接发送文件。",
                    "The share link carries more than 4 MB of ledger data, too much to open. Ask \
                     the sender for the file instead.",
                )
                .to_string(),
            ShareError::NewerVersion(version) => match lang {
                Lang::Zh => format!(
                    "这个链接由更新版本的逾期账款助手生成（版本 {version}）。请刷新页面获取最新版本后再打开。"
                ),
                Lang::En => format!(
                    "This link was made by a newer version of Overdue (version {version}). \
                     Reload the page to get the latest version, then open the link again."
                ),
            },
        }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ShareError {}

/// What goes into a link of `scope`: for [`ShareScope::SettingsOnly`] the input, annotations,
/// as-of date, customer addresses, per-customer charge overrides and per-customer credit
/// (limits, holds) are cleared.
pub fn shareable(workspace: &Workspace, scope: ShareScope) -> Workspace {
    match scope {
        ShareScope::SettingsAndData => {
            let mut shared = workspace.clone();
            shared.version = CURRENT_VERSION;
            shared
        }
        ShareScope::SettingsOnly => {
            // Built field by field so that a big paste is never cloned only to be dropped.
            let mut settings = workspace.settings.clone();
            settings.as_of = None;
            settings.letters.customers.clear();
            settings.charges.per_customer.clear();
            settings.credit.customers.clear();
            Workspace {
                version: CURRENT_VERSION,
                input: Input::default(),
                settings,
                annotations: Default::default(),
                contacts: Default::default(),
                letters_sent: Default::default(),
                evidence: Default::default(),
            }
        }
    }
}

/// The zlib-compressed JSON of [`shareable`]: what a plain link carries in base64url, and what
/// the shell encrypts for a protected one.
pub fn compressed_payload(workspace: &Workspace, scope: ShareScope) -> Vec<u8> {
    compressed_payload_with_snapshots(workspace, scope, None)
}

/// A link's JSON with the snapshots beside the workspace's fields. Serialising through
/// `flatten` writes the workspace's fields exactly as `Workspace::to_json` does.
#[derive(Serialize)]
struct WithSnapshots<'a> {
    #[serde(flatten)]
    workspace: &'a Workspace,
    snapshots: &'a Snapshots,
}

/// Reads only the `snapshots` key of a link's JSON, skipping everything else unbuilt.
#[derive(Deserialize)]
struct SnapshotsProbe {
    #[serde(default)]
    snapshots: Snapshots,
}

/// [`compressed_payload`], with `snapshots` in it when given, not empty and the scope is a data
/// link (a settings-only link never carries them).
pub fn compressed_payload_with_snapshots(
    workspace: &Workspace,
    scope: ShareScope,
    snapshots: Option<&Snapshots>,
) -> Vec<u8> {
    let json = payload_json(workspace, scope, snapshots);
    miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), COMPRESSION_LEVEL)
}

/// The JSON a link carries before it is compressed: [`shareable`]'s, with `snapshots` beside it
/// as [`compressed_payload_with_snapshots`] says. The page compresses it with the browser's own
/// zlib (`CompressionStream("deflate")`) and frames it with [`encode_payload`], so that its
/// Wasm carries no deflate compressor (docs/size.md); native code and tests use [`encode`].
pub fn payload_json(
    workspace: &Workspace,
    scope: ShareScope,
    snapshots: Option<&Snapshots>,
) -> String {
    let shared = shareable(workspace, scope);
    match snapshots {
        Some(snapshots) if scope == ShareScope::SettingsAndData && !snapshots.is_empty() => {
            serde_json::to_string(&WithSnapshots {
                workspace: &shared,
                snapshots,
            })
            .unwrap_or_default()
        }
        _ => shared.to_json(),
    }
}

/// `bytes` as zlib (RFC 1950) without compression: stored deflate blocks (RFC 1951 §3.2.4) of
/// at most 65,535 bytes and the Adler-32 of `bytes`. Where the browser has no
/// `CompressionStream` (Safari before 16.4, Firefox before 113) the page still makes a link
/// that every reader of `v1` opens, only longer.
pub fn zlib_stored(bytes: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = u16::MAX as usize;
    let blocks = bytes.len().div_ceil(MAX_BLOCK).max(1);
    let mut out = Vec::with_capacity(bytes.len() + 5 * blocks + 6);
    // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: no dictionary, "fastest" level, and
    // (0x78 << 8 | 0x01) is a multiple of 31 as the header check requires.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut chunks = bytes.chunks(MAX_BLOCK).peekable();
    if chunks.peek().is_none() {
        // An empty input is one final, empty stored block.
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        // BFINAL in bit 0, BTYPE 00 (stored) in bits 1-2; the rest of the byte is padding.
        out.push(u8::from(last));
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&adler32(bytes).to_be_bytes());
    out
}

/// Adler-32 (RFC 1950 §8.2): zlib's checksum of the uncompressed bytes.
fn adler32(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    // 5,552 bytes is the most that can be summed before `b` could overflow a u32 (zlib's NMAX).
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in bytes.chunks(5_552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// Whether `snapshots` can travel in a data link of `workspace`: what [`open_payload_in_full`]
/// takes (count, invoices in all) and, with the workspace's JSON, within [`MAX_INFLATED`].
pub fn snapshots_fit(workspace: &Workspace, snapshots: &Snapshots) -> bool {
    let invoices: usize = snapshots.list.iter().map(|s| s.invoices.len()).sum();
    let json = shareable(workspace, ShareScope::SettingsAndData)
        .to_json()
        .len()
        + snapshots.to_json().len()
        + r#","snapshots":"#.len();
    snapshots.list.len() <= crate::review::snapshot::MAX_SNAPSHOTS
        && invoices <= MAX_SHARED_SNAPSHOT_INVOICES
        && json <= MAX_INFLATED
}

/// About how many characters `snapshots` add to a data link: their JSON compressed, in
/// base64url (compressed with the rest of the link it is a little less).
pub fn snapshots_link_chars(snapshots: &Snapshots) -> usize {
    let json = snapshots.to_json();
    link_chars(miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), COMPRESSION_LEVEL).len())
}

/// The fragment (without `#`) of a plain link: `v1.p.<base64url(zlib(json))>`.
pub fn encode(workspace: &Workspace, scope: ShareScope) -> String {
    encode_with_snapshots(workspace, scope, None)
}

/// [`encode`], carrying `snapshots` in a data link (see [`compressed_payload_with_snapshots`]).
pub fn encode_with_snapshots(
    workspace: &Workspace,
    scope: ShareScope,
    snapshots: Option<&Snapshots>,
) -> String {
    encode_payload(&compressed_payload_with_snapshots(
        workspace, scope, snapshots,
    ))
}

/// The fragment (without `#`) of a plain link carrying `payload`, the zlib of a link's JSON
/// ([`payload_json`]) however it was compressed: `v1.p.<base64url(payload)>`.
pub fn encode_payload(payload: &[u8]) -> String {
    let mut out = String::with_capacity(8 + payload.len().div_ceil(3) * 4);
    out.push_str(&format!("v{FORMAT_VERSION}.p."));
    base64url_into(payload, &mut out);
    out
}

/// How many characters of a link `compressed` bytes take (base64url, unpadded).
pub fn link_chars(compressed: usize) -> usize {
    compressed.div_ceil(3) * 4
}

/// The fragment (without `#`) of a protected link:
/// `v1.e.<base64url(salt)>.<base64url(iv)>.<base64url(ciphertext)>`.
pub fn encode_encrypted(salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> String {
    let mut out = String::with_capacity(8 + (salt.len() + iv.len() + ciphertext.len()) * 4 / 3 + 8);
    out.push_str(&format!("v{FORMAT_VERSION}.e."));
    base64url_into(salt, &mut out);
    out.push('.');
    base64url_into(iv, &mut out);
    out.push('.');
    base64url_into(ciphertext, &mut out);
    out
}

/// Inflates (at most [`MAX_INFLATED`] bytes), parses and migrates a payload: a plain link's
/// bytes, or a protected link's after the shell decrypted them.
pub fn open_payload(bytes: &[u8]) -> Result<Workspace, ShareError> {
    open_payload_in_full(bytes).map(|opened| opened.workspace)
}

/// [`open_payload`], with the link's snapshots and the list of what was clamped.
pub fn open_payload_in_full(bytes: &[u8]) -> Result<Opened, ShareError> {
    if bytes.is_empty() {
        return Err(ShareError::Truncated);
    }
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(bytes, MAX_INFLATED)
        .map_err(|error| match error.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                ShareError::Truncated
            }
            _ => ShareError::Damaged,
        })?;
    let shape = json_shape(&json);
    if shape.depth > MAX_JSON_DEPTH || shape.elements > MAX_JSON_ELEMENTS {
        return Err(ShareError::TooComplex);
    }
    let json = std::str::from_utf8(&json).map_err(|_| ShareError::Damaged)?;
    let workspace = Workspace::from_json(json).map_err(|error| match error {
        LoadError::Damaged(_) => ShareError::Damaged,
        LoadError::TooNew(version) => ShareError::NewerVersion(version),
    })?;
    if workspace.input.text.len() > MAX_LINK_TEXT {
        return Err(ShareError::TooMuchText);
    }
    let probe: SnapshotsProbe = serde_json::from_str(json).map_err(|_| ShareError::Damaged)?;
    let (workspace, mut clamped) = crate::limits::sanitize(workspace);
    let snapshots = if probe.snapshots.is_empty() {
        Snapshots::default()
    } else if crate::share_review::scope_of(&workspace) == ShareScope::SettingsOnly {
        clamped.push(Clamped {
            field: "snapshots".to_string(),
            was: Shown::Snapshot(SnapshotWhy::InSettingsLink(probe.snapshots.list.len())),
            now: Shown::NotOpened,
        });
        Snapshots::default()
    } else {
        let (snapshots, left_out) = shared::bounded(probe.snapshots, MAX_SHARED_SNAPSHOT_INVOICES)
            .map_err(|error| match error {
                ReadError::NewerVersion(version) => ShareError::NewerVersion(version),
                ReadError::TooLarge => ShareError::TooLarge,
                ReadError::Invalid(_) => ShareError::Damaged,
            })?;
        clamped.extend(left_out);
        snapshots
    };
    Ok(Opened {
        workspace,
        snapshots,
        clamped,
    })
}

/// How deep and how big a JSON text is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonShape {
    /// Deepest nesting of arrays and objects (0 for a lone number or string).
    pub depth: usize,
    /// Values of any kind, counted where they start, keys included: a cheap upper bound of
    /// what a parser would build.
    pub elements: usize,
}

/// Measures `json` in one pass without parsing it, so that a link's shape is known before any
/// parser allocates for it. Not a validator: on malformed input the counts are still bounded
/// by the input's length, and the parser then refuses it.
pub fn json_shape(json: &[u8]) -> JsonShape {
    let mut shape = JsonShape::default();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    // Inside a number or a literal (`true`, `null`), so that each counts once.
    let mut in_scalar = false;
    for &byte in json {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        let starts_scalar = byte.is_ascii_alphanumeric() || byte == b'-';
        if starts_scalar && !in_scalar {
            shape.elements += 1;
        }
        in_scalar = starts_scalar || (in_scalar && matches!(byte, b'.' | b'+'));
        match byte {
            b'"' => {
                in_string = true;
                shape.elements += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                shape.depth = shape.depth.max(depth);
                shape.elements += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    shape
}

/// Reads a fragment (with or without `#`, or a whole address). See the module documentation
/// for what is tolerated.
pub fn decode(fragment: &str) -> Result<Fragment, ShareError> {
    decode_in_full(fragment).map(|fragment| fragment.map(|opened| opened.workspace))
}

/// [`decode`], keeping all of what a plain link held ([`Opened`]).
pub fn decode_in_full(fragment: &str) -> Result<Fragment<Opened>, ShareError> {
    if fragment.len() > MAX_FRAGMENT {
        return Err(ShareError::TooLarge);
    }
    let cleaned = clean(fragment);
    let text = cleaned.as_str();
    let text = match text.find('#') {
        Some(hash) => text.get(hash + 1..).unwrap_or(""),
        None => text,
    };
    let text = match text.find(['&', '?']) {
        Some(junk) => text.get(..junk).unwrap_or(""),
        None => text,
    };

    let Some(after_v) = text.strip_prefix('v') else {
        return Err(ShareError::NotAShareLink);
    };
    let digits_end = after_v
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_v.len());
    let (digits, rest) = after_v.split_at(digits_end);
    if digits.is_empty() {
        // `v` alone is the start of a link cut short; `vfoo` is something else.
        return Err(if rest.is_empty() {
            ShareError::Truncated
        } else {
            ShareError::NotAShareLink
        });
    }
    let body = match rest.strip_prefix('.') {
        Some(body) => body,
        None if rest.is_empty() => return Err(ShareError::Truncated),
        None => return Err(ShareError::NotAShareLink),
    };
    // One reader per format version ever written; a later format keeps `decode_v1`.
    match digits.parse::<u32>() {
        Ok(1) => decode_v1(body),
        Ok(version) if version > FORMAT_VERSION => Err(ShareError::NewerVersion(version)),
        _ => Err(ShareError::UnknownVersion(format!("v{digits}"))),
    }
}

/// `p.<payload>` or `e.<salt>.<iv>.<ciphertext>`.
fn decode_v1(body: &str) -> Result<Fragment<Opened>, ShareError> {
    let mut parts = body.split('.');
    let kind = parts.next().unwrap_or("");
    let parts: Vec<&str> = parts.collect();
    match kind {
        "" => Err(ShareError::Truncated),
        "p" => match parts.as_slice() {
            [] | [""] => Err(ShareError::Truncated),
            [payload] => {
                let bytes = base64url_decode(payload, true)?;
                open_payload_in_full(&bytes).map(Fragment::Plain)
            }
            _ => Err(ShareError::Damaged),
        },
        "e" => {
            if parts.len() > 3 {
                return Err(ShareError::Damaged);
            }
            // Fewer than three parts, or an empty last one: the link was cut there.
            let mut decoded = Vec::with_capacity(3);
            for (index, part) in parts.iter().enumerate() {
                let is_last = index + 1 == parts.len();
                if part.is_empty() {
                    return Err(if is_last {
                        ShareError::Truncated
                    } else {
                        ShareError::Damaged
                    });
                }
                decoded.push(base64url_decode(part, is_last)?);
            }
            let mut decoded = decoded.into_iter();
            match (decoded.next(), decoded.next(), decoded.next()) {
                (Some(salt), Some(iv), Some(ciphertext)) => {
                    if ciphertext.len() < GCM_TAG_LEN {
                        return Err(ShareError::Truncated);
                    }
                    Ok(Fragment::Encrypted {
                        salt,
                        iv,
                        ciphertext,
                    })
                }
                _ => Err(ShareError::Truncated),
            }
        }
        other => Err(ShareError::UnknownVersion(format!("v1.{other}"))),
    }
}

/// Drops what mail clients and browsers insert into a long link: whitespace and line breaks,
/// zero-width spaces, soft hyphens, byte-order marks and percent-encoded whitespace.
fn clean(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(c) = rest.chars().next() {
        if c == '%' {
            let code = rest.get(1..3).unwrap_or("");
            if ["20", "0A", "0a", "0D", "0d", "09"].contains(&code) {
                rest = rest.get(3..).unwrap_or("");
                continue;
            }
        }
        if !(c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            ))
        {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// Whether the whole link — `base_url_len` characters of address (without `#`), the `#` and the
/// fragment (with or without its `#`) — is longer than [`LONG_LINK`], so the page should warn
/// that some mail clients and chat apps may cut it.
pub fn is_long(fragment: &str, base_url_len: usize) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    base_url_len
        .saturating_add(1)
        .saturating_add(fragment.chars().count())
        > LONG_LINK
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url, no padding.
fn base64url_into(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let (b0, b1, b2) = match *chunk {
            [b0] => (b0, 0, 0),
            [b0, b1] => (b0, b1, 0),
            [b0, b1, b2, ..] => (b0, b1, b2),
            [] => continue,
        };
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
}

fn base64url_value(c: u8) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Strict base64url: only the alphabet (plus trailing `=`), a possible length, and zero unused
/// bits in the last character. In the last segment of a link, an impossible length or stray
/// bits mean the link was cut there; elsewhere they mean it was changed.
fn base64url_decode(text: &str, last_segment: bool) -> Result<Vec<u8>, ShareError> {
    let cut_or_changed = if last_segment {
        ShareError::Truncated
    } else {
        ShareError::Damaged
    };
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &c in text.as_bytes() {
        let value = base64url_value(c).ok_or(ShareError::Damaged)?;
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if text.len() % 4 == 1 || acc != 0 {
        return Err(cut_or_changed);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(bytes: &[u8]) -> String {
        let mut out = String::new();
        base64url_into(bytes, &mut out);
        out
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        // RFC 4648 §10, unpadded.
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(b64(plain.as_bytes()), encoded);
            assert_eq!(
                base64url_decode(encoded, true).as_deref(),
                Ok(plain.as_bytes())
            );
        }
        assert_eq!(b64(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zg==", true).as_deref(), Ok(&b"f"[..]));
    }

    #[test]
    fn base64url_is_strict() {
        assert_eq!(base64url_decode("Zh", true), Err(ShareError::Truncated));
        assert_eq!(base64url_decode("Zh", false), Err(ShareError::Damaged));
        assert_eq!(base64url_decode("Zm9vY", true), Err(ShareError::Truncated));
        assert_eq!(base64url_decode("Zm+v", true), Err(ShareError::Damaged));
        assert_eq!(base64url_decode("Zm/v", false), Err(ShareError::Damaged));
    }

    #[test]
    fn clean_drops_inserted_breaks_only() {
        assert_eq!(
            clean(" v1.p.\r\n AB%20C%0aD\u{200B}E\u{AD}F "),
            "v1.p.ABCDEF"
        );
        assert_eq!(clean("%41%2"), "%41%2");
        assert_eq!(clean("%"), "%");
    }

    #[test]
    fn adler32_matches_known_values() {
        // RFC 1950's checksum: 1 for nothing; "Wikipedia" is the worked example of the
        // Adler-32 article (0x11E60398); a long run checks the modulo between chunks.
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let long = vec![0xffu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &byte in &long {
            a = (a + u64::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(u64::from(adler32(&long)), (b << 16) | a);
    }

    #[test]
    fn stored_zlib_inflates_to_its_input_at_every_block_boundary() {
        for len in [0usize, 1, 65_534, 65_535, 65_536, 200_000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let stored = zlib_stored(&bytes);
            assert_eq!(
                stored.len(),
                bytes.len() + 2 + 4 + 5 * len.div_ceil(65_535).max(1)
            );
            let back = miniz_oxide::inflate::decompress_to_vec_zlib(&stored).expect("inflates");
            assert_eq!(back, bytes, "length {len}");
        }
    }

    #[test]
    fn a_link_framed_from_its_json_opens_as_the_link_encode_makes() {
        let mut workspace = Workspace::default();
        workspace.input.text =
            "Invoice\tCustomer\tDue date\tAmount\nA-1\t明珠\t2025-01-01\t10\n".into();
        workspace.settings.terms_days = 45;
        for scope in [ShareScope::SettingsOnly, ShareScope::SettingsAndData] {
            let json = payload_json(&workspace, scope, None);
            let compressed =
                miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), COMPRESSION_LEVEL);
            // Compressed the way `encode` does, the framing is byte for byte `encode`'s.
            assert_eq!(encode_payload(&compressed), encode(&workspace, scope));
            // Stored without compression, it opens as the same workspace.
            let stored = encode_payload(&zlib_stored(json.as_bytes()));
            let Ok(Fragment::Plain(opened)) = decode(&stored) else {
                panic!("the stored link does not open: {stored}");
            };
            let Ok(Fragment::Plain(expected)) = decode(&encode(&workspace, scope)) else {
                panic!("the encoded link does not open");
            };
            assert_eq!(opened, expected);
            // Base64url without padding: at most 3 characters fewer than the estimate.
            let chars = encode(&workspace, scope).len() - "v1.p.".len();
            assert!((chars..chars + 4).contains(&link_chars(compressed.len())));
        }
    }
}
