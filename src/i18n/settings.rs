//! The wording of the settings panel (`src/views/settings.rs`): one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    pub workspace_your_pasted_data_and: &'static str,
    pub your_company_details_and_customers: &'static str,
    pub none: &'static str,
    pub entered: &'static str,
    pub edited_letter_templates: &'static str,
    pub invoice_notes_disputes_promises_actions: &'static str,
    pub erase_everything_kept_in_this: &'static str,
    pub keep_nothing_in_this_browser: &'static str,
    pub on_when_you_reload_or: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    workspace_your_pasted_data_and: "工作区：粘贴的数据与设置",
    your_company_details_and_customers: "我方信息与客户地址：",
    none: "无",
    entered: "已填写",
    edited_letter_templates: "修改过的函件模板：",
    invoice_notes_disputes_promises_actions: "发票备注（争议、承诺、已完成事项）：",
    erase_everything_kept_in_this: "清除本浏览器中的全部数据",
    keep_nothing_in_this_browser: "不在本浏览器保存任何数据",
    on_when_you_reload_or: "已开启：刷新或关闭页面后，粘贴的数据和设置都会丢失。",
};

const EN: Words = Words {
    workspace_your_pasted_data_and: "Workspace: your pasted data and settings",
    your_company_details_and_customers: "Your company details and customers' addresses: ",
    none: "none",
    entered: "entered",
    edited_letter_templates: "Edited letter templates: ",
    invoice_notes_disputes_promises_actions: "Invoice notes (disputes, promises, actions done): ",
    erase_everything_kept_in_this: "Erase everything kept in this browser",
    keep_nothing_in_this_browser: "Keep nothing in this browser",
    on_when_you_reload_or:
        "On: when you reload or close the page, your pasted data and settings are gone.",
};
