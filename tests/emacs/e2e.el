;;; e2e.el --- plesk-lint's language server driven by Emacs and eglot  -*- lexical-binding: t; -*-

;; Run by tests/it/server.rs as
;;   emacs --batch -q -l tests/emacs/e2e.el
;; with PLESK_LINT_E2E_PACKET (the packet to open), PLESK_LINT_E2E_LOG (where each step is
;; logged; the last line is "e2e: all passed" on success) and the built binary first on PATH.
;; It loads the documented setup (editors/emacs/plesk-lint.el), opens the packet in
;; nxml-mode, and checks the diagnostics, a quick fix through `eglot-code-actions', hover
;; and completion.
;;
;; Batch Emacs runs no commands and no idle timers, so the two things eglot does on them are
;; done by hand: connecting (`eglot-ensure' waits for the next command) and sending changes
;; (eglot batches them on an idle timer).

;;; Code:

(require 'cl-lib)

(defvar e2e-root (expand-file-name "../.." (file-name-directory load-file-name)))
(defvar e2e-log-file (getenv "PLESK_LINT_E2E_LOG"))
(defvar e2e-published nil "Every publishDiagnostics params, newest first.")

(defun e2e-log (format-string &rest args)
  (with-temp-buffer
    (insert (apply #'format format-string args) "\n")
    (append-to-file (point-min) (point-max) e2e-log-file)))

(defun e2e-fail (format-string &rest args)
  (apply #'e2e-log (concat "FAIL: " format-string) args)
  (kill-emacs 1))

(defun e2e-wait (what predicate)
  (let ((deadline (+ (float-time) 20)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (e2e-fail "timed out waiting for %s" what))
      (accept-process-output nil 0.02))))

(defun e2e-diagnostics-after (count)
  "The diagnostics of the first publication after the first COUNT."
  (e2e-wait "diagnostics" (lambda () (> (length e2e-published) count)))
  (append (plist-get (car e2e-published) :diagnostics) nil))

(defun e2e-code (diagnostic) (plist-get diagnostic :code))
(defun e2e-line (diagnostic)
  (plist-get (plist-get (plist-get diagnostic :range) :start) :line))

(load (expand-file-name "editors/emacs/plesk-lint.el" e2e-root))

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &rest params &allow-other-keys)
  (push params e2e-published))

(defun e2e-run ()
  (find-file (getenv "PLESK_LINT_E2E_PACKET"))
  (unless (derived-mode-p 'nxml-mode)
    (e2e-fail "the packet is in %s, not nxml-mode" major-mode))
  (run-hooks 'post-command-hook)
  (e2e-wait "the connection" #'eglot-current-server)
  ;; 1. The out-of-order element on line 9.
  (let ((found (e2e-diagnostics-after 0)))
    (unless (and (= (length found) 1)
                 (equal (e2e-code (car found)) "out-of-order")
                 (= (e2e-line (car found)) 8))
      (e2e-fail "expected out-of-order on line 9, got %S" found)))
  (e2e-log "ok: out-of-order on line 9")
  ;; 2. A typo, unsaved: dom-id.
  (goto-char (point-min))
  (forward-line 3)
  (while (search-forward "dom_id" (line-end-position) t)
    (replace-match "dom-id"))
  (let ((seen (length e2e-published)))
    (eglot--signal-textDocument/didChange)
    (let ((found (e2e-diagnostics-after seen)))
      (unless (member "unknown-element" (mapcar #'e2e-code found))
        (e2e-fail "expected unknown-element, got %S" found))))
  (e2e-log "ok: dom-id is an unknown-element")
  ;; 3. The quick fix, picked and applied by eglot.
  (goto-char (point-min))
  (forward-line 3)
  (search-forward "dom-id")
  (let ((actions (eglot-code-actions (point) (point) "quickfix")))
    (unless actions (e2e-fail "no quickfix offered"))
    ;; The fix comes first, the suppression comment second: take the fix, as a user would.
    (eglot--read-execute-code-action (list (car actions)) (eglot-current-server) "quickfix"))
  (unless (save-excursion (goto-char (point-min)) (search-forward "<dom_id>1134</dom_id>" nil t))
    (e2e-fail "the quickfix did not rename: %s" (buffer-string)))
  (let ((seen (length e2e-published)))
    (eglot--signal-textDocument/didChange)
    (let ((found (e2e-diagnostics-after seen)))
      (when (member "unknown-element" (mapcar #'e2e-code found))
        (e2e-fail "the typo is still reported: %S" found))))
  (e2e-log "ok: the quickfix renamed dom-id")
  ;; 4. Hover on dom_id.
  (goto-char (point-min))
  (search-forward "<dom_")
  (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
         (text (plist-get (plist-get hover :contents) :value)))
    (unless (and text (string-match-p "integer" text))
      (e2e-fail "hover without the type: %S" hover)))
  (e2e-log "ok: hover names the type")
  ;; 5. Completion after </dom_id>.
  (goto-char (point-min))
  (search-forward "</dom_id>")
  (insert "\n      ")
  (eglot--signal-textDocument/didChange)
  (let* ((completion (jsonrpc-request (eglot-current-server) :textDocument/completion
                                      (eglot--TextDocumentPositionParams)))
         (items (plist-get completion :items))
         (first (and items (> (length items) 0) (aref items 0))))
    (unless (equal (plist-get first :label) "date")
      (e2e-fail "date not offered first: %S" completion)))
  (e2e-log "ok: completion offers date")
  (set-buffer-modified-p nil)
  (eglot-shutdown (eglot-current-server))
  (e2e-log "e2e: all passed")
  (kill-emacs 0))

(condition-case error
    (e2e-run)
  (error (e2e-fail "%S" error)))

;;; e2e.el ends here
