" The end-to-end test of `plesk-lint server` with Vim and ALE, run by tests/it/server.rs as
"   vim -N -u tests/vim/e2e.vim -i NONE -n -es PACKET
" with PLESK_LINT_ALE (ALE's directory), PLESK_LINT_E2E_LOG (where each step is logged; the
" last line is "e2e: all passed" on success) and the built binary first on PATH. It uses the
" documented linter file (editors/vim/ale_linters/xml/plesk_lint.vim).

let s:root = fnamemodify(expand('<sfile>:p:h'), ':h:h')
let s:log = $PLESK_LINT_E2E_LOG
execute 'set runtimepath^=' . fnameescape($PLESK_LINT_ALE)
execute 'set runtimepath+=' . fnameescape(s:root . '/editors/vim')
filetype plugin on
let g:ale_linters = {'xml': ['plesk-lint']}
let g:ale_lint_delay = 0
let g:ale_lint_on_text_changed = 'always'
runtime plugin/ale.vim

function! s:Log(line) abort
  call writefile([a:line], s:log, 'a')
endfunction

function! s:Fail(message) abort
  call s:Log('FAIL: ' . a:message)
  cquit 1
endfunction

" ALE's findings for the buffer once the check of its current text is done.
function! s:Findings(what) abort
  let l:deadline = reltimefloat(reltime()) + 20
  while reltimefloat(reltime()) < l:deadline
    sleep 20m
    if !ale#engine#IsCheckingBuffer(bufnr(''))
          \ && exists('g:ale_buffer_info') && has_key(g:ale_buffer_info, bufnr(''))
      let l:list = g:ale_buffer_info[bufnr('')].loclist
      if a:what ==# 'none' ? empty(l:list) : !empty(l:list)
        return l:list
      endif
    endif
  endwhile
  call s:Fail('timed out waiting for ' . a:what . ' findings')
endfunction

function! s:Run() abort
  if &filetype !=# 'xml'
    call s:Fail('the packet is not xml but ' . &filetype)
  endif
  ALELint
  let l:found = s:Findings('some')
  if len(l:found) != 1 || l:found[0].code !=# 'out-of-order' || l:found[0].lnum != 9
    call s:Fail('expected out-of-order on line 9, got ' . string(l:found))
  endif
  call s:Log('ok: out-of-order on line 9')
  " An unsaved edit: swap the two lines.
  call setline(8, [getline(9), getline(8)])
  ALELint
  call s:Findings('none')
  call s:Log('ok: the unsaved edit cleared it')
  call setline(4, substitute(getline(4), 'dom_id', 'dom-id', 'g'))
  ALELint
  let l:found = s:Findings('some')
  if l:found[0].code !=# 'unknown-element' || l:found[0].lnum != 4
    call s:Fail('expected unknown-element on line 4, got ' . string(l:found))
  endif
  call s:Log('ok: dom-id is an unknown-element')
  call s:Log('e2e: all passed')
  qall!
endfunction

function! s:Main() abort
  try
    call s:Run()
  catch
    call s:Fail(v:exception . ' at ' . v:throwpoint)
  endtry
endfunction

autocmd VimEnter * call s:Main()
