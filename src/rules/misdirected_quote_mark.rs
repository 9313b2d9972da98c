//! `misdirected-quote-mark`: An opening mark used to close a quote, or a closing mark used to open one.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "misdirected-quote-mark",
    default_severity: Severity::Hint,
    description: "An opening mark used to close a quote, or a closing mark used to open one.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
