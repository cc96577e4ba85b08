-- plesk-lint's language server in Neovim's built-in client, without plugins.
-- Works on Neovim 0.7 (Debian 12's), which has no vim.lsp.start, and on later versions.
--
-- Copy this file to ~/.config/nvim/lua/plesk-lint.lua and put in init.lua:
--
--   require('plesk-lint').setup()
--
-- or with options (all optional):
--
--   require('plesk-lint').setup({
--     cmd = { '/path/to/plesk-lint', 'server' },
--     filetypes = { 'xml' },
--     -- plesk-lint.toml keys, applied over the file (see docs/editors.md)
--     settings = { ignore = { 'nbsp-indentation' }, ['api-version'] = '1.6.3.0' },
--   })
--
-- The tests (tests/nvim/e2e.lua) use this very file.

local M = {}

-- The directory a buffer's server works in: the closest one above it holding
-- plesk-lint.toml or .git, else the file's own directory.
local function root_dir(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local found = vim.fn.findfile('plesk-lint.toml', dir .. ';')
  if found ~= '' then
    return vim.fn.fnamemodify(found, ':p:h')
  end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return dir
end

-- One client per root directory, started on first use.
local clients = {}

function M.attach(buf, opts)
  opts = opts or {}
  local path = vim.api.nvim_buf_get_name(buf)
  local root = root_dir(path ~= '' and path or vim.fn.getcwd())
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'plesk-lint',
      cmd = opts.cmd or { 'plesk-lint', 'server' },
      root_dir = root,
      init_options = opts.settings,
      -- Neovim 0.7 sends changes every 150 ms by default; plesk-lint checks as you type
      -- and drops stale results itself.
      flags = vim.tbl_extend('keep', opts.flags or {}, { debounce_text_changes = 50 }),
      handlers = opts.handlers,
      on_attach = opts.on_attach,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
  return id
end

function M.setup(opts)
  opts = opts or {}
  local group = vim.api.nvim_create_augroup('plesk-lint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes or { 'xml' },
    callback = function(args)
      M.attach(args.buf, opts)
    end,
  })
end

return M
