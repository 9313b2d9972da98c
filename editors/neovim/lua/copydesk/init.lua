--- copydesk for Neovim 0.11+: a thin client for the `copydesk lsp` server.
---
---   require('copydesk').setup{}                       -- defaults
---   require('copydesk').setup{
---     cmd = { '/path/to/copydesk', 'lsp' },           -- server not on $PATH
---     settings = { rules = { ['unattributed-quote'] = 'error' } },
---   }
---
--- All analysis happens in the server; this module only registers the
--- configuration (lsp/copydesk.lua in this plugin holds the defaults) and
--- enables it. See :help copydesk.
local M = {}

--- Keys of setup{} that are not vim.lsp.Config fields.
local own = { settings = true, enable = true }

---@param opts? table  vim.lsp.Config fields (cmd, filetypes, root_markers, on_attach, ...),
---                    plus `settings` (the server's settings, passed through as they are)
---                    and `enable` (default true).
function M.setup(opts)
  opts = opts or {}
  if vim.fn.has('nvim-0.11') ~= 1 then
    vim.notify('copydesk needs Neovim 0.11 or newer (vim.lsp.config)', vim.log.levels.ERROR)
    return
  end
  local config = {}
  for k, v in pairs(opts) do
    if not own[k] then
      config[k] = v
    end
  end
  if opts.settings ~= nil then
    local settings = next(opts.settings) == nil and vim.empty_dict() or opts.settings
    config.init_options = settings
    config.settings = { copydesk = settings }
  end
  -- The plugin's lsp/copydesk.lua supplies the defaults when this plugin is on
  -- the runtimepath; setting them here too keeps setup{} working when only
  -- lua/ was copied.
  local ok, defaults = pcall(dofile, M.lsp_config_file())
  if ok and type(defaults) == 'table' then
    config = vim.tbl_deep_extend('keep', config, defaults)
  end
  vim.lsp.config('copydesk', config)
  local cmd = (vim.lsp.config.copydesk or config).cmd
  if type(cmd) == 'table' and vim.fn.executable(cmd[1]) ~= 1 then
    vim.notify(
      ('copydesk: server %q not found; install it (cargo install --path .) or pass setup{ cmd = { "/path/to/copydesk", "lsp" } }'):format(cmd[1]),
      vim.log.levels.WARN
    )
  end
  if opts.enable ~= false then
    vim.lsp.enable('copydesk')
  end
end

--- Path of this plugin's lsp/copydesk.lua.
function M.lsp_config_file()
  local here = debug.getinfo(1, 'S').source:sub(2)
  return vim.fs.joinpath(vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(here))), 'lsp', 'copydesk.lua')
end

return M
