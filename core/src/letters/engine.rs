//! The template engine's side of writing a letter: a [`BodyRequest`] (the plain context, the
//! template in force and the default one) in, the letter's [`Body`] out. This is the only
//! place minijinja renders, so the page's own module, which only [`prepare`](super::prepare)s
//! letters, does not carry it: the page loads it as a second Wasm module after its first
//! screen (`letters-engine/`, issue 14). Native code and tests call it directly through
//! [`render`](super::render).

use std::fmt;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use super::limits;
use super::value::LetterValue;
use super::{tidy, Body, BodyRequest, TemplateError};

/// A list a template can loop over, and that prints as ready-made lines when used whole
/// (`{{ invoices }}`).
#[derive(Debug)]
struct TextList {
    items: Vec<Value>,
    text: String,
}

impl Object for TextList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.items.get(key.as_usize()?).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items.len())
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The plain value as the engine's. Nesting is as deep as the context the core builds (four
/// levels), so recursion is bounded by it.
fn to_engine(value: &LetterValue) -> Value {
    match value {
        LetterValue::Str(text) => Value::from(text.as_str()),
        LetterValue::Int(n) => Value::from(*n),
        LetterValue::Bool(b) => Value::from(*b),
        LetterValue::Map(pairs) => Value::from_iter(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), to_engine(value))),
        ),
        LetterValue::List { items, text } => Value::from_object(TextList {
            items: items.iter().map(to_engine).collect(),
            text: text.clone(),
        }),
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env
}

fn render_source(
    env: &Environment<'_>,
    source: &str,
    ctx: &Value,
) -> Result<String, TemplateError> {
    let template = env
        .template_from_str(source)
        .map_err(|e| TemplateError::from_minijinja(&e))?;
    let text = template
        .render(ctx)
        .map_err(|e| TemplateError::from_minijinja(&e))?;
    Ok(tidy(&text))
}

/// Compiles a template without rendering it: `None` when its syntax is sound. (Mistyped
/// placeholder names are only found by rendering.)
pub fn check_template(source: &str) -> Option<TemplateError> {
    if let Err(error) = limits::vet(source) {
        return Some(error);
    }
    environment()
        .template_from_str(source)
        .err()
        .map(|e| TemplateError::from_minijinja(&e))
}

/// Writes a letter's body: the template in force, or when it fails, the default template's
/// letter with the failure (so the page never shows a blank letter).
pub fn write(request: &BodyRequest) -> Body {
    let ctx = to_engine(&request.context);
    let env = environment();
    let (source, fallback) = (&request.template, &request.fallback);
    // The user's template may have come in someone else's link: it runs within the limits.
    let rendered = if source == fallback {
        render_source(&env, source, &ctx)
    } else {
        limits::render_untrusted(&env, source, &ctx).map(|text| tidy(&text))
    };
    match rendered {
        Ok(text) => Body { text, error: None },
        Err(error) => {
            let text = if source == fallback {
                None
            } else {
                render_source(&env, fallback, &ctx).ok()
            }
            .unwrap_or_else(|| error.describe(request.lang));
            Body {
                text,
                error: Some(error),
            }
        }
    }
}
