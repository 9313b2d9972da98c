//! `quote-mark-spacing`: A space on the wrong side of a quote mark, or none where one is needed.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "quote-mark-spacing",
    default_severity: Severity::Hint,
    description: "A space on the wrong side of a quote mark, or none where one is needed.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
