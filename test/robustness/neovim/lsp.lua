-- Headless Neovim as a second, outside LSP client: starts dist/server.js with Neovim's built-in client
-- (push diagnostics: Neovim does not pull), waits for the diagnostics of the current buffer and writes
-- them as JSON to $NORMLINT_OUT. Works with Neovim 0.7 (Debian 12) and later.
if os.getenv('NORMLINT_NVIM_DEBUG') then vim.lsp.set_log_level('debug') end
local server = os.getenv('NORMLINT_SERVER')
local out = os.getenv('NORMLINT_OUT')
local received = false
local buf = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buf)

local function write(tbl)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(tbl))
  f:close()
end

local client_id = vim.lsp.start_client({
  name = 'normlint',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result and vim.uri_to_bufnr(result.uri) == buf then received = true end
    end,
  },
})
if not client_id then write({ error = 'vim.lsp.start_client failed' }) vim.cmd('qa!') end
vim.lsp.buf_attach_client(buf, client_id)

local ok = vim.wait(20000, function() return received end, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data and d.user_data.lsp) or {}
  table.insert(items, {
    line = d.lnum, character = d.col, endLine = d.end_lnum, endCharacter = d.end_col,
    message = d.message, source = d.source, code = d.code or lsp.code,
  })
end
local client = vim.lsp.get_client_by_id(client_id)
write({ received = ok, server = client and client.name or vim.NIL, diagnostics = items })
if client then client.stop() end
vim.wait(1000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
