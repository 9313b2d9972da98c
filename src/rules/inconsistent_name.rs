//! `inconsistent-name`: One actor spelled two ways in the same article.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "inconsistent-name",
    default_severity: Severity::Warning,
    description: "One actor spelled two ways in the same article.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
