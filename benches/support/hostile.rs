//! Hostile shapes of text: documents no reporter writes but an editor may
//! open (a CSV pasted into a draft, a run of marks, one "sentence" of
//! thousands of quotes or names). Each once took time growing with the
//! square of its length; benches/analysis.rs measures them at two sizes
//! (the time should grow as the size does), tests/hostile_shapes.rs checks
//! what the analysis finds in them.

/// `unit` repeated to `size` bytes (whole copies).
fn rep(unit: &str, size: usize) -> String {
    unit.repeat((size / unit.len()).max(1))
}

/// `Joost Habcmann met. Habcman said “...”` for ever new letters `abc`,
/// to about `size` bytes.
fn many_people_misspelled(size: usize) -> String {
    let mut out = String::new();
    let mut i = 0usize;
    while out.len() < size {
        let code: String = (0..3)
            .map(|k| char::from(b'a' + ((i / 26usize.pow(k)) % 26) as u8))
            .collect();
        out.push_str(&format!(
            "Joost H{code}mann met. H{code}man said “we will see it through.” "
        ));
        i += 1;
    }
    out
}

/// (name, text of about `size` bytes) for every shape.
pub fn shapes(size: usize) -> Vec<(&'static str, String)> {
    vec![
        // One sentence of short quotes: each quote's words before it were
        // tokenized from the sentence's start.
        ("quotes-in-one-sentence", rep("\"x\" ", size)),
        // Quoted fields, one line each, with no sentence end.
        (
            "csv",
            rep(
                "\"id\",\"Smith\",\"said\",\"London\",\"2024-01-01\"\n",
                size,
            ),
        ),
        // A run of marks: each looked along the run for its neighbours.
        ("run-of-marks", rep("“", size)),
        ("run-of-apostrophes", rep("'", size)),
        // Speech verbs and quotes between dashes in one sentence.
        ("dashes-and-verbs", rep("— said “x” ", size)),
        // Names and verbs without a full stop: introductions were read
        // from the sentence's start for every name.
        ("names-without-stops", rep("John Smith said ", size)),
        // Quotes nested in one outer quote without a sentence end.
        (
            "nested-in-one-quote",
            format!("“{}”", rep("he said ‘b’ ", size)),
        ),
        // A long colon lead-in, then a paragraph of quotes: each quote read
        // the lead-in again.
        (
            "quotes-after-a-long-lead-in",
            format!(
                "Jane Roe said {}:\n\n{}",
                rep("and so on ", size / 2),
                rep("\"x\", ", size / 2)
            ),
        ),
        // One paragraph of sentences and unattributed quotes: each quote
        // walked the paragraph's quotes and tokenized it for a pronoun.
        (
            "unattributed-quotes-in-one-paragraph",
            rep("It rained. “We will see it through to the end.” ", size),
        ),
        // One paragraph of `It said`: each read every sentence back for an
        // organisation.
        (
            "it-said-in-one-paragraph",
            rep("It said “we will see it through.” ", size),
        ),
        // The same, with an organisation opening every other sentence. Not
        // slow before 7 Dec (the walk stopped at the nearest one), but a
        // step of that day's fix copied and walked the paragraph's list of
        // them for each `It said`: kept so that stays fixed.
        (
            "organisation-and-it-said-in-one-paragraph",
            rep(
                "The Ministry of Defence met. It said “we will see it through.” ",
                size,
            ),
        ),
        // Many outer quotes, each holding a nested one: each nested one
        // looked at every quote for the one holding it.
        ("nested-quotes", rep("“a ‘b’ c” ", size)),
        // A body named in full all through the text, and by its first
        // word: `Ford` was resolved to `Ford Motor Company` by a walk over
        // every earlier full name opening with `Ford`, each looked for
        // among every quotation (found on 7 Dec, fifth session: 26 s at
        // 256 KiB).
        (
            "name-opening-throughout",
            rep(
                "Ford Motor Company met. Ford said “we will see it through.” ",
                size,
            ),
        ),
        // One organisation, then a paragraph of people and `It said`:
        // each `It` walked back over every sentence opening on a name to
        // the organisation, resolving each name again (found on 7 Dec,
        // fifth session: 1.02 s at 256 KiB against 0.09 s at 64 KiB).
        (
            "organisation-far-before-it-said",
            format!(
                "The Ministry of Defence met. {}",
                rep(
                    "John Smith arrived. It said “we will see it through.” ",
                    size
                )
            ),
        ),
        // Thousands of people, each named in full and then by a surname
        // one letter off (`Joost Habcmann met. Habcman said`): each
        // misspelled surname was tested against every surname of the same
        // first letter and a length one off (found on 7 Dec, fifth
        // session: 2.87 s at 256 KiB against 0.19 s at 64 KiB).
        ("many-people-misspelled", many_people_misspelled(size)),
        // A known person's name misspelled all through the text: each
        // misspelling looked at every occurrence of the written surname
        // again, and added each as a mention by an insertion into the
        // sorted mentions (found on 7 Dec, fifth session: 0.92 s at
        // 256 KiB against 0.06 s at 64 KiB).
        (
            "misspelled-name-throughout",
            rep(
                "Jack Watling met. Jack Watlin said “we will see it through.” ",
                size,
            ),
        ),
    ]
}
