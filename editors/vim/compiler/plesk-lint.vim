" Vim compiler file for plesk-lint (https://github.com/plesk-lint/plesk-lint).
"
" Put this directory on 'runtimepath' (or copy the file to ~/.vim/compiler/), then
" `:compiler plesk-lint` and `:make` check the current file; `:make .` checks the tree.
" Findings land in the quickfix list with their type (error, warning, info) from %t, and
" columns counted in bytes (`--columns bytes`), as vim's %c counts them.
if exists("current_compiler")
  finish
endif
let current_compiler = "plesk-lint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=plesk-lint\ check\ --output-format\ concise\ --columns\ bytes\ %
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tnfo:\ %m,%-G%.%#
