//! The wording of the contract-terms form (`src/views/contract.rs`): the workspace default and
//! one customer's own terms, each field in both letter languages.

use overdue_core::i18n::Lang;

pub struct Words {
    pub this_customer: &'static str,
    pub uses_default: &'static str,
    pub has_own: &'static str,
    pub use_default: &'static str,
    pub empty_field_default: &'static str,
    pub default_heading: &'static str,
    pub default_is: &'static str,
    pub in_chinese_letters: &'static str,
    pub in_english_letters: &'static str,
    pub number: &'static str,
    pub date: &'static str,
    pub name: &'static str,
    pub clause: &'static str,
    /// The name and clause as an English letter writes them.
    pub name_en: &'static str,
    pub clause_en: &'static str,
    pub payment_terms: &'static str,
    pub late_charge_clause: &'static str,
    pub forum: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    this_customer: "本客户的合同条款",
    uses_default: "未单独填写，函件使用下方的默认合同条款。",
    has_own: "本客户有自己的合同条款；留空的项目仍用默认值。",
    use_default: "改用默认合同条款",
    empty_field_default: "留空的项目使用默认合同条款（灰字为默认值）。",
    default_heading: "默认合同条款（适用于未单独填写的客户）",
    default_is: "默认：",
    in_chinese_letters: "中文函件中",
    in_english_letters: "英文函件中",
    number: "合同编号",
    date: "签订日期",
    name: "合同名称（如：购销合同）",
    clause: "违反的条款（如：第五条）",
    name_en: "合同名称（如：Sales Contract）",
    clause_en: "违反的条款（如：clause 5）",
    payment_terms: "约定的付款条件",
    late_charge_clause: "逾期付款违约条款",
    forum: "争议解决机构（法院或仲裁委员会）",
};

const EN: Words = Words {
    this_customer: "This customer's contract",
    uses_default: "Nothing of its own yet: its letters cite the default contract below.",
    has_own:
        "This customer has its own contract terms; any field left empty still takes the default.",
    use_default: "Use the workspace default",
    empty_field_default: "Empty fields take the workspace default (shown in grey).",
    default_heading: "Default contract (for customers without their own)",
    default_is: "Default: ",
    in_chinese_letters: "In Chinese letters",
    in_english_letters: "In English letters",
    number: "Contract number",
    date: "Date signed",
    name: "Contract name (e.g. 购销合同)",
    clause: "Clause breached (e.g. 第五条)",
    name_en: "Contract name (e.g. Sales Contract)",
    clause_en: "Clause breached (e.g. clause 5)",
    payment_terms: "Agreed payment terms",
    late_charge_clause: "Late-payment clause",
    forum: "Dispute forum (court or arbitration body)",
};
