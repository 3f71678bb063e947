-- Headless Neovim (0.7 API) as a second, independent LSP client for the DPA Lint server.
-- Started by test/nvim/run.mjs:  nvim --headless -u test/nvim/init.lua
-- Environment: DPA_SERVER (path of dist/server.js), DPA_FILE (draft to open), DPA_OUT (JSON result file),
-- DPA_TIMEOUT_MS (how long to wait for diagnostics).
local server = assert(vim.env.DPA_SERVER, 'DPA_SERVER not set')
local file = assert(vim.env.DPA_FILE, 'DPA_FILE not set')
local out = assert(vim.env.DPA_OUT, 'DPA_OUT not set')
local timeout = tonumber(vim.env.DPA_TIMEOUT_MS or '30000')

local result = { nvim = vim.version(), log = {} }
local function log(msg) table.insert(result.log, msg) end
local function finish(code)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd((code == 0) and 'qall!' or ('cquit ' .. code))
end

vim.cmd('filetype on')
local exited = nil
local client_id = vim.lsp.start_client({
  name = 'dpa-lint',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  -- Neovim's filetype for a .txt file is "text"; LSP's language identifier is "plaintext".
  get_language_id = function(_, filetype)
    if filetype == 'text' or filetype == '' then return 'plaintext' end
    return filetype
  end,
  on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  handlers = {
    ['window/logMessage'] = function(_, params) log(params.message) end,
    ['window/showMessage'] = function(_, params) log('showMessage: ' .. params.message) end,
  },
})
if not client_id then
  result.error = 'vim.lsp.start_client returned nil'
  finish(3)
  return
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
result.filetype = vim.bo[buf].filetype
vim.lsp.buf_attach_client(buf, client_id)

local ok = vim.wait(timeout, function()
  return exited ~= nil or #vim.diagnostic.get(buf) > 0
end, 50)

local client = vim.lsp.get_client_by_id(client_id)
if client then
  result.server_name = client.server_info and client.server_info.name or nil
  local caps = client.resolved_capabilities or {}
  result.capabilities = { code_action = caps.code_action and true or false, goto_definition = caps.goto_definition and true or false }
end

if ok and not exited then
  -- Quick fixes for the first diagnostic, asked the way an editor asks (the diagnostic in the context).
  -- The round trip also means whatever the server published for didOpen has arrived.
  local all = vim.diagnostic.get(buf)
  local d = all[1]
  for _, x in ipairs(all) do
    local c = x.code or (x.user_data and x.user_data.lsp and x.user_data.lsp.code)
    if c == vim.env.DPA_FIX_CODE then d = x break end
  end
  local lsp = d.user_data and d.user_data.lsp or {}
  result.code_actions_for = d.code or lsp.code
  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } }
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), range = range,
    context = { diagnostics = { { range = range, severity = d.severity, message = d.message, source = d.source, code = d.code or lsp.code, data = lsp.data } } } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  result.code_actions = {}
  for _, r in pairs(responses) do
    if r.err then log('codeAction error: ' .. vim.inspect(r.err)) end
    for _, a in ipairs(r.result or {}) do table.insert(result.code_actions, a.title) end
  end
end

result.exited = exited
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(result.diagnostics, {
    code = d.code or lsp.code, source = d.source, message = d.message, severity = d.severity,
    lnum = d.lnum, col = d.col,
  })
end
if not ok then result.error = 'no diagnostics within ' .. timeout .. ' ms' end
if exited and #result.diagnostics == 0 then
  result.error = 'the server exited (code ' .. tostring(exited.code) .. ') before publishing diagnostics'
end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return exited ~= nil end, 50)
finish(0)
