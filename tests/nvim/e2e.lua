-- The end-to-end test of `plesk-lint server` with a real editor: headless Neovim (0.7 and
-- later) and its built-in LSP client, run by tests/it/server.rs as
--   nvim --headless --clean -u tests/nvim/e2e.lua PACKET
-- with PLESK_LINT_BIN (the server binary) and PLESK_LINT_E2E_LOG (where each step is
-- logged; the last line is "e2e: all passed" on success) in the environment.
--
-- It does what a user does: open a packet, see the out-of-order element, edit the unsaved
-- buffer, mistype an element name, apply the quickfix through vim.lsp.buf.code_action(),
-- hover an element and ask for completion.

local log_path = assert(os.getenv('PLESK_LINT_E2E_LOG'), 'PLESK_LINT_E2E_LOG unset')
local bin = assert(os.getenv('PLESK_LINT_BIN'), 'PLESK_LINT_BIN unset')
local TIMEOUT = 20000

local function log(line)
  local file = assert(io.open(log_path, 'a'))
  file:write(line, '\n')
  file:close()
end

local function fail(message)
  log('FAIL: ' .. message)
  vim.cmd('cquit 1')
end

local function check(condition, message)
  if not condition then
    error(message, 2)
  end
end

-- A run that hangs anywhere fails instead of holding the test forever.
vim.defer_fn(function()
  fail('timed out')
end, 60000)

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(buf)
  check(path:match('packet%.xml$'), 'the packet is the current buffer: ' .. path)

  -- Every publication as the server sent it, to check columns in its own encoding.
  local published = {}
  -- The documented setup (editors/neovim/plesk-lint.lua), started by the FileType event.
  local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
  local plesk = dofile(here .. '/../../editors/neovim/plesk-lint.lua')
  plesk.setup({
    cmd = { bin, 'server' },
    -- Neovim 0.7 batches changes (150 ms by default); the test wants each one at once.
    flags = { debounce_text_changes = 0 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        table.insert(published, result)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  vim.bo[buf].filetype = 'xml'
  -- A client counts as attached once it is initialized.
  check(vim.wait(TIMEOUT, function()
    return next(vim.lsp.buf_get_clients(buf)) ~= nil
  end, 10), 'the FileType autocommand attached a client')
  local client_id = next(vim.lsp.buf_get_clients(buf))
  local client = vim.lsp.get_client_by_id(client_id)

  local function diagnostics()
    return vim.diagnostic.get(buf)
  end
  local function wait_for(what, condition)
    check(vim.wait(TIMEOUT, condition, 10), 'timed out waiting for ' .. what)
  end

  -- 1. The out-of-order element, at its line and UTF-16 column, with its code.
  wait_for('the first diagnostics', function()
    return #diagnostics() > 0
  end)
  local found = diagnostics()
  check(#found == 1, 'one diagnostic, got ' .. vim.inspect(found))
  check(found[1].code == 'out-of-order', 'code out-of-order, got ' .. tostring(found[1].code))
  check(found[1].lnum == 8, 'on line 9, got ' .. found[1].lnum + 1)
  local line = vim.api.nvim_buf_get_lines(buf, 8, 9, true)[1]
  local byte = line:find('<pop3_imap_in>', 1, true) -- 1-based `<`: the name's 0-based column
  local _, utf16 = vim.str_utfindex(line, byte)
  check(found[1].col == byte, 'byte column ' .. byte .. ', got ' .. found[1].col)
  local raw = published[#published].diagnostics[1]
  check(raw.range.start.character == utf16,
    'UTF-16 column ' .. utf16 .. ' from the server, got ' .. raw.range.start.character)
  check(client.offset_encoding == 'utf-16', 'utf-16 negotiated, got ' .. tostring(client.offset_encoding))
  log('ok: out-of-order at line 9, UTF-16 column ' .. utf16)

  -- 2. Editing the unsaved buffer clears it: swap the two lines.
  local lines = vim.api.nvim_buf_get_lines(buf, 7, 9, true)
  vim.api.nvim_buf_set_lines(buf, 7, 9, true, { lines[2], lines[1] })
  wait_for('the edit to clear the diagnostic', function()
    return #diagnostics() == 0
  end)
  check(vim.bo[buf].modified, 'the buffer is unsaved')
  log('ok: the unsaved edit cleared it')

  -- 3. A documentation-style typo: dom-id.
  local dom = vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1]
  vim.api.nvim_buf_set_lines(buf, 3, 4, true, { (dom:gsub('dom_id', 'dom-id')) })
  wait_for('the typo', function()
    return #diagnostics() > 0
  end)
  found = diagnostics()
  check(#found == 1 and found[1].code == 'unknown-element' and found[1].lnum == 3,
    'unknown-element on line 4, got ' .. vim.inspect(found))
  log('ok: dom-id is an unknown-element')

  -- 4. The quickfix, through the editor's own code-action command (picking the first).
  vim.ui.select = function(items, _, on_choice)
    on_choice(items[1], 1)
  end
  vim.api.nvim_win_set_cursor(0, { 4, 8 })
  vim.lsp.buf.code_action()
  wait_for('the quickfix to apply', function()
    return vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1]:find('<dom_id>1134</dom_id>', 1, true) ~= nil
  end)
  wait_for('the fixed buffer to have no diagnostics', function()
    return #diagnostics() == 0 and published[#published].version == vim.lsp.util.buf_versions[buf]
  end)
  log('ok: the quickfix left no diagnostics')

  -- 5. Hover on dom_id names its type.
  vim.api.nvim_win_set_cursor(0, { 4, 9 })
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    vim.lsp.util.make_position_params(), TIMEOUT)
  local hover = responses and responses[client_id] and responses[client_id].result
  check(hover and hover.contents and hover.contents.value, 'a hover, got ' .. vim.inspect(responses))
  check(hover.contents.value:find('integer', 1, true), 'the type in ' .. hover.contents.value)
  log('ok: hover on dom_id says ' .. hover.contents.value:match('type: [^\n]*'))

  -- 6. Completion after <dom_id>…</dom_id> inside <set_traffic> offers date first.
  vim.api.nvim_buf_set_lines(buf, 4, 4, true, { '      ' })
  vim.api.nvim_win_set_cursor(0, { 5, 6 })
  responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion',
    vim.lsp.util.make_position_params(), TIMEOUT)
  local result = responses and responses[client_id] and responses[client_id].result
  local items = result and (result.items or result)
  check(items and items[1] and items[1].label == 'date', 'date offered first, got ' .. vim.inspect(result))
  log('ok: completion offers ' .. items[1].label)

  -- 7. Typing `<d`: what Neovim's omnifunc inserts (it keeps the items whose text starts
  -- with what follows the `<`, and inserts that text).
  vim.api.nvim_buf_set_lines(buf, 4, 5, true, { '      <d' })
  vim.api.nvim_win_set_cursor(0, { 5, 8 })
  responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion',
    vim.lsp.util.make_position_params(), TIMEOUT)
  result = responses and responses[client_id] and responses[client_id].result
  local offered = vim.lsp.util.text_document_completion_list_to_complete_items(result, 'd')
  check(offered[1] and offered[1].word == 'date></date>',
    'omnifunc would insert date></date>, got ' .. vim.inspect(offered))
  log('ok: omnifunc inserts <' .. offered[1].word)

  vim.lsp.stop_client(client_id)
  log('e2e: all passed')
  vim.cmd('qa!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      fail(tostring(err))
    end
  end,
})
