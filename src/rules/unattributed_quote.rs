//! `unattributed-quote`: A quote with no source found for it.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "unattributed-quote",
    default_severity: Severity::Warning,
    description: "A quote with no source found for it.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
