" plesk-lint's language server with vim-lsp (https://github.com/prabirshrestha/vim-lsp):
" source this file from your vimrc. vim-lsp sends `lsp_setup` once it is loaded; without
" vim-lsp the autocommand never runs. For ALE, see ale_linters/xml/plesk_lint.vim.
augroup plesk_lint_vim_lsp
  autocmd!
  autocmd User lsp_setup call lsp#register_server({
        \ 'name': 'plesk-lint',
        \ 'cmd': {server_info -> ['plesk-lint', 'server']},
        \ 'allowlist': ['xml'],
        \ 'initialization_options': {},
        \ })
augroup END
