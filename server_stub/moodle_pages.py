"""HTML of the Moodle stand-in, with Moodle's own English strings where a student would read them.

The stand-in plays a site with only English installed (Moodle's default installation), so its
pages are in English only; lockdown's own texts are the ones that must exist in French too.
"""

from __future__ import annotations

import json
from html import escape

from server_stub.moodle_quiz import SEB_DOWNLOAD, Quiz, SebMode, Verdict, config_url

SEB_REQUIRED = ("This quiz has been configured so that students may only attempt it using the "
                "Safe Exam Browser.")
CLIENT_REQUIRES_SEB = "This quiz has been configured to use the Safe Exam Browser with client configuration."
INVALID_KEYS = ("The config key or browser exam keys could not be validated. Please ensure you are using the "
                "Safe Exam Browser with correct configuration file.")
LAUNCH = "Launch Safe Exam Browser"
DOWNLOAD_CONFIG = "Download configuration"
DOWNLOAD_SEB = "Download Safe Exam Browser"
INVALID_LOGIN = "Invalid login, please try again"


def page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n{head}</head>\n<body>\n"
            f'<div id="page"><div id="region-main">\n{body}\n</div></div>\n</body>\n</html>\n')


def login_page(logintoken: str, error: str = "") -> str:
    notice = f'<div class="alert alert-danger" role="alert" id="loginerrormessage">{escape(error)}</div>\n' \
        if error else ""
    return page("Log in to the site", f"""<h1>Log in</h1>
{notice}<form class="login-form" action="/login/index.php" method="post" id="login">
<input type="hidden" name="logintoken" value="{escape(logintoken)}">
<p><label for="username">Username</label>
<input type="text" name="username" id="username" value="" autocomplete="username"></p>
<p><label for="password">Password</label>
<input type="password" name="password" id="password" value="" autocomplete="current-password"></p>
<p><button type="submit" class="btn btn-primary" id="loginbtn">Log in</button></p>
</form>""")


def message_page(title: str, message: str, link: tuple[str, str] | None = None) -> str:
    extra = f'\n<p><a href="{escape(link[0])}">{escape(link[1])}</a></p>' if link else ""
    return page(title, f"<h1>{escape(title)}</h1>\n<p>{escape(message)}</p>{extra}")


def _link_button(href: str, label: str, ident: str) -> str:
    """Moodle renders Launch/Download as links, not forms (no warning for an unknown scheme)."""
    return (f'<div class="singlebutton"><a href="{escape(href)}" class="btn btn-secondary" '
            f'title="{escape(label)}" id="{ident}">{escape(label)}</a></div>')


def _download_seb_button() -> str:
    return (f'<div class="singlebutton"><form method="get" action="{SEB_DOWNLOAD}">'
            f'<button type="submit" class="btn btn-secondary" id="sebdownload">{DOWNLOAD_SEB}</button>'
            f"</form></div>")


_CHECK_JS = """(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("quizaccess-seb").textContent);
  var seb = window.SafeExamBrowser;
  if (!seb || !seb.security) { return; }
  function say(text) { document.getElementById("seb-status").textContent = text; }
  function check() {
    say("Checking Safe Exam Browser keys...");
    var request = [{index: 0, methodname: "quizaccess_seb_validate_quiz_keys", args: {
      cmid: cfg.cmid, url: window.location.href,
      configkey: seb.security.configKey, browserexamkey: seb.security.browserExamKey}}];
    fetch(cfg.wwwroot + "/lib/ajax/service.php?sesskey=" + encodeURIComponent(cfg.sesskey) +
          "&info=quizaccess_seb_validate_quiz_keys",
          {method: "POST", credentials: "same-origin", headers: {"Content-Type": "application/json"},
           body: JSON.stringify(request)})
      .then(function (r) { return r.json(); })
      .then(function (replies) {
        var reply = replies[0];
        if (reply.error) { say(reply.exception.message); return; }
        if (reply.data.configkey && reply.data.browserexamkey) { window.location.reload(); return; }
        if (cfg.autoreconfigure && reply.data.configkey === false) { document.location.replace(cfg.seblink); }
        say(cfg.invalidkeys);
      })
      .catch(function (e) { say(String(e)); });
  }
  if (seb.security.configKey !== ":" || seb.security.browserExamKey !== ":") { check(); }
  else { seb.security.updateKeys(check); }
})();"""
"""What Moodle's quizaccess_seb/validate_quiz_access module does on a prevented quiz page."""


def quiz_prevented(quiz: Quiz, verdict: Verdict, wwwroot: str, sesskey: str, autoreconfigure: bool,
                   using_seb: bool) -> str:
    """The quiz page when prevent_access says no: the reason, then the buttons rule.php shows."""
    seblink = config_url(wwwroot, quiz.cmid, seb=True)
    if verdict.reason == "not_seb":
        message = escape(CLIENT_REQUIRES_SEB) + f"<div>{_download_seb_button()}</div>"
    else:
        buttons = _download_seb_button()
        if quiz.checks_config_key:
            buttons += _link_button(seblink, LAUNCH, "seblaunch")
            buttons += _link_button(config_url(wwwroot, quiz.cmid, seb=False), DOWNLOAD_CONFIG, "sebconfig")
        message = (escape(INVALID_KEYS) if using_seb else "") + f"<div>{buttons}</div>"
    settings = json.dumps({"cmid": quiz.cmid, "wwwroot": wwwroot, "sesskey": sesskey,
                           "autoreconfigure": autoreconfigure, "seblink": seblink,
                           "invalidkeys": INVALID_KEYS}).replace("<", "\\u003c")
    head = f'<script type="application/json" id="quizaccess-seb">{settings}</script>\n'
    scripts = f"<script>{_CHECK_JS}</script>"
    if verdict.reconfigure:
        scripts += f"\n<script>document.location.replace({json.dumps(seblink)});</script>"
    body = f"""<h1>{escape(quiz.name)}</h1>
<div class="box quizinfo"><p>{escape(SEB_REQUIRED)}</p></div>
<div class="box quizattempt" id="quizaccess-message">{message}</div>
<p id="seb-status" role="status" aria-live="polite"></p>
{scripts}"""
    return page(quiz.name, body, head)


def quiz_attempt(quiz: Quiz, sesskey: str, answer: str | None) -> str:
    """The attempt: one question, saved through processattempt.php, and the way out (the quit link)."""
    saved = '<p role="status" id="saved">Answer saved.</p>\n' if answer is not None else ""
    kind = "configured manually" if quiz.mode == SebMode.CONFIG_MANUALLY else "SEB client configuration"
    body = f"""<h1>{escape(quiz.name)}</h1>
<p>Safe Exam Browser: {kind}.</p>
{saved}<form method="post" action="/mod/quiz/processattempt.php" id="responseform">
<input type="hidden" name="cmid" value="{quiz.cmid}">
<input type="hidden" name="sesskey" value="{escape(sesskey)}">
<p><label for="answer">Question 1: What is the capital city of Canada?</label></p>
<p><textarea id="answer" name="answer" rows="4" cols="60">{escape(answer or "")}</textarea></p>
<p><button type="submit" class="btn btn-secondary" id="save">Save answer</button></p>
</form>
<p><a href="{escape(quiz.quit_url)}" class="btn btn-primary" id="finish">Finish attempt</a></p>"""
    return page(quiz.name, body)
