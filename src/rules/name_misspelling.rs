//! `name-misspelling`: A near miss of a known name.

use super::{Context, RuleInfo};
use crate::analysis::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "name-misspelling",
    default_severity: Severity::Warning,
    description: "A near miss of a known name.",
};

pub fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
