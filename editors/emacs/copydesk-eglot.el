;;; copydesk-eglot.el --- use copydesk with eglot  -*- lexical-binding: t -*-
;;
;; Copy this into your init file (or `load' it). It tells eglot (built into
;; Emacs 29; `M-x package-install RET eglot' or apt `elpa-eglot' on Emacs 28)
;; to run `copydesk lsp' for plain-text and Markdown buffers, and to connect
;; automatically when you open one. `copydesk' must be on your `exec-path'
;; (cargo install --path . in the copydesk repository puts it in ~/.cargo/bin).
;;
;; Hover (M-x eldoc, or just move point) shows who an actor is; flymake
;; underlines unattributed quotes and broken quote marks; M-x eglot-code-actions
;; applies a quick fix; M-x imenu lists the article's sections.

(require 'eglot)

(add-to-list 'eglot-server-programs
             '((text-mode markdown-mode gfm-mode) . ("copydesk" "lsp")))

;; Connect when a text or Markdown buffer opens.
(add-hook 'text-mode-hook #'eglot-ensure)
(with-eval-after-load 'markdown-mode
  (add-hook 'markdown-mode-hook #'eglot-ensure))

;; Server settings (rule severities, quote word threshold, knowledge-base
;; files) go in `eglot-workspace-configuration', e.g. in .dir-locals.el:
;;   ((nil . ((eglot-workspace-configuration
;;             . (:copydesk (:rules (:unattributed-quote "error")))))))

;;; copydesk-eglot.el ends here
