//! The wording of the notice of what was brought into range on load (`src/views/sanitized.rs`).

use overdue_core::i18n::Lang;

pub struct Words {
    pub heading: &'static str,
    pub intro: &'static str,
    /// `{n}`: how many more are not listed.
    pub more: &'static str,
    pub dismiss: &'static str,
    /// The same notice in a link's review: before the user accepts.
    pub link_heading: &'static str,
    pub link_intro: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    heading: "保存的数据中有几项超出范围，已经调整",
    intro: "下面这些值超出了本页能处理的范围（可能来自旧版本，或在本页以外被改动过），现已改为所示的值。其余数据没有变动，请到“设置”里核对一下。",
    more: "另有 {n} 项未列出",
    dismiss: "知道了",
    link_heading: "链接中有几项超出范围",
    link_intro: "下面这些值超出了本页能处理的范围（链接可能被改动过，或来自别的程序）。如果接受，它们会按所示的值打开；超出范围的快照不会加入。",
};

const EN: Words = Words {
    heading: "Some of your saved values were out of range and have been adjusted",
    intro: "These were beyond what the page can work with (perhaps saved by an older version, or changed outside the page), and now hold the values shown. Nothing else was changed; you may want to check them in Settings.",
    more: "and {n} more not listed",
    dismiss: "Got it",
    link_heading: "Some values in this link are out of range",
    link_intro: "These are beyond what the page can work with (the link may have been altered, or made by another program). If you accept it, they open as the values shown; snapshots out of range are not taken.",
};
