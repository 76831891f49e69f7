//! What a letter template may do (issue 20). A template can arrive in someone else's share
//! link, so it is untrusted code: it must not hang the page, fill its memory or crash it.
//!
//! Three limits, each of which a hostile template meets as a [`TemplateError`] with its line:
//!
//! 1. **Only the language letters need** ([`vet`], before compiling): text, `{{ value }}`,
//!    attribute and index access, comparisons, `and`/`or`/`not`, and the statements `if`,
//!    `elif`, `else`, `endif`, `for`, `endfor`, `raw`, `endraw`. Refused: `*`, `**`, `+` and `~`
//!    (the only ways to make a value larger than the template's own text: `[0] * 10**12`,
//!    `"x" * 100000000`, string doubling), `=` and `|` (`set` blocks and captures can double a
//!    string per line without any operator), recursive loops, and every other statement. So
//!    are the steps that walk a whole list, whose cost the step budget cannot see: `x in list`
//!    (other than a loop's own `in`), slices and `{…}` literals (`:`), calls (`loop.changed(…)`),
//!    and comparisons without a literal on one side (`invoices == invoices`). The
//!    source itself is at most [`MAX_TEMPLATE_BYTES`], block nesting at most [`MAX_NESTING`]
//!    (the parser's own expression limit is 150). Checked with minijinja's own tokenizer, so
//!    what is checked is exactly what the engine will run.
//! 2. **A step budget** (minijinja's `fuel`): [`fuel_for`] instructions, linear in the number of
//!    items the letter lists, so a letter that loops over its invoices always fits and nested
//!    loops (10^9 iterations from three loops of a thousand) stop within milliseconds.
//! 3. **An output cap**: at most [`MAX_LETTER_BYTES`] of letter.
//!
//! The default templates are ours and are rendered without these limits (they pass [`vet`],
//! which a test checks), so the fallback letter is always there.

use std::io;

use minijinja::machinery::{tokenize, Token, WhitespaceConfig};
use minijinja::ErrorKind;

use super::TemplateError;
use crate::i18n::Lang;

/// The longest template accepted (the longest default is under 3 KB).
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;
/// The longest letter a template may produce.
pub const MAX_LETTER_BYTES: usize = 2 * 1024 * 1024;
/// How deep `if` and `for` blocks may nest.
pub const MAX_NESTING: usize = 16;
/// Instructions every letter may run, whatever it lists.
pub const FUEL_BASE: u64 = 200_000;
/// Instructions added per item the letter can loop over (an invoice, a charge, an instalment):
/// a default template spends about 40 per invoice.
pub const FUEL_PER_ITEM: u64 = 400;

/// Statements a letter template may use.
const STATEMENTS: &[&str] = &[
    "if", "elif", "else", "endif", "for", "endfor", "raw", "endraw",
];

/// Which limit a template met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Limit {
    /// Longer than [`MAX_TEMPLATE_BYTES`].
    SourceTooLong,
    /// A statement other than those in [`STATEMENTS`] (carries nothing: the line says where).
    Statement,
    /// An operator that builds values (`*`, `**`, `+`, `~`), an assignment or a filter.
    Operator,
    /// Blocks nested deeper than [`MAX_NESTING`].
    TooDeep,
    /// Ran out of its step budget.
    TooManySteps,
    /// Wrote more than [`MAX_LETTER_BYTES`].
    TooLong,
}

impl Limit {
    /// What was refused and why, for the user.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Limit::SourceTooLong => lang.pick(
                "模板太长（超过 64 KB）。",
                "The template is too long (over 64 KB).",
            ),
            Limit::Statement => lang.pick(
                "信函模板只能使用 if、elif、else、endif、for、endfor（以及 raw）语句。",
                "A letter template may use only the statements if, elif, else, endif, for and \
                 endfor (and raw).",
            ),
            Limit::Operator => lang.pick(
                "信函模板中不能使用 *、**、+、~、=、|、in（for 循环之外）、:、函数调用，\
                 比较时一侧须为固定值：这些操作可能生成极大的内容或耗时过长，使页面卡死。",
                "A letter template may not use *, **, +, ~, =, |, in (outside a for loop), :, \
                 or calls, and a comparison needs a fixed value on one side: these can build \
                 text large enough, or take long enough, to freeze the page.",
            ),
            Limit::TooDeep => lang.pick(
                "if 或 for 嵌套超过 16 层。",
                "if or for blocks are nested more than 16 deep.",
            ),
            Limit::TooManySteps => lang.pick(
                "模板运行的步骤过多（循环太多或嵌套循环），已停止。",
                "The template ran too many steps (too many loops, or loops inside loops) and \
                 was stopped.",
            ),
            Limit::TooLong => lang.pick(
                "模板生成的信函超过 2 MB，已停止。",
                "The template wrote a letter over 2 MB long and was stopped.",
            ),
        }
    }
}

fn refused(limit: Limit, line: Option<usize>) -> TemplateError {
    TemplateError {
        line,
        message: limit.describe(Lang::En).to_string(),
        limit: Some(limit),
    }
}

/// Checks a template against limit 1 (see the module documentation) without compiling it.
/// A syntax error the tokenizer finds is returned as minijinja reports it.
pub fn vet(source: &str) -> Result<(), TemplateError> {
    if source.len() > MAX_TEMPLATE_BYTES {
        return Err(refused(Limit::SourceTooLong, None));
    }
    // The same whitespace options as the environment, so lines and spans agree.
    let whitespace = WhitespaceConfig {
        keep_trailing_newline: false,
        lstrip_blocks: true,
        trim_blocks: true,
    };
    let mut depth = 0usize;
    let mut after_block_start = false;
    // In a `for` statement before its `in`: that one `in` is the loop's, not a search.
    let mut for_header = false;
    // A comparison whose left side was not a literal: its right side must be one.
    let mut comparison_pending = false;
    // The token before, as far as comparisons and calls care.
    let mut previous = Previous::Other;
    for token in tokenize(source, false, Default::default(), whitespace) {
        let (token, span) = token.map_err(|e| TemplateError::from_minijinja(&e))?;
        let line = Some(usize::from(span.start_line));
        let statement = after_block_start;
        after_block_start = matches!(token, Token::BlockStart);
        let before = previous;
        previous = Previous::of(&token);
        // A step that walks a whole list (`a == b`, `x in list`, a slice, a call such as
        // `loop.changed(list)`) costs as much as the list is long, so inside loops the step
        // budget alone would not bound the time: comparisons need a literal on one side.
        match token {
            Token::Eq | Token::Ne | Token::Lt | Token::Lte | Token::Gt | Token::Gte => {
                comparison_pending = before != Previous::Literal;
                continue;
            }
            _ if comparison_pending => {
                comparison_pending = false;
                if previous != Previous::Literal && !matches!(token, Token::Minus) {
                    return Err(refused(Limit::Operator, line));
                }
            }
            _ => {}
        }
        match token {
            Token::Ident("for") if statement => for_header = true,
            Token::Ident("in") if for_header => {
                for_header = false;
                continue;
            }
            Token::Ident("in") => return Err(refused(Limit::Operator, line)),
            Token::Colon | Token::BraceOpen => return Err(refused(Limit::Operator, line)),
            Token::ParenOpen if before == Previous::Callable => {
                return Err(refused(Limit::Operator, line));
            }
            Token::BlockEnd | Token::VariableEnd => for_header = false,
            _ => {}
        }
        match token {
            Token::Ident(name) if statement => {
                if !STATEMENTS.contains(&name) {
                    return Err(refused(Limit::Statement, line));
                }
                match name {
                    "if" | "for" => depth += 1,
                    "endif" | "endfor" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if depth > MAX_NESTING {
                    return Err(refused(Limit::TooDeep, line));
                }
            }
            _ if statement => return Err(refused(Limit::Statement, line)),
            Token::Ident("recursive") => return Err(refused(Limit::Statement, line)),
            Token::Plus | Token::Mul | Token::Pow | Token::Tilde | Token::Assign | Token::Pipe => {
                return Err(refused(Limit::Operator, line));
            }
            _ => {}
        }
    }
    Ok(())
}

/// What the token before was, for the rules on comparisons and calls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// A number, a string, `true`, `false` or `none`.
    Literal,
    /// Something a `(` after would call: a name, `]` or `)`.
    Callable,
    Other,
}

impl Previous {
    fn of(token: &Token<'_>) -> Previous {
        match token {
            Token::Int(_)
            | Token::Int128(_)
            | Token::Float(_)
            | Token::Str(_)
            | Token::String(_) => Previous::Literal,
            Token::Ident("true" | "false" | "none" | "True" | "False" | "None") => {
                Previous::Literal
            }
            Token::Ident(_) | Token::BracketClose | Token::ParenClose => Previous::Callable,
            _ => Previous::Other,
        }
    }
}

/// The step budget of a letter that can loop over `items` things.
pub fn fuel_for(items: usize) -> u64 {
    FUEL_BASE.saturating_add(FUEL_PER_ITEM.saturating_mul(items as u64))
}

/// Maps minijinja's "out of fuel" and our writer's refusal to the limit they stand for.
pub(super) fn limit_of(error: &minijinja::Error) -> Option<Limit> {
    match error.kind() {
        ErrorKind::OutOfFuel => Some(Limit::TooManySteps),
        ErrorKind::WriteFailure => Some(Limit::TooLong),
        _ => None,
    }
}

/// Collects a letter, refusing to grow past [`MAX_LETTER_BYTES`].
#[derive(Default)]
pub(super) struct CappedWriter {
    pub bytes: Vec<u8>,
}

impl io::Write for CappedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > MAX_LETTER_BYTES {
            return Err(io::Error::other("letter too long"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How many things `ctx` lets a template loop over: its invoices, charges and instalments.
fn items_in(ctx: &minijinja::Value) -> usize {
    let len = |value: Result<minijinja::Value, minijinja::Error>| {
        value.ok().and_then(|value| value.len()).unwrap_or(0)
    };
    let plan_rows = ctx.get_attr("plan").and_then(|plan| plan.get_attr("rows"));
    len(ctx.get_attr("invoices"))
        .saturating_add(len(ctx.get_attr("charges")))
        .saturating_add(len(plan_rows))
}

/// Renders a template that may be hostile: [`vet`]ted, then run with [`fuel_for`] the
/// context's items and at most [`MAX_LETTER_BYTES`] of output. `env` must not have fuel set
/// (it is set here on a copy).
pub(super) fn render_untrusted(
    env: &minijinja::Environment<'_>,
    source: &str,
    ctx: &minijinja::Value,
) -> Result<String, TemplateError> {
    vet(source)?;
    let mut env = env.clone();
    env.set_fuel(Some(fuel_for(items_in(ctx))));
    let template = env
        .template_from_str(source)
        .map_err(|e| TemplateError::from_minijinja(&e))?;
    let mut out = CappedWriter::default();
    template
        .render_captured_to(ctx, &mut out)
        .map_err(|e| TemplateError::from_minijinja(&e))?;
    // The writer receives only whole `&str`s from the engine, so this cannot fail; if it ever
    // did, the letter is refused rather than mangled.
    String::from_utf8(out.bytes).map_err(|_| refused(Limit::TooLong, None))
}
