//! A letter as a page lays it out (issue 16 item 6): the rendered text cut into the parts of a
//! business letter — letterhead, date, recipient, reference, title, salutation, body, payment
//! details, closing, signature and seal line, enclosures, a tear-off reply — so that print can
//! centre the title and put the signature where each language's form puts it, while Copy keeps
//! the text exactly as written ([`Layout::to_text`] gives back the letter's text, byte for
//! byte, whatever the template).
//!
//! The parts are found in the text, not in the template, because a user's own template is
//! plain text too: a line the rules below do not recognise is body text, so an unusual
//! template still prints, only plainer. What marks a part:
//! - Chinese (公文/商务函 form): the first short line is the title (催告函); `收函单位：`,
//!   `收函地址：` the recipient; `事由：` the reference; the greeting `致…：`; `此致` (indented two
//!   characters in the text) and `敬礼！` (flush left) the closing; what follows is the sender's
//!   signature with its seal line (`（盖章）`); `附件：` starts the enclosures; a line of
//!   `————` starts a tear-off reply (回执).
//! - English: the lines before the date are the letterhead; between the date and the
//!   `Re:`/`Subject:` line the recipient; the greeting `Dear …`; the closing (`Yours
//!   sincerely,`); after it the signature; `Enclosures:`; a line of `----` starts the reply.
//!
//! Amounts (`人民币128,600.00元`, `CNY 128,600.00`) and account numbers are marked as spans
//! that must not break across lines ([`Span::keep`]).

use serde::{Deserialize, Serialize};

use super::terms::EnglishForm;
use crate::i18n::Lang;

/// The paper a letter is printed on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// US Letter for American-form English letters, A4 for every other letter.
    #[default]
    Auto,
    A4,
    Letter,
}

impl Paper {
    pub fn is_auto(&self) -> bool {
        *self == Paper::Auto
    }

    /// The paper one letter goes on: `Auto` resolved by its language and form.
    pub fn for_letter(self, lang: Lang, form: EnglishForm) -> Paper {
        match self {
            Paper::Auto if lang == Lang::En && form == EnglishForm::American => Paper::Letter,
            Paper::Auto => Paper::A4,
            chosen => chosen,
        }
    }

    /// `a4` / `letter` (`auto` before it is resolved): the print stylesheet's page name.
    pub fn key(&self) -> &'static str {
        match self {
            Paper::Auto => "auto",
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    pub fn from_key(key: &str) -> Option<Paper> {
        [Paper::Auto, Paper::A4, Paper::Letter]
            .into_iter()
            .find(|p| p.key() == key)
    }
}

/// One part of a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The sender's name and address at the top (English).
    Letterhead,
    Date,
    /// The addressee's name and address.
    Recipient,
    /// `事由：` / `Re:` / `Subject:`.
    Reference,
    /// The letter's title (催告函), centred.
    Title,
    /// `致…：` / `Dear …,`.
    Salutation,
    Body,
    /// The account to pay to.
    Payment,
    /// `此致` (indented) / `Yours sincerely,`.
    Closing,
    /// `敬礼！`, flush left.
    Salute,
    /// Who signs: the sender, its seal line, the date (Chinese, on the right) and contact.
    Signature,
    /// `附件：` / `Enclosures:` and the list.
    Enclosures,
    /// Below a rule: the reply the customer signs and returns (回执).
    Reply,
}

impl Part {
    /// The class the shell gives the part's element.
    pub fn key(&self) -> &'static str {
        match self {
            Part::Letterhead => "letterhead",
            Part::Date => "date",
            Part::Recipient => "recipient",
            Part::Reference => "reference",
            Part::Title => "title",
            Part::Salutation => "salutation",
            Part::Body => "body",
            Part::Payment => "payment",
            Part::Closing => "closing",
            Part::Salute => "salute",
            Part::Signature => "signature",
            Part::Enclosures => "enclosures",
            Part::Reply => "reply",
        }
    }
}

/// A run of a line's text; `keep`: an amount or account number, never broken across lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub keep: bool,
}

/// One line of the letter, as its spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    /// The line where the sender's or the customer's seal goes (`（盖章）`, `Company stamp`).
    pub seal: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Consecutive lines of one part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub part: Part,
    /// Blank lines in the text before this block.
    pub blank_before: usize,
    pub lines: Vec<Line>,
}

/// A letter laid out for print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub lang: Lang,
    pub form: EnglishForm,
    pub paper: Paper,
    pub blocks: Vec<Block>,
    /// Blank lines after the last block, and whether the text ended with a line break.
    trailing_blank: usize,
    final_newline: bool,
}

/// What a letter's own values say about its lines (from the template's context).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// The letter date as the letter writes it.
    pub date: String,
    pub greeting: String,
    pub closing: String,
}

impl Layout {
    /// The letter's text, exactly as it was laid out from.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        for block in &self.blocks {
            lines.extend(std::iter::repeat_n(String::new(), block.blank_before));
            lines.extend(block.lines.iter().map(Line::text));
        }
        lines.extend(std::iter::repeat_n(String::new(), self.trailing_blank));
        let mut text = lines.join("\n");
        if self.final_newline {
            text.push('\n');
        }
        text
    }
}

/// Lays out one letter's text. See the module documentation.
pub fn layout(text: &str, marks: &Marks, lang: Lang, form: EnglishForm, paper: Paper) -> Layout {
    let final_newline = text.ends_with('\n');
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut reader = Reader::new(lang, marks);
    let mut blocks: Vec<Block> = Vec::new();
    let mut blank = 0;
    // An empty text is no lines at all (split would give one empty line).
    let lines: Vec<&str> = if body.is_empty() && !final_newline {
        Vec::new()
    } else {
        body.split('\n').collect()
    };
    for line in lines {
        // Only an empty line is blank: a line of spaces is kept as it is.
        if line.is_empty() {
            blank += 1;
            reader.blank();
            continue;
        }
        let part = reader.part_of(line);
        let laid = Line {
            spans: spans(line),
            seal: is_seal_line(line),
        };
        match blocks.last_mut() {
            Some(last) if last.part == part && blank == 0 => last.lines.push(laid),
            _ => blocks.push(Block {
                part,
                blank_before: blank,
                lines: vec![laid],
            }),
        }
        blank = 0;
    }
    Layout {
        lang,
        form,
        paper: paper.for_letter(lang, form),
        blocks,
        trailing_blank: blank,
        final_newline,
    }
}

/// Where in the letter the reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Nothing read yet.
    Top,
    /// English: after the letterhead's first line, before the date.
    Head,
    /// English: after the date, before the salutation.
    Address,
    Body,
    Payment,
    Signature,
    Enclosures,
    Reply,
}

struct Reader<'a> {
    lang: Lang,
    marks: &'a Marks,
    stage: Stage,
    /// The salutation has been read (recipient lines come before it).
    greeted: bool,
}

impl<'a> Reader<'a> {
    fn new(lang: Lang, marks: &'a Marks) -> Reader<'a> {
        Reader {
            lang,
            marks,
            stage: Stage::Top,
            greeted: false,
        }
    }

    fn blank(&mut self) {
        if matches!(self.stage, Stage::Payment | Stage::Enclosures) {
            // Account lines and the enclosures list end at a blank line.
            self.stage = if self.stage == Stage::Payment {
                Stage::Body
            } else {
                Stage::Signature
            };
        }
    }

    fn part_of(&mut self, line: &str) -> Part {
        match self.lang {
            Lang::Zh => self.chinese(line),
            Lang::En => self.english(line),
        }
    }

    fn chinese(&mut self, line: &str) -> Part {
        let bare = line.trim_start_matches(['\u{3000}', ' ']).trim_end();
        if is_rule(bare) {
            self.stage = Stage::Reply;
        }
        if self.stage == Stage::Reply {
            return Part::Reply;
        }
        if self.stage == Stage::Top {
            self.stage = Stage::Body;
            if !line.starts_with('\u{3000}') && !bare.contains('：') && bare.chars().count() <= 24
            {
                return Part::Title;
            }
        }
        if bare == "附件：" || bare.starts_with("附件：") {
            self.stage = Stage::Enclosures;
            return Part::Enclosures;
        }
        if self.stage == Stage::Enclosures {
            return Part::Enclosures;
        }
        if bare == "此致" {
            self.stage = Stage::Signature;
            return Part::Closing;
        }
        if bare == "敬礼！" || bare == "敬礼!" {
            self.stage = Stage::Signature;
            return Part::Salute;
        }
        if self.stage == Stage::Signature {
            return Part::Signature;
        }
        if ["收函单位：", "收函地址：", "收件人："]
            .iter()
            .any(|label| bare.starts_with(label))
            && !self.greeted
        {
            return Part::Recipient;
        }
        if bare.starts_with("事由：") {
            return Part::Reference;
        }
        if bare == self.marks.greeting.trim() && !bare.is_empty() {
            self.greeted = true;
            return Part::Salutation;
        }
        if ["户名：", "开户银行：", "开户行：", "账号：", "银行账号："]
            .iter()
            .any(|label| bare.starts_with(label))
        {
            self.stage = Stage::Payment;
            return Part::Payment;
        }
        if bare.contains("（盖章）") && !line.starts_with('\u{3000}') {
            // A signature block without 此致 before it (the debt acknowledgment's).
            self.stage = Stage::Signature;
            return Part::Signature;
        }
        if self.stage == Stage::Payment {
            self.stage = Stage::Body;
        }
        Part::Body
    }

    fn english(&mut self, line: &str) -> Part {
        let bare = line.trim();
        if is_rule(bare) {
            self.stage = Stage::Reply;
        }
        if self.stage == Stage::Reply {
            return Part::Reply;
        }
        if bare == self.marks.date.trim() && matches!(self.stage, Stage::Top | Stage::Head) {
            self.stage = Stage::Address;
            return Part::Date;
        }
        if self.stage == Stage::Top {
            let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
            if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
                self.stage = Stage::Body;
                return Part::Title;
            }
            self.stage = Stage::Head;
            return Part::Letterhead;
        }
        if self.stage == Stage::Head {
            return Part::Letterhead;
        }
        if bare.starts_with("Re: ") || bare.starts_with("Subject: ") {
            if self.stage == Stage::Address {
                self.stage = Stage::Body;
            }
            return Part::Reference;
        }
        if bare == self.marks.greeting.trim() && !bare.is_empty() {
            self.stage = Stage::Body;
            self.greeted = true;
            return Part::Salutation;
        }
        if self.stage == Stage::Address {
            return Part::Recipient;
        }
        if bare == "Enclosures:" || bare == "Enclosure:" {
            self.stage = Stage::Enclosures;
            return Part::Enclosures;
        }
        if self.stage == Stage::Enclosures {
            return Part::Enclosures;
        }
        if bare == self.marks.closing.trim() && !bare.is_empty() {
            self.stage = Stage::Signature;
            return Part::Closing;
        }
        if self.stage == Stage::Signature {
            return Part::Signature;
        }
        let payment_label = [
            "Please pay to:",
            "Account name:",
            "Bank:",
            "Account number:",
            "Sort code:",
            "IBAN:",
            "SWIFT",
            "Routing number:",
        ]
        .iter()
        .any(|label| bare.starts_with(label));
        if payment_label {
            self.stage = Stage::Payment;
            return Part::Payment;
        }
        if self.stage == Stage::Payment {
            self.stage = Stage::Body;
        }
        Part::Body
    }
}

/// `————`, `----`: the rule above a tear-off reply.
fn is_rule(bare: &str) -> bool {
    bare.chars().count() >= 4 && bare.chars().all(|c| matches!(c, '—' | '-' | '─' | '_'))
}

fn is_seal_line(line: &str) -> bool {
    ["（盖章）", "（公章）", "(盖章)", "Company stamp"]
        .iter()
        .any(|mark| line.contains(mark))
}

/// Labels after which the rest of the line is an account number (kept whole).
const ACCOUNT_LABELS: &[&str] = &[
    "账号：",
    "银行账号：",
    "Account number: ",
    "IBAN: ",
    "Sort code: ",
    "Routing number: ",
];

/// Currency names written straight before an amount in Chinese, or after it.
const ZH_CURRENCY_WORDS: &[&str] = &[
    "人民币",
    "元",
    "美元",
    "欧元",
    "英镑",
    "港币",
    "日元",
    "澳元",
    "加元",
    "新加坡元",
    "新台币",
    "瑞士法郎",
    "新西兰元",
    "韩元",
    "澳门元",
    "卢布",
    "印度卢比",
    "泰铢",
];

/// Cuts a line into spans: amounts and account numbers kept whole, the rest as it is.
fn spans(line: &str) -> Vec<Span> {
    let mut keeps: Vec<(usize, usize)> = Vec::new();
    let bare_start = line.len() - line.trim_start_matches(['\u{3000}', ' ']).len();
    for label in ACCOUNT_LABELS {
        if line[bare_start..].starts_with(label) {
            let start = bare_start + label.len();
            if start < line.len() {
                // Up to an opening bracket, e.g. `(SWIFT …)`, which may wrap.
                let rest = &line[start..];
                let end = rest
                    .find(" (")
                    .or_else(|| rest.find('（'))
                    .map_or(line.len(), |i| start + i);
                keeps.push((start, end));
            }
        }
    }
    let mut at = 0;
    while let Some((start, end)) = next_amount(line, at) {
        if !keeps.iter().any(|&(s, e)| start < e && end > s) {
            keeps.push((start, end));
        }
        at = end;
    }
    keeps.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in keeps {
        if start > at {
            out.push(Span {
                text: line[at..start].to_string(),
                keep: false,
            });
        }
        out.push(Span {
            text: line[start..end].to_string(),
            keep: true,
        });
        at = end;
    }
    if at < line.len() || out.is_empty() {
        out.push(Span {
            text: line[at..].to_string(),
            keep: false,
        });
    }
    out
}

/// The next amount from byte `from`: a number with a thousands comma or two decimals, with
/// the currency written beside it (`CNY `, `人民币…元`, `…美元`, `$`).
fn next_amount(line: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (matches!(bytes[end], b',' | b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        let number = &line[start..end];
        let is_money = number.contains(',')
            || number
                .rsplit_once('.')
                .is_some_and(|(_, cents)| cents.len() == 2);
        if !is_money || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            i = end.max(i + 1);
            continue;
        }
        return Some((
            currency_before(line, start, from),
            currency_after(line, end),
        ));
    }
    None
}

fn currency_before(line: &str, start: usize, floor: usize) -> usize {
    let head = &line[floor..start];
    for word in ZH_CURRENCY_WORDS {
        if head.ends_with(word) {
            return start - word.len();
        }
    }
    for sign in ["US$", "HK$", "$", "£", "€", "¥", "-"] {
        if head.ends_with(sign) {
            return start - sign.len();
        }
    }
    // `CNY 12,345.60`: three capitals and a space.
    let b = head.as_bytes();
    if b.len() >= 4
        && b[b.len() - 1] == b' '
        && b[b.len() - 4..b.len() - 1]
            .iter()
            .all(u8::is_ascii_uppercase)
        && (b.len() == 4 || !b[b.len() - 5].is_ascii_alphanumeric())
    {
        return start - 4;
    }
    start
}

fn currency_after(line: &str, end: usize) -> usize {
    let tail = &line[end..];
    ZH_CURRENCY_WORDS
        .iter()
        .filter(|word| tail.starts_with(*word))
        .map(|word| end + word.len())
        .max()
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(line: &str) -> Vec<String> {
        spans(line)
            .into_iter()
            .filter(|s| s.keep)
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn amounts_and_account_numbers_are_kept_whole() {
        assert_eq!(
            kept("　　上述欠款合计人民币164,850.00元（大写：人民币壹拾陆万元整）。"),
            ["人民币164,850.00元"]
        );
        assert_eq!(
            kept("　　账号：3580 1234 5678 9012"),
            ["3580 1234 5678 9012"]
        );
        assert_eq!(
            kept("Account number: 3580 1234 5678 9012 (SWIFT BKCHCNBJ92A)"),
            ["3580 1234 5678 9012"]
        );
        assert_eq!(
            kept("interest of CNY 9,130.60 (on CNY 128,600.00 for 142 days)"),
            ["CNY 9,130.60", "CNY 128,600.00"]
        );
        assert_eq!(kept("金额18,400.00美元，已逾期50天"), ["18,400.00美元"]);
        // Invoice numbers, days and dates are not amounts.
        assert!(kept("Invoice FP001 dated 1 June 2025, 142 days overdue").is_empty());
        assert!(kept("发票FP001（开票日期2025年6月1日）").is_empty());
    }

    #[test]
    fn any_text_comes_back_as_it_was() {
        let marks = Marks::default();
        for text in [
            "",
            "\n",
            "a\n\n\nb",
            "催告函\n\n致甲：\n\n　　正文\n\n　　此致\n敬礼！\n",
            "  \n\u{3000}\u{3000}\nx\n\n",
            "————\n回执\n",
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let laid = layout(text, &marks, lang, EnglishForm::British, Paper::Auto);
                assert_eq!(laid.to_text(), text, "{text:?}");
            }
        }
    }

    #[test]
    fn the_paper_follows_the_form_unless_chosen() {
        let american = EnglishForm::American;
        assert_eq!(Paper::Auto.for_letter(Lang::En, american), Paper::Letter);
        assert_eq!(Paper::Auto.for_letter(Lang::Zh, american), Paper::A4);
        assert_eq!(
            Paper::Auto.for_letter(Lang::En, EnglishForm::British),
            Paper::A4
        );
        assert_eq!(Paper::A4.for_letter(Lang::En, american), Paper::A4);
        assert_eq!(Paper::from_key("letter"), Some(Paper::Letter));
    }
}
