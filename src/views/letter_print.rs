//! A letter as it prints (issue 16 item 6): the core's [`Layout`] as HTML, each part in its
//! own element so that the print stylesheet puts it where the letter's form wants it (title
//! centred; Chinese signature, seal line and date on the right; English letterhead and date
//! per British or American form), amounts and account numbers in unbreakable spans, on the
//! paper of the layout (`paper-a4` / `paper-letter`, the stylesheet's named pages). Hidden on
//! screen, where the letter stays a text box; Copy takes [`Layout::to_text`], the same text.

use overdue_core::i18n::Lang;
use overdue_core::letters::{Block, Layout, Line};
use yew::prelude::*;

/// The printed letter; `extra` adds classes (the batch's `batch-letter`).
pub fn printed_letter(layout: &Layout, extra: &'static str, customer: &str) -> Html {
    let lang = if layout.lang == Lang::Zh {
        "zh-CN"
    } else {
        "en"
    };
    let form = match (layout.lang, layout.form.is_british()) {
        (Lang::Zh, _) => "form-zh",
        (Lang::En, true) => "form-british",
        (Lang::En, false) => "form-american",
    };
    let paper = format!("paper-{}", layout.paper.key());
    html! {
        <article class={classes!("letter-print", form, paper, extra)} {lang}
            data-testid="letter-print" data-customer={customer.to_string()} data-paper={layout.paper.key()}>
            { for layout.blocks.iter().map(block) }
        </article>
    }
}

fn block(block: &Block) -> Html {
    let gap = (block.blank_before > 0).then_some("gap");
    html! {
        <div class={classes!("lp", format!("lp-{}", block.part.key()), gap)}>
            { for block.lines.iter().map(line) }
        </div>
    }
}

fn line(line: &Line) -> Html {
    let seal = line.seal.then_some("seal-line");
    html! {
        <p class={classes!("lp-line", seal)}>
            { for line.spans.iter().map(|s| if s.keep {
                html! { <span class="keep">{ s.text.clone() }</span> }
            } else {
                html! { { s.text.clone() } }
            }) }
        </p>
    }
}
