# copydesk for Kakoune with kak-lsp 17+ (kakoune-lsp): source this from your
# kakrc after kak-lsp is loaded. For Markdown and plain-text buffers it adds
# the copydesk server, so `lsp-hover` shows who an actor is, diagnostics flag
# unattributed quotes and broken quote marks, `lsp-code-actions` applies a
# quick fix and `lsp-document-symbol` lists the sections.
# `copydesk` must be on your PATH (cargo install --path . in the repository).

hook -group copydesk global WinSetOption filetype=(markdown|text|plain) %{
    set-option -add window lsp_servers %{
        [copydesk]
        root_globs = [".copydesk", ".copydesk.toml", ".git"]
        command = "copydesk"
        args = ["lsp"]
        # settings_section = "copydesk"
        # [copydesk.settings.copydesk]
        # rules = { unattributed-quote = "error" }
    }
    lsp-enable-window
}

# Kakoune gives .txt files no filetype; give them one so the hook fires.
hook -group copydesk global BufCreate .*\.txt %{ set-option buffer filetype text }
