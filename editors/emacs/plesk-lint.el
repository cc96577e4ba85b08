;;; plesk-lint.el --- plesk-lint's language server with eglot  -*- lexical-binding: t; -*-

;; Load this file from your init file (or copy the forms): XML buffers in nxml-mode get
;; plesk-lint's diagnostics through Flymake, fixes through `eglot-code-actions', hover
;; through ElDoc and completion through `completion-at-point'.
;;
;;   (load "/path/to/plesk-lint/editors/emacs/plesk-lint.el")

;;; Code:

(require 'eglot)

(add-to-list 'eglot-server-programs
             ;; plesk-lint.toml keys go under :initializationOptions (see docs/editors.md).
             '(nxml-mode . ("plesk-lint" "server" :initializationOptions ())))

(add-hook 'nxml-mode-hook #'eglot-ensure)

(provide 'plesk-lint)
;;; plesk-lint.el ends here
