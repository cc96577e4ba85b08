" plesk-lint's language server as an ALE linter (https://github.com/dense-analysis/ale):
" copy to ~/.vim/ale_linters/xml/plesk_lint.vim, where ALE looks for XML linters.
call ale#linter#Define('xml', {
      \ 'name': 'plesk-lint',
      \ 'lsp': 'stdio',
      \ 'executable': 'plesk-lint',
      \ 'command': '%e server',
      \ 'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
      \ })
