//! The server builds the built-in knowledge base on a background thread at
//! `initialize`; the first document opened right after `initialized` is
//! analysed with it (its analysis waits for the base rather than running
//! with an empty one).

mod common;

use common::{reference_article, uri, Server};

#[test]
fn first_document_is_analysed_with_the_builtin_knowledge_base() {
    let mut server = Server::start();
    let init = server.initialize(&["utf-16"]);
    assert!(init["capabilities"].is_object(), "{init}");
    let text = reference_article();
    let doc = uri("iran-iraq-influence.txt");
    server.open(&doc, "plaintext", 1, &text);
    let diags = server.diagnostics(&doc, 1);
    // "Qasm Soleimani" is a near miss of a name only the built-in base knows.
    let line = text[..text.find("Qasm").unwrap()].matches('\n').count() as u64;
    assert!(
        diags.iter().any(|d| d["code"] == "name-misspelling"
            && d["range"]["start"]["line"] == line
            && d["message"]
                .as_str()
                .unwrap_or("")
                .contains("Qasem Soleimani")),
        "no name-misspelling for Qasm in the first diagnostics: {diags:#?}"
    );
    assert!(server.shutdown().success());
}
