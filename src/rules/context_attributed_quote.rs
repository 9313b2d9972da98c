//! `context-attributed-quote`: A quote whose speaker is only inferred from a neighbouring paragraph.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "context-attributed-quote",
    default_severity: Severity::Information,
    description: "A quote whose speaker is only inferred from a neighbouring paragraph.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
