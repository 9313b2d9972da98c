-- Real-editor test: copydesk through Neovim 0.11's own LSP client.
--
--   COPYDESK_SERVER=target/debug/copydesk COPYDESK_PLUGIN=editors/neovim \
--   COPYDESK_FILE=/tmp/x/iran-iraq-influence.txt nvim --headless --clean -l scripts/e2e/neovim/check.lua
--
-- Loads the plugin (editors/neovim) the way a user does,
-- require('copydesk').setup{ cmd = ... }, opens the reference article and
-- checks hover, document symbols, diagnostics, a code action applied, and an
-- inlay hint. Prints one line per check, `ok - NAME` or `not ok - NAME: why`,
-- and exits 1 if any check failed.

local server = assert(os.getenv('COPYDESK_SERVER'), 'set COPYDESK_SERVER')
local plugin = assert(os.getenv('COPYDESK_PLUGIN'), 'set COPYDESK_PLUGIN')
local file = assert(os.getenv('COPYDESK_FILE'), 'set COPYDESK_FILE')
local label = os.getenv('COPYDESK_LABEL') or vim.fn.fnamemodify(file, ':e')
local timeout = tonumber(os.getenv('COPYDESK_TIMEOUT_MS') or '15000')

local failed, passed = 0, 0
local function report(name, ok, why)
  if ok then
    passed = passed + 1
    io.stdout:write(('ok - nvim %s: %s\n'):format(label, name))
  else
    failed = failed + 1
    io.stdout:write(('not ok - nvim %s: %s: %s\n'):format(label, name, why or 'failed'))
  end
  io.stdout:flush()
end

--- Run one check: fn returns true, or false/nil and a reason; errors count as failures.
local function check(name, fn)
  local ok, res, why = pcall(fn)
  if not ok then
    report(name, false, tostring(res))
  else
    report(name, res == true, why)
  end
end

local function finish()
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop(true)
  end
  vim.wait(1000, function() return #vim.lsp.get_clients() == 0 end, 50)
  os.exit(failed == 0 and 0 or 1)
end

local function short(v)
  local s = type(v) == 'string' and v or vim.inspect(v)
  s = s:gsub('%s+', ' ')
  return #s > 300 and (s:sub(1, 300) .. '...') or s
end

-- Record every publishDiagnostics the server sends, then let Neovim handle it.
local published = {}
local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  table.insert(published, result)
  return orig(err, result, ctx, config)
end

vim.opt.runtimepath:prepend(plugin)
-- One setting passed through setup{}: the unattributed quote becomes an error.
-- A server named `copydesk' is found on $PATH, as a user's would be (the
-- plugin's default cmd); any other (a test double) is passed as cmd.
local settings = { rules = { ['unattributed-quote'] = 'error' } }
if vim.fs.basename(server) == 'copydesk' then
  vim.env.PATH = vim.fs.dirname(vim.fn.fnamemodify(server, ':p')) .. ':' .. vim.env.PATH
  require('copydesk').setup({ settings = settings })
else
  require('copydesk').setup({ cmd = { server, 'lsp' }, settings = settings })
end
vim.cmd('filetype on')
vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()

-- Paragraph n (1-based) -> 0-based line of its first line.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local para_line = {}
do
  local prev_blank = true
  for i, l in ipairs(lines) do
    local blank = l:match('^%s*$') ~= nil
    if not blank and prev_blank then
      table.insert(para_line, i - 1)
    end
    prev_blank = blank
  end
end
local function para_of(lnum)
  local p = 0
  for i, l in ipairs(para_line) do
    if l <= lnum then p = i end
  end
  return p
end

local client
check('server attaches (filetype ' .. vim.bo[buf].filetype .. ')', function()
  local ok = vim.wait(timeout, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
    return client ~= nil and client.initialized == true
  end, 50)
  if not ok then
    return false, ('no initialized copydesk client on the buffer within %d ms (server %s)'):format(timeout, server)
  end
  return true
end)
if not client then
  finish()
end

local function request(method, params)
  local resp, err = client:request_sync(method, params, timeout, buf)
  if not resp then
    error(('%s: no answer (%s)'):format(method, tostring(err)))
  end
  if resp.err then
    error(('%s: error %s'):format(method, short(resp.err)))
  end
  return resp.result
end

local function cursor_at(pattern, para)
  local lnum = para_line[para]
  local line = lines[lnum + 1]
  local col = line:find(pattern, 1, true)
  if not col then
    error(('%q not found in ¶%d'):format(pattern, para))
  end
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col - 1 })
  return vim.lsp.util.make_position_params(0, client.offset_encoding)
end

-- 1. Diagnostics: the unattributed quote in ¶36, the last paragraph.
check('diagnostics: unattributed-quote in ¶36', function()
  local found
  vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'unattributed-quote' then
        found = found or {}
        table.insert(found, d)
      end
    end
    return found ~= nil
  end, 50)
  if not found then
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(codes, ('%s@¶%d'):format(tostring(d.code), para_of(d.lnum)))
    end
    return false, ('no unattributed-quote diagnostic (%d notifications; got: %s)'):format(#published, table.concat(codes, ', '))
  end
  local where = {}
  for _, d in ipairs(found) do
    table.insert(where, para_of(d.lnum))
  end
  if #found ~= 1 or where[1] ~= #para_line then
    return false, ('unattributed-quote expected only in ¶%d, found in ¶%s'):format(#para_line, table.concat(where, ', ¶'))
  end
  return true
end)

check('settings pass through: unattributed-quote is an error', function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'unattributed-quote' then
      if d.severity == vim.diagnostic.severity.ERROR then
        return true
      end
      return false, ('severity %s, not ERROR, with setup{ settings = { rules = { ["unattributed-quote"] = "error" } } }'):format(
        vim.diagnostic.severity[d.severity]
      )
    end
  end
  return false, 'no unattributed-quote diagnostic'
end)

-- 2. Hover on an actor: "Gerges" in ¶10 is Fawaz Gerges.
check('hover on "Gerges" (¶10) shows Fawaz Gerges', function()
  local params = cursor_at('Gerges', 10)
  local result = request('textDocument/hover', params)
  if not result then
    return false, 'hover returned nothing'
  end
  local text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(result.contents), '\n')
  if not text:find('Fawaz Gerges', 1, true) then
    return false, 'hover does not name Fawaz Gerges: ' .. short(text)
  end
  return true
end)

-- 3. Document symbols: the three sections, in order.
check('document symbols: the three sections', function()
  local result = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
  if not result or #result == 0 then
    return false, 'no document symbols'
  end
  local names = {}
  local function walk(list)
    for _, s in ipairs(list) do
      table.insert(names, s.name)
      if s.children then
        walk(s.children)
      end
    end
  end
  walk(result)
  local want = { 'How Iran Seized Iraq', 'Trump sends mixed messages', 'Win hearts and minds' }
  local at = 0
  for _, w in ipairs(want) do
    local found
    for i = at + 1, #names do
      if names[i] == w then
        found = i
        break
      end
    end
    if not found then
      return false, ('section %q missing or out of order; symbols: %s'):format(w, short(names))
    end
    at = found
  end
  return true
end)

-- 4. A code action applied: the misdirected closing mark in ¶10 (`home “said`).
check('code action fixes the misdirected quote mark in ¶10', function()
  local lnum = para_line[10]
  local before = lines[lnum + 1]
  local diag
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = lnum })) do
    if d.code == 'misdirected-quote-mark' then
      diag = d
    end
  end
  if not diag then
    return false, 'no misdirected-quote-mark diagnostic in ¶10'
  end
  local lsp_diag = diag.user_data and diag.user_data.lsp
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }
  local actions = request('textDocument/codeAction', params) or {}
  -- The fix for this diagnostic: the action that names it, else the first with an edit.
  local action
  for _, a in ipairs(actions) do
    for _, d in ipairs(a.diagnostics or {}) do
      if d.code == 'misdirected-quote-mark' and not action then
        action = a
      end
    end
  end
  if not action then
    for _, a in ipairs(actions) do
      if a.edit or (a.data and a.title) then
        action = a
        break
      end
    end
  end
  if not action then
    return false, 'no quick fix offered: ' .. short(actions)
  end
  if not action.edit and action.data then
    action = request('codeAction/resolve', action)
  end
  if not action.edit then
    return false, 'quick fix has no edit: ' .. short(action)
  end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local after = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
  if after == before then
    return false, ('applying %q changed nothing in ¶10'):format(action.title)
  end
  local tail = after:match('go home(.-)said') or ''
  if tail:find('“', 1, true) or not tail:find('”', 1, true) then
    local titles = vim.tbl_map(function(a) return a.title end, actions)
    return false, ('after %q, ¶10 reads %q (actions offered: %s)'):format(action.title, after:sub(-40), table.concat(titles, ' | '))
  end
  -- The server saw the edit: its copy equals the buffer.
  local want = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  local ok = vim.wait(timeout, function()
    local r = client:request_sync('copydesk/documentText', { textDocument = { uri = vim.uri_from_bufnr(buf) } }, timeout, buf)
    local got = r and r.result and r.result.text
    return got ~= nil and (got == want or got == want .. '\n')
  end, 100)
  if not ok then
    return false, "the server's copy of the document differs from the buffer after the edit"
  end
  return true
end)

-- 5. Inlay hint: the speaker resolved from "he said" in ¶26 or ¶28 is Jack Watling.
check('inlay hint: "Jack Watling" after "he" in ¶26 or ¶28', function()
  local n = #vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = 0, character = 0 }, ['end'] = { line = n, character = 0 } },
  }
  local hints = request('textDocument/inlayHint', params) or {}
  local seen = {}
  for _, h in ipairs(hints) do
    local text = h.label
    if type(text) == 'table' then
      local parts = {}
      for _, p in ipairs(text) do
        table.insert(parts, p.value)
      end
      text = table.concat(parts)
    end
    local p = para_of(h.position.line)
    local line = vim.api.nvim_buf_get_lines(buf, h.position.line, h.position.line + 1, false)[1] or ''
    local ok_col, col = pcall(vim.str_byteindex, line, client.offset_encoding, h.position.character, false)
    local before = ok_col and line:sub(1, col) or ''
    table.insert(seen, ('¶%d after %q: %s'):format(p, before:sub(-12), text))
    if text:find('Jack Watling', 1, true) and (p == 26 or p == 28) and before:match('%f[%w][Hh]e%s*$') then
      -- and Neovim shows it: enable inlay hints and read them back.
      vim.lsp.inlay_hint.enable(true, { bufnr = buf })
      local shown = vim.wait(timeout, function()
        for _, ih in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
          local l = ih.inlay_hint.label
          if type(l) == 'table' then
            l = table.concat(vim.tbl_map(function(x) return x.value end, l))
          end
          if l:find('Jack Watling', 1, true) then
            return true
          end
        end
        return false
      end, 100)
      if not shown then
        return false, 'the server sent the hint but Neovim never displayed it'
      end
      return true
    end
  end
  return false, ('no "Jack Watling" hint after "he" in ¶26/¶28; hints: %s'):format(short(seen))
end)

finish()
