//! `unbalanced-quote-mark`: A quote mark that opens or closes nothing.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "unbalanced-quote-mark",
    default_severity: Severity::Warning,
    description: "A quote mark that opens or closes nothing.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
