//! The wording of the 账龄表 (`src/views/customers.rs`) and of the summary cards
//! (`src/views/summary.rs`) that is about how their figures add up: one struct, a value per
//! language, so a missing translation does not compile.

use overdue_core::i18n::Lang;

pub struct Words {
    /// The count column: the rows that make up the total (open invoices and credits).
    pub col_items: &'static str,
    pub items_hint: &'static str,
    /// DSO left out: too few invoices in the period, or none of them paid, for the figure to
    /// mean anything.
    pub dso_not_meaningful: &'static str,
    /// The DSO cell's title: `{receivables}`, `{sales}`, `{days}`, `{invoices}` filled in.
    pub dso_how: &'static str,
    /// Per-customer late-charge rules, below the table.
    pub rules_heading: &'static str,
    pub rules_hint: &'static str,
    /// Summary card, when the currency has credits: open invoices less credits.
    pub invoices_less_credits: &'static str,
    /// Why overdue can be larger than outstanding.
    pub credits_note: &'static str,
    pub share_of_invoices: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    col_items: "笔数",
    items_hint: "构成未收合计的笔数：未结发票加贷项（已付清的不计）",
    dso_not_meaningful:
        "期间内发票不足两张，或都未付款：DSO 只会等于期间天数，没有意义，因此不显示",
    dso_how:
        "未收余额 {receivables} ÷ 最近 {days} 天赊销额 {sales}（{invoices} 张发票）× {days} 天",
    rules_heading: "各客户的逾期费用规则",
    rules_hint: "某客户的合同约定不同时，可在此为其单独选择规则；其余客户按工作区规则计算。",
    invoices_less_credits: "未结发票 {invoices} − 贷项 {credits}",
    credits_note: "贷项未冲抵到具体发票，逾期金额按发票全额计，因此可能大于未收合计。",
    share_of_invoices: "逾期占未结发票",
};

const EN: Words = Words {
    col_items: "Items",
    items_hint: "The rows in the total: open invoices and credits (paid ones are not counted)",
    dso_not_meaningful: "Fewer than two invoices in the period, or none of them paid: DSO would just be the period, so it is not shown",
    dso_how: "Receivables {receivables} ÷ credit sales {sales} of the last {days} days ({invoices} invoices) × {days} days",
    rules_heading: "Late-charge rule per customer",
    rules_hint: "Where a customer's contract says otherwise, choose its rule here; the others follow the workspace rule.",
    invoices_less_credits: "Open invoices {invoices} − credits {credits}",
    credits_note: "Credits are not matched to particular invoices, so overdue counts the invoices in full and can exceed the outstanding total.",
    share_of_invoices: "Overdue share of open invoices",
};
