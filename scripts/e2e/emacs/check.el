;;; check.el --- copydesk through Emacs's eglot, in batch  -*- lexical-binding: t -*-
;;
;;   COPYDESK_SERVER=target/debug/copydesk COPYDESK_FILE=/tmp/x/article.txt \
;;     emacs --batch -l scripts/e2e/emacs/check.el
;;
;; (No -Q: Debian's site start is what makes (require 'eglot) work.)
;; Loads editors/emacs/copydesk-eglot.el the way a user would, opens the
;; article, connects eglot, and checks the published diagnostics and a hover.
;; Prints `ok - ...' / `not ok - ...: why' per check; exits 1 if any failed.

(require 'eglot)
(require 'cl-lib)

(defvar copydesk-check-passed 0)
(defvar copydesk-check-failed 0)
(defvar copydesk-check-published nil "Every publishDiagnostics params eglot received.")
(defvar copydesk-check-timeout
  (/ (string-to-number (or (getenv "COPYDESK_TIMEOUT_MS") "15000")) 1000.0))

(defun copydesk-check-report (name ok &optional why)
  (if ok
      (progn (cl-incf copydesk-check-passed) (princ (format "ok - emacs: %s\n" name)))
    (cl-incf copydesk-check-failed)
    (princ (format "not ok - emacs: %s: %s\n" name (or why "failed")))))

(defmacro copydesk-check (name &rest body)
  "Run BODY: it returns t, or a string saying what is wrong."
  (declare (indent 1))
  `(let ((r (condition-case err (progn ,@body) (error (format "error: %S" err)))))
     (copydesk-check-report ,name (eq r t) (if (stringp r) r "failed"))))

(defun copydesk-check-wait (pred)
  "Process input until PRED is non-nil or the timeout passes; return PRED's value."
  (let ((deadline (+ (float-time) copydesk-check-timeout)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun copydesk-check-finish ()
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs (if (= copydesk-check-failed 0) 0 1)))

(let* ((server (or (getenv "COPYDESK_SERVER") (error "set COPYDESK_SERVER")))
       (file (or (getenv "COPYDESK_FILE") (error "set COPYDESK_FILE")))
       (root (file-name-directory (or load-file-name buffer-file-name)))
       (snippet (expand-file-name "../../../editors/emacs/copydesk-eglot.el" root)))
  ;; The user's snippet, with the server path this run built.
  (setq exec-path (cons (file-name-directory (expand-file-name server)) exec-path))
  (load snippet nil t)
  ;; A server not named `copydesk' (a test double) replaces the snippet's command.
  (unless (equal (file-name-nondirectory server) "copydesk")
    (push `((text-mode markdown-mode gfm-mode) . (,(expand-file-name server) "lsp")) eglot-server-programs))
  (advice-add 'eglot-handle-notification :before
              (lambda (_server method &rest params)
                (when (eq method 'textDocument/publishDiagnostics)
                  (push params copydesk-check-published))))
  (setq eglot-sync-connect copydesk-check-timeout)
  (find-file file)
  (text-mode)
  ;; In --batch `eglot-ensure' never fires: connect by hand.
  (condition-case err
      (apply #'eglot (eglot--guess-contact))
    (error (copydesk-check-report "eglot connects" nil (format "%S" err))
           (copydesk-check-finish)))
  (copydesk-check "eglot connects"
    (if (copydesk-check-wait (lambda () (eglot-current-server))) t
      "no eglot server for the buffer"))
  (unless (eglot-current-server) (copydesk-check-finish))

  ;; Paragraph N (1-based) -> its first line (1-based).
  (let ((para-lines '()) (prev-blank t))
    (save-excursion
      (goto-char (point-min))
      (while (not (eobp))
        (let ((blank (looking-at-p "^[ \t]*$")))
          (when (and (not blank) prev-blank) (push (line-number-at-pos) para-lines))
          (setq prev-blank blank))
        (forward-line 1)))
    (setq para-lines (nreverse para-lines))

    (copydesk-check "diagnostics: unattributed-quote in ¶36"
      (let* ((want (1- (nth 35 para-lines)))
             (hit (copydesk-check-wait
                   (lambda ()
                     (cl-some (lambda (params)
                                (cl-some (lambda (d)
                                           (and (equal (plist-get d :code) "unattributed-quote") d))
                                         (plist-get params :diagnostics)))
                              copydesk-check-published)))))
        (cond ((not hit)
               (format "no unattributed-quote diagnostic (%d notifications)" (length copydesk-check-published)))
              ((/= (plist-get (plist-get (plist-get hit :range) :start) :line) want)
               (format "unattributed-quote at line %d, expected %d (¶36)"
                       (1+ (plist-get (plist-get (plist-get hit :range) :start) :line)) (1+ want)))
              (t t))))

    (copydesk-check "hover on \"Gerges\" (¶10) shows Fawaz Gerges"
      (goto-char (point-min))
      (forward-line (1- (nth 9 para-lines)))
      (if (not (search-forward "said Gerges" (line-end-position) t))
          "\"said Gerges\" not found in ¶10"
        (backward-char 3)
        (let* ((result (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                        (eglot--TextDocumentPositionParams)))
               (text (format "%S" result)))
          (if (string-match-p "Fawaz Gerges" text) t
            (format "hover does not name Fawaz Gerges: %s" (truncate-string-to-width text 200))))))))

(copydesk-check-finish)
;;; check.el ends here
