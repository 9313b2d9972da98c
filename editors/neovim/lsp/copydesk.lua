-- copydesk language server for Neovim 0.11+ (vim.lsp.config).
--
-- Drop this file into a directory on your 'runtimepath' under lsp/
-- (e.g. ~/.config/nvim/lsp/copydesk.lua) and enable it with
--
--     vim.lsp.enable('copydesk')
--
-- or install the whole editors/neovim directory as a plugin and call
-- require('copydesk').setup{}. Change anything with vim.lsp.config('copydesk', {...}).
---@type vim.lsp.Config
return {
  -- `copydesk` must be on your $PATH (cargo install --path . in the repository).
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- The article's project: the nearest directory with a .copydesk folder
  -- (or .copydesk.toml), else the git repository. Without either, the file's
  -- own directory (single-file mode).
  root_markers = { '.copydesk', '.copydesk.toml', '.git' },
  workspace_required = false,
  -- Server settings (rules, quote threshold, knowledge-base files): the same
  -- table goes to the server at start (init_options) and on every change
  -- (workspace/didChangeConfiguration, section "copydesk"); setup{ settings = {...} }
  -- sets both.
  settings = { copydesk = vim.empty_dict() },
}
